"""The data directory and the SQLite database are for the account that runs the site only (issue 18 item 5):
var/ 0700, the database and its -wal/-shm files 0600, whatever the umask; an older install is tightened."""

import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRITE = (
    "import django; django.setup()\n"
    "from django.db import connection\n"
    "with connection.cursor() as c:\n"
    "    c.execute('create table if not exists t (x int)'); c.execute('insert into t values (1)')\n"
    "    c.execute('select count(*) from t'); print(c.fetchone()[0])\n"
)


def _run(data_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANGJIAN_", "DJANGO_", "PG"))}
    env.update(
        DJANGO_SETTINGS_MODULE="dangjian.settings",
        DJANGO_DB="sqlite",
        DANGJIAN_DATA_DIR=str(data_dir),
        DANGJIAN_SECRET_KEY="x" * 60,
        DANGJIAN_FIELD_KEY=os.environ.get("DANGJIAN_FIELD_KEY", ""),
    )
    if not env["DANGJIAN_FIELD_KEY"]:
        env.pop("DANGJIAN_FIELD_KEY")
    # A permissive umask, as a shell often has: the modes must not depend on it.
    r = subprocess.run(
        [sys.executable, "-c", WRITE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert r.returncode == 0, r.stderr


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_fresh_data_directory_and_database_are_owner_only(tmp_path):
    data = tmp_path / "var"
    _run(data)
    db = data / "dangjian.sqlite3"
    assert _mode(data) == 0o700
    assert db.stat().st_size > 0 and _mode(db) == 0o600
    for extra in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        if extra.exists():
            assert _mode(extra) == 0o600, extra


def test_an_older_world_readable_install_is_tightened_at_start(tmp_path):
    data = tmp_path / "var"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    db = data / "dangjian.sqlite3"
    db.touch()
    db.chmod(0o644)
    _run(data)
    assert _mode(data) == 0o700 and _mode(db) == 0o600

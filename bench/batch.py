"""Every branch's work summary in one batch: ``dangjian report summary --org ROOT --each-branch`` in a subprocess.

``run(root_org) -> dict``: ``batch_s`` wall time for all branches (with the command's progress bar on
stderr), ``per_branch_ms``, ``batch_peak_mb`` (GNU time -v) and ``files`` written (one .docx per branch).
Slow by nature (2,500 documents), so bench/run.py measures it only when asked: ``--only batch``.
"""

import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timing import script_main  # noqa: E402


def run(root_org, *, year: int | None = None) -> dict:
    year = year or datetime.date.today().year
    cli = str(Path(sys.executable).with_name("dangjian"))
    timer = shutil.which("time") or "/usr/bin/time"
    with tempfile.TemporaryDirectory(prefix="dangjian-batch-") as out:
        cmd = [
            timer,
            "-v",
            cli,
            "report",
            "summary",
            "--org",
            root_org.code,
            "--year",
            str(year),
            "--out",
            out,
            "--each-branch",
            "--fresh",
        ]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, env=dict(os.environ), capture_output=True, text=True)
        wall = time.perf_counter() - t0
        files = len(list(Path(out).glob("*.docx")))
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    return {
        "exit_code": proc.returncode,
        "files": files,
        "batch_s": round(wall, 1),
        "per_branch_ms": round(wall * 1000 / files, 1) if files else None,
        "batch_peak_mb": round(int(rss.group(1)) / 1024, 1) if rss else None,
        "progress_bar": "[" in proc.stderr and f"{files}/{files}" in proc.stderr,
        "stdout": proc.stdout.strip()[-200:],
    }


if __name__ == "__main__":  # .venv/bin/python bench/batch.py ROOTCODE (with DANGJIAN_DATA_DIR set)
    script_main(run)

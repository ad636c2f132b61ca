"""The external probe (issue #18 item 7): the server as deployed — `dangjian serve` (gunicorn, DEBUG off) on a
throwaway data directory with the demo data — probed over HTTP by an outside client, as anonymous, a member,
another branch's secretary and the bureau officer; then the login, session, upload, concurrent-edit, backup and
audit controls tried the way an attacker or a user would. Nothing here imports the code under test: the server
is a subprocess, the client is `requests`, the database is read and tampered with by `sqlite3`.

The figures (routes × personas requests, leaks) are printed at the end of the run and written to
var/probe/report.json for the closing note.
"""

import base64
import hashlib
import hmac
import io
import json
import os
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent / "dangjian"
PASSPHRASE = "probe-backup-口令-2026"
IDLE_MINUTES = "0.15"  # 9 seconds: the idle timeout is tried for real, not simulated
STALE = "该记录已被他人修改，请刷新后重试"
FIGURES: dict = {}

# Routes a visitor may open without logging in (README: 公开页、登录页、接口文档).
PUBLIC = ("login/", "logout/", "public/", "api/v1/openapi.json", "api/v1/docs", "ui/font-size/")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(data_dir: Path) -> dict:
    # Not the test process's own switches: DANGJIAN_*, the DB leg, and the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE
    # (a deployment never sets it, and `check --deploy` rightly refuses it).
    skip = ("DANGJIAN_", "DJANGO_DB", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
    env.update(
        DANGJIAN_DATA_DIR=str(data_dir),
        DANGJIAN_DEBUG="0",
        DANGJIAN_SESSION_IDLE_MINUTES=IDLE_MINUTES,
        DANGJIAN_BACKUP_PASSPHRASE=PASSPHRASE,
        DJANGO_SETTINGS_MODULE="dangjian.settings",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def _run(env, *args, check=True, timeout=300):
    r = subprocess.run([str(BIN), *args], env=env, capture_output=True, text=True, timeout=timeout, cwd=REPO)
    if check and r.returncode:
        raise AssertionError(f"dangjian {' '.join(args)} → {r.returncode}\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
    return r


class Server:
    def __init__(self, data_dir: Path):
        self.data_dir, self.env, self.port = data_dir, _env(data_dir), _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.db = data_dir / "dangjian.sqlite3"

    def url(self, path: str) -> str:
        return self.base + path

    def login(self, username: str, password: str | None = None) -> requests.Session:
        s = requests.Session()
        r = s.post(
            self.url("/login/"),
            data={
                "username": username,
                "password": password or f"{username}123",
                "csrfmiddlewaretoken": self._csrf(s, "/login/"),
            },
            allow_redirects=False,
            timeout=30,
        )
        assert r.status_code == 302, f"{username} could not log in: {r.status_code} {r.text[:300]}"
        s.probe_user = username
        return s

    def _csrf(self, s: requests.Session, path: str) -> str:
        r = s.get(self.url(path), timeout=30)
        m = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', r.text)
        assert m, f"no CSRF token on {path}: {r.status_code}"
        return m.group(1)

    def post_form(self, s, path, data, files=None, **kw):
        data = {**data, "csrfmiddlewaretoken": s.cookies.get("csrftoken") or self._csrf(s, path)}
        return s.post(self.url(path), data=data, files=files, headers={"Referer": self.url(path)}, timeout=60, **kw)

    def sql(self, query, *args):
        with sqlite3.connect(self.db, timeout=30) as con:
            return con.execute(query, args).fetchall()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("probe-data")
    srv = Server(data_dir)
    t0 = time.monotonic()
    template = os.environ.get("PROBE_DATA_TEMPLATE")  # a developer's shortcut: a data dir with the demo loaded
    if template and Path(template, "dangjian.sqlite3").exists():
        shutil.copytree(template, data_dir, dirs_exist_ok=True)
        _run(srv.env, "migrate", "--noinput", "-v0")
    else:
        _run(srv.env, "migrate", "--noinput", "-v0")
        _run(srv.env, "demo")
    out = _run(srv.env, "shell", "-c", (REPO / "tests" / "probe" / "inventory.py").read_text()).stdout
    srv.inventory = json.loads(out.split("PROBE-INVENTORY ", 1)[1])
    srv.tokens = srv.inventory["tokens"]
    log = open(data_dir / "serve.log", "w")
    proc = subprocess.Popen(
        [str(BIN), "serve", "--bind", f"127.0.0.1:{srv.port}", "--workers", "2"],
        env=srv.env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=REPO,
        start_new_session=True,
    )
    try:
        for _ in range(120):
            try:
                if requests.get(srv.url("/login/"), timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert proc.poll() is None, (data_dir / "serve.log").read_text()[-3000:]
            time.sleep(0.5)
        else:
            raise AssertionError("dangjian serve did not answer within 60 s")
        FIGURES["setup_seconds"] = round(time.monotonic() - t0, 1)
        srv.proc = proc
        yield srv
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


# ---------------------------------------------------------------------------------------------- scope walk

PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def _model_for(before: str, module: str, ids: dict) -> list[str]:
    """The model keys an int parameter most likely names: the word before it (``cases/<int:pk>`` → Case),
    else the models of the view's app."""
    words = [w for w in re.split(r"[/<>.:]", PARAM.sub("", before)) if w]
    parts = module.split(".")
    app = parts[1] if len(parts) > 1 else ""
    if app == "api" and len(parts) > 2:
        app = {
            "stats": "members",
            "member_schemas": "members",
            "transfer_schemas": "members",
            "plans_records": "plans",
            "plans_tasks": "plans",
            "plans_notices": "plans",
            "plans_work": "plans",
            "audit": "core",
        }.get(parts[2], parts[2])
    candidates = [k for k in ids if k.split(".")[0] == app]
    seg = words[-1].lower() if words else ""
    seg = {"people": "person", "members": "person", "cases": "case"}.get(seg, seg.rstrip("s"))
    exact = [k for k in candidates if k.split(".")[1].lower() == seg]
    if exact:
        return exact, True
    loose = [k for k in candidates if seg and seg.replace("-", "") in k.split(".")[1].lower()]
    return (loose or candidates)[:1], False


def _fill(route: str, module: str, persona: dict, year: int):
    """A concrete path for this persona: its foreign org's code, foreign object ids, this year. ``confident``
    says every id was matched to its model by name, so a 2xx there is another branch's record."""
    confident, out = True, ""
    last = 0
    for m in PARAM.finditer(route):
        conv, name = m.group(1) or "str", m.group(2)
        out += route[last : m.start()]
        last = m.end()
        if name == "year":
            value = str(year)
        elif conv == "int":
            keys, exact = _model_for(route[: m.start()], module, persona["ids"])
            value = str(persona["ids"][keys[0]]) if keys else "1"
            confident = confident and exact
        elif name in ("code", "org_code", "org"):
            value = persona["foreign_code"]
        elif name == "fmt":
            value = "xlsx"
        else:
            confident, value = False, "probe"
        out += value
    out += route[last:]
    return "/" + out, confident


def _text(r: requests.Response) -> str:
    if "json" in r.headers.get("Content-Type", ""):
        try:
            return json.dumps(r.json(), ensure_ascii=False)
        except ValueError:
            pass
    return r.text if "text" in r.headers.get("Content-Type", "") or "json" in r.headers.get("Content-Type", "") else ""


def _leaked_names(body: str, names: list[str]) -> list[str]:
    return [n for n in names if n in body]


def _is_login_wall(r: requests.Response) -> bool:
    if r.status_code in (401, 403, 404, 405):
        return True
    return r.status_code in (301, 302) and urlsplit(r.headers.get("Location", "")).path.startswith("/login/")


def _get(s, srv, path, persona_name):
    r = s.get(srv.url(path), allow_redirects=False, timeout=120)
    # a long request (a whole-year PDF) may outlast the probe's short idle timeout: log in again, once
    if persona_name != "anonymous" and r.status_code == 302 and r.headers.get("Location", "").startswith("/login/"):
        fresh = srv.login(s.probe_user)
        s.cookies = fresh.cookies
        r = s.get(srv.url(path), allow_redirects=False, timeout=120)
    return r


def test_every_route_as_every_persona_leaks_nothing(server):
    inv = server.inventory
    year = inv["year"]
    routes = [r for r in inv["routes"] if not r["route"].startswith("api/")]
    sessions = {"anonymous": requests.Session()}
    for persona in ("member", "other_secretary", "bureau"):
        sessions[persona] = server.login(inv["personas"][persona]["username"])
    leaks, errors, count, slow = [], [], 0, []
    # The canaries can be seen: the bureau officer, whose scope holds every branch, finds other branches'
    # people on a roster page — the same names whose appearance anywhere else counts as a leak.
    roster = sessions["bureau"].get(
        server.url(f"/orgs/{inv['personas']['member']['foreign_code']}/roster/"), timeout=60
    )
    assert _leaked_names(roster.text, inv["personas"]["member"]["foreign_names"])
    for route in routes:
        for persona_name, s in sessions.items():
            persona = inv["personas"][persona_name]
            path, confident = _fill(route["route"], route["module"], persona, year)
            t = time.monotonic()
            r = _get(s, server, path, persona_name)
            slow.append((round(time.monotonic() - t, 2), persona_name, path))
            count += 1
            body = _text(r)
            if r.status_code >= 500:
                errors.append(f"{persona_name} GET {path} → {r.status_code}")
            if persona_name == "anonymous":
                if not route["route"].startswith(PUBLIC) and route["route"] != "" and not _is_login_wall(r):
                    leaks.append(f"anonymous GET {path} → {r.status_code} (expected the login page or 401)")
                if route["route"] == "" and not _is_login_wall(r):
                    leaks.append(f"anonymous GET / → {r.status_code}")
            names = _leaked_names(body, persona["foreign_names"])  # error pages may not echo them either
            if names and persona["has_foreign"]:
                leaks.append(f"{persona_name} GET {path} → {r.status_code} shows {names[:3]}")
            if (
                persona_name in ("member", "other_secretary")
                and PARAM.search(route["route"])
                and not route["route"].startswith(PUBLIC)
                and 200 <= r.status_code < 300
            ):
                targets_foreign = "<str:code>" in route["route"] or (confident and _aims_at_id(route["route"]))
                if targets_foreign and not _allowed_foreign_read(route["route"], persona_name):
                    leaks.append(f"{persona_name} GET {path} → {r.status_code} (another branch's record)")
    FIGURES["pages"] = {
        "routes": len(routes),
        "personas": len(sessions),
        "requests": count,
        "leaks": len(leaks),
        "server_errors": len(errors),
        "slowest": sorted(slow)[-8:],
    }
    assert not errors, "\n".join(errors[:40])
    assert not leaks, "\n".join(leaks[:60])


def _aims_at_id(route: str) -> bool:
    return bool(re.search(r"<int:(?!year>)\w+>", route))


def _allowed_foreign_read(route: str, persona: str) -> bool:
    """Reads of another org's page that are open by design (README), not leaks."""
    return False


def test_every_openapi_operation_as_every_persona_leaks_nothing(server):
    inv = server.inventory
    year = inv["year"]
    spec = requests.get(server.url("/api/v1/openapi.json"), timeout=30).json()
    auth = {"anonymous": {}}
    for persona in ("member", "other_secretary", "bureau"):
        auth[persona] = {"Authorization": f"Bearer {server.tokens[inv['personas'][persona]['username']]}"}
    leaks, errors, count, ops, write_statuses = [], [], 0, 0, {}
    module_of = {}
    for r in inv["routes"]:
        if r["route"].startswith("api/v1/"):
            module_of[re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", r["route"][len("api/v1") :])] = r["module"]
    for path, item in spec["paths"].items():
        api_path = path[len("/api/v1") :] if path.startswith("/api/v1") else path
        route = re.sub(
            r"\{(\w+)\}",
            lambda m: f"<{'int' if m.group(1) in ('id', 'pk') or m.group(1).endswith('_id') else 'str'}:{m.group(1)}>",
            api_path,
        )
        module = module_of.get(api_path, "dangjian.api." + api_path.strip("/").split("/")[0])
        for method, op in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            ops += 1
            has_param = "{" in path
            for persona_name, headers in auth.items():
                persona = inv["personas"][persona_name]
                if method != "get" and not (has_param and (persona["has_foreign"] or persona_name == "anonymous")):
                    continue  # writes are tried only where they aim at another branch's ids
                concrete, confident = _fill("api/v1" + route, module, persona, year)
                if "{" in concrete:
                    continue
                kw = {"json": {}} if method != "get" else {}
                r = requests.request(
                    method.upper(), server.url(concrete), headers=headers, allow_redirects=False, timeout=120, **kw
                )
                count += 1
                if method != "get" and persona_name != "anonymous":
                    write_statuses[str(r.status_code)] = write_statuses.get(str(r.status_code), 0) + 1
                if r.status_code >= 500:
                    errors.append(f"{persona_name} {method.upper()} {concrete} → {r.status_code}")
                if persona_name == "anonymous":
                    if (
                        not path.endswith(("openapi.json", "/docs"))
                        and "/public" not in path
                        and r.status_code != 401
                        and r.status_code not in (404, 405)
                    ):
                        leaks.append(f"anonymous {method.upper()} {concrete} → {r.status_code} (expected 401)")
                    continue
                if method != "get" and 200 <= r.status_code < 300:
                    leaks.append(f"{persona_name} {method.upper()} {concrete} → {r.status_code} (wrote another branch)")
                if persona["has_foreign"]:  # 422 details included: an error must not echo another branch's data
                    names = _leaked_names(_text(r), persona["foreign_names"])
                    if names:
                        leaks.append(f"{persona_name} {method.upper()} {concrete} → shows {names[:3]}")
                    if (
                        method == "get"
                        and has_param
                        and persona_name != "bureau"
                        and 200 <= r.status_code < 300
                        and ("{code}" in path or (confident and _aims_at_id(route)))
                    ):
                        leaks.append(f"{persona_name} GET {concrete} → {r.status_code} (another branch's record)")
    FIGURES["api"] = {
        "operations": ops,
        "personas": len(auth),
        "requests": count,
        "leaks": len(leaks),
        "server_errors": len(errors),
        "foreign_write_statuses": write_statuses,
    }
    assert not errors, "\n".join(errors[:40])
    assert not leaks, "\n".join(leaks[:60])


# ------------------------------------------------------------------------------ controls, tried from outside


def _person_in(server, code: str) -> int:
    return server.sql(
        "SELECT p.id FROM members_person p JOIN orgs_org o ON o.id = p.org_id "
        "WHERE o.code = ? AND p.on_roll ORDER BY p.id LIMIT 1",
        code,
    )[0][0]


def test_weak_password_refused_on_the_change_page(server):
    s = server.login("kunshan")
    for weak in ("password", "kunshan123", "12345678", "abcdefgh"):
        r = server.post_form(
            s,
            "/account/password/",
            {"old_password": "kunshan123", "new_password1": weak, "new_password2": weak},
            allow_redirects=False,
        )
        assert r.status_code == 200, f"weak password {weak!r} was accepted ({r.status_code})"
        said = re.findall(r'class="(?:text-danger small|alert alert-danger)">([^<]+)<', r.text)
        assert said and all(re.search(r"[\u4e00-\u9fff]", m) for m in said), (weak, said)  # why, in Chinese
    server.login("kunshan")  # the old password still works: nothing was changed
    strong = "Probe-2026-kS!"
    r = server.post_form(
        s,
        "/account/password/",
        {"old_password": "kunshan123", "new_password1": strong, "new_password2": strong},
        allow_redirects=False,
    )
    assert r.status_code == 302, "a strong password is accepted (the page can say yes)"
    server.login("kunshan", strong)


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def test_html_and_svg_uploads_are_refused(server):
    s = server.login("feilong")
    meeting = server.sql(
        "SELECT m.id FROM meetings_meeting m JOIN orgs_org o ON o.id = m.org_id "
        "WHERE o.code = 'FLZX' ORDER BY m.id LIMIT 1"
    )[0][0]
    count = lambda: server.sql("SELECT COUNT(*) FROM meetings_meetingattachment")[0][0]  # noqa: E731
    before = count()
    html = b"<!doctype html><html><body><script>fetch('/api/v1/accounts/me')</script></body></html>"
    svg = (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)">'
        b"<script>alert(1)</script></svg>"
    )
    for name, body, ctype in (
        ("photo.html", html, "text/html"),
        ("photo.jpg", html, "image/jpeg"),
        ("photo.svg", svg, "image/svg+xml"),
        ("photo.png", svg, "image/png"),
    ):
        r = server.post_form(
            s,
            f"/meetings/{meeting}/attachments/",
            {"kind": "photo", "title": name},
            files={"file": (name, body, ctype)},
        )
        assert r.status_code == 200 and count() == before, f"{name} ({ctype}) was stored"
        assert f"“{name}”不能上传" in r.text, r.text[:1500]  # the meeting page says why, in Chinese
    r = server.post_form(
        s,
        f"/meetings/{meeting}/attachments/",
        {"kind": "photo", "title": "合影"},
        files={"file": ("photo.png", _png(), "image/png")},
    )
    assert count() == before + 1, "a real photo is accepted (the endpoint can say yes)"
    att = server.sql("SELECT id FROM meetings_meetingattachment ORDER BY id DESC LIMIT 1")[0][0]
    got = s.get(server.url(f"/meetings/attachment/{att}/"), timeout=30)
    assert got.status_code == 200 and got.headers.get("X-Content-Type-Options") == "nosniff"
    assert got.content[:8] == b"\x89PNG\r\n\x1a\n" or got.content[:3] == b"\xff\xd8\xff"


def test_two_concurrent_edits_of_one_person_one_is_refused(server):
    from tests.html_form import form_data

    pk = _person_in(server, "FLZX")
    a, b = server.login("feilong"), server.login("weiyuan")
    page_a = a.get(server.url(f"/people/{pk}/edit/"), timeout=30)
    page_b = b.get(server.url(f"/people/{pk}/edit/"), timeout=30)
    assert page_a.status_code == page_b.status_code == 200
    data_a = form_data(page_a.text, containing="version", phone="13800001111")
    data_b = form_data(page_b.text, containing="version", phone="13900002222")
    ra = server.post_form(a, f"/people/{pk}/edit/", data_a, allow_redirects=False)
    rb = server.post_form(b, f"/people/{pk}/edit/", data_b, allow_redirects=False)
    assert ra.status_code == 302, ra.text[:2000]
    assert rb.status_code == 409 and STALE in rb.text
    assert server.sql("SELECT phone FROM members_person WHERE id = ?", pk)[0][0] == "13800001111"


def test_idle_session_ends(server):
    s = server.login("feilong")
    assert s.get(server.url("/orgs/"), allow_redirects=False, timeout=30).status_code == 200
    time.sleep(float(IDLE_MINUTES) * 60 + 1.5)
    r = s.get(server.url("/orgs/"), allow_redirects=False, timeout=30)
    assert r.status_code == 302 and r.headers["Location"].startswith("/login/")
    token_api = s.get(server.url("/api/v1/orgs/"), allow_redirects=False, timeout=30)
    assert token_api.status_code == 401


def test_check_deploy_behind_https_reports_no_warnings(tmp_path):
    env = _env(tmp_path)
    env.update(DANGJIAN_HTTPS="1", DANGJIAN_ORIGIN="https://dangjian.example.edu.cn")
    r = _run(env, "check", "--deploy", "--fail-level", "WARNING", check=False)
    FIGURES["check_deploy"] = (r.stdout + r.stderr).strip()
    assert r.returncode == 0 and "no issues" in r.stdout, r.stdout + r.stderr


# Backup container (README: 口令加密、签名), implemented here from its published format as a forger would.
MAGIC = b"DANGJIAN-BACKUP-2\n"


def _key(passphrase: str, head: dict) -> bytes:
    return hashlib.scrypt(
        passphrase.encode(),
        salt=base64.b64decode(head["salt"]),
        n=head["n"],
        r=head["r"],
        p=head["p"],
        dklen=32,
        maxmem=256 * head["r"] * head["n"] + (1 << 20),
    )


def _decrypt(blob: bytes, passphrase: str) -> bytes:
    assert blob.startswith(MAGIC)
    line_end = blob.index(b"\n", len(MAGIC)) + 1
    head_line = blob[len(MAGIC) : line_end]
    head = json.loads(head_line)
    aes, prefix, aad = AESGCM(_key(passphrase, head)), base64.b64decode(head["nonce_prefix"]), MAGIC + head_line
    out, pos, index = [], line_end, 0
    while pos < len(blob):
        (size,) = struct.unpack(">I", blob[pos : pos + 4])
        sealed = blob[pos + 4 : pos + 4 + size]
        pos += 4 + size
        last = pos >= len(blob)
        out.append(aes.decrypt(prefix + struct.pack(">I", index) + (b"\x01" if last else b"\x00"), sealed, aad))
        index += 1
    return b"".join(out)


def _encrypt(plain: bytes, passphrase: str) -> bytes:
    head = {
        "kdf": "scrypt",
        "n": 1 << 15,
        "r": 8,
        "p": 1,
        "salt": base64.b64encode(secrets.token_bytes(16)).decode(),
        "cipher": "AES-256-GCM",
        "nonce_prefix": base64.b64encode(secrets.token_bytes(7)).decode(),
        "chunk": 1 << 20,
    }
    key = _key(passphrase, head)
    head["check"] = base64.b64encode(hmac.new(key, b"passphrase-check", hashlib.sha256).digest()[:16]).decode()
    head_line = json.dumps(head, sort_keys=True).encode() + b"\n"
    aes, prefix, aad = AESGCM(key), base64.b64decode(head["nonce_prefix"]), MAGIC + head_line
    chunks = [plain[i : i + head["chunk"]] for i in range(0, len(plain), head["chunk"])] or [b""]
    out = [aad]
    for i, chunk in enumerate(chunks):
        sealed = aes.encrypt(prefix + struct.pack(">I", i) + (b"\x01" if i == len(chunks) - 1 else b"\x00"), chunk, aad)
        out.append(struct.pack(">I", len(sealed)) + sealed)
    return b"".join(out)


def test_forged_backup_with_recomputed_checksums_is_refused(server, tmp_path):
    real = tmp_path / "real.zip"
    _run(server.env, "backup", "--out", str(real))
    plain = _decrypt(real.read_bytes(), PASSPHRASE)
    src = zipfile.ZipFile(io.BytesIO(plain))
    manifest = json.loads(src.read("manifest.json"))
    table = next(t for t in manifest["tables"] if t["model"] == "members.person")
    data = src.read(table["file"])
    assert hashlib.sha256(data).hexdigest() == table["sha256"]  # our reading of the format is right
    pk = _person_in(server, "FLZX")
    name = server.sql("SELECT name FROM members_person WHERE id = ?", pk)[0][0]
    forged_rows = data.replace(json.dumps(name, ensure_ascii=False).encode(), '"冒名顶替"'.encode())
    assert forged_rows != data
    table["sha256"] = hashlib.sha256(forged_rows).hexdigest()
    audit = next(t for t in manifest["tables"] if t["model"] == "core.auditevent")
    audit_rows = src.read(audit["file"]).splitlines(keepends=True)[:-3]  # and drop the last audit rows
    audit.update(rows=len(audit_rows), sha256=hashlib.sha256(b"".join(audit_rows)).hexdigest())
    manifest["total_rows"] = sum(t["rows"] for t in manifest["tables"])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == table["file"]:
                body = forged_rows
            elif info.filename == audit["file"]:
                body = b"".join(audit_rows)
            elif info.filename == "manifest.json":
                body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            out.writestr(info.filename, body)
    forged = tmp_path / "forged.zip"
    forged.write_bytes(_encrypt(buf.getvalue(), PASSPHRASE))
    audit_before = server.sql("SELECT COUNT(*) FROM core_auditevent")[0][0]
    r = _run(server.env, "restore", str(forged), "--yes", check=False)
    assert r.returncode != 0
    assert re.search(r"[\u4e00-\u9fff]", r.stderr + r.stdout) and "签名" in r.stderr + r.stdout, r.stderr + r.stdout
    assert server.sql("SELECT name FROM members_person WHERE id = ?", pk)[0][0] == name
    assert server.sql("SELECT COUNT(*) FROM core_auditevent")[0][0] >= audit_before


def test_audit_verify_passes_then_catches_a_tampered_row(server):
    ok = _run(server.env, "audit", "verify", check=False)
    assert ok.returncode == 0 and "审计日志完整" in ok.stdout, ok.stdout + ok.stderr
    rows = server.sql("SELECT id FROM core_auditevent ORDER BY id")
    victim = rows[len(rows) // 2][0]
    with sqlite3.connect(server.db, timeout=30) as con:  # as an attacker with the database file would
        for (trigger,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'core_auditevent'"
        ):
            con.execute(f'DROP TRIGGER "{trigger}"')
        cols = [c[1] for c in con.execute("PRAGMA table_info(core_auditevent)")]
        field = "summary" if "summary" in cols else ("kind" if "kind" in cols else cols[-1])
        con.execute(f'UPDATE core_auditevent SET "{field}" = "{field}" || \'x\' WHERE id = ?', (victim,))
    bad = _run(server.env, "audit", "verify", check=False)
    assert bad.returncode != 0
    assert str(victim) in bad.stdout + bad.stderr and re.search(r"[\u4e00-\u9fff]", bad.stdout + bad.stderr)
    FIGURES["audit_verify"] = {"intact": ok.stdout.strip(), "tampered": (bad.stdout + bad.stderr).strip()[:300]}


def test_lockout_after_five_wrong_passwords(server):
    # Last in this file: the lockout is per account and per address, and every request here is from 127.0.0.1.
    s = requests.Session()
    for _ in range(5):
        r = server.post_form(s, "/login/", {"username": "weiyuan", "password": "wrong-password"}, allow_redirects=False)
        assert r.status_code != 302
    r = server.post_form(s, "/login/", {"username": "weiyuan", "password": "weiyuan123"}, allow_redirects=False)
    assert r.status_code in (403, 429) and "锁定" in r.text, (r.status_code, r.text[:500])
    assert s.get(server.url("/orgs/"), allow_redirects=False, timeout=30).status_code == 302  # not logged in


@pytest.fixture(scope="module", autouse=True)
def _figures(request):
    request.config._probe_figures = FIGURES  # printed by tests/probe/conftest.py at the end of the run
    yield
    if FIGURES:
        out = REPO / "var" / "probe"
        out.mkdir(parents=True, exist_ok=True)
        (out / "report.json").write_text(json.dumps(FIGURES, ensure_ascii=False, indent=1))

"""Production mode: settings from the environment, `check --deploy`, `dangjian serve`, security headers,
Chinese error pages and API errors without tracebacks.

The deployment checks are Django's own (`check --deploy --fail-level WARNING` exits non-zero on any warning);
the headers are what a browser receives from the real gunicorn server started by `dangjian serve`."""

import logging
import logging.handlers
import os
import re
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import Client

DANGJIAN = str(Path(sys.executable).with_name("dangjian"))
HTTPS_ENV = {"DANGJIAN_HTTPS": "1", "DANGJIAN_ORIGIN": "https://dangjian.example.edu.cn"}


def run(args, data_dir, timeout=120, **env):
    """A `dangjian` command as an operator runs it: a fresh process with only the given DANGJIAN_* settings."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DANGJIAN_", "DJANGO_"))}
    clean.update(DANGJIAN_DATA_DIR=str(data_dir), DJANGO_DB="sqlite", **env)
    return subprocess.run([DANGJIAN, *args], capture_output=True, text=True, env=clean, timeout=timeout)


def test_check_deploy_behind_https_has_no_warnings_and_makes_a_private_key_file(tmp_path):
    result = run(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, **HTTPS_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout and "WARNING" not in result.stderr
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text().strip()
    assert len(key) >= 50 and len(set(key)) >= 5  # Django's own bar for a strong key (security.W009)
    # The next start reuses it (sessions survive restarts) instead of making another.
    assert run(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, **HTTPS_ENV).returncode == 0
    assert key_file.read_text().strip() == key


def test_check_deploy_without_https_names_the_insecure_cookies(tmp_path):
    # The same check is not vacuous: served over plain HTTP the cookies are not Secure, and Django says so.
    result = run(["check", "--deploy", "--fail-level", "WARNING"], tmp_path)
    assert result.returncode != 0
    assert {"security.W004", "security.W008", "security.W012", "security.W016"} <= set(
        re.findall(r"security\.W\d+", result.stderr)
    )


def test_configured_secret_key_is_used_and_no_key_file_is_written(tmp_path):
    key = "k" * 20 + "-configured-by-the-operator-0123456789"
    result = run(
        ["shell", "-v", "0", "-c", "from django.conf import settings; print(settings.SECRET_KEY)"],
        tmp_path,
        DANGJIAN_SECRET_KEY=key,
    )
    assert result.stdout.strip() == key
    assert not (tmp_path / "secret_key").exists()


def test_debug_is_on_only_with_dangjian_debug_1(tmp_path):
    probe = ["shell", "-v", "0", "-c", "from django.conf import settings; print(settings.DEBUG)"]
    assert run(probe, tmp_path).stdout.strip() == "False"
    assert run(probe, tmp_path, DANGJIAN_DEBUG="0").stdout.strip() == "False"
    assert run(probe, tmp_path, DANGJIAN_DEBUG="1").stdout.strip() == "True"


def test_makefile_run_target_turns_debug_on_and_takes_a_port():
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    dry = subprocess.run(
        ["make", "-n", "-s", "run", "PORT=8080", "-o", ".venv/.installed"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert "DANGJIAN_DEBUG=1" in dry.stdout and "runserver 127.0.0.1:8080" in dry.stdout, dry.stdout + makefile


def test_serve_refuses_debug_mode(tmp_path):
    result = run(["serve"], tmp_path, DANGJIAN_DEBUG="1")
    assert result.returncode != 0 and "调试模式" in result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.headers, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read().decode()


def test_serve_runs_gunicorn_with_security_headers_static_files_and_chinese_404(tmp_path):
    port = _free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DANGJIAN_", "DJANGO_"))}
    clean.update(DANGJIAN_DATA_DIR=str(tmp_path), DJANGO_DB="sqlite")
    proc = subprocess.Popen(
        [DANGJIAN, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=clean,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, headers, body = _get(f"http://127.0.0.1:{port}/login/")
                break
            except (ConnectionError, urllib.error.URLError):
                assert proc.poll() is None and time.monotonic() < deadline, "dangjian serve did not start"
                time.sleep(0.3)
        assert status == 200 and "党建工作管理系统" in body
        assert headers["Server"].startswith("gunicorn")
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["X-Frame-Options"] == "DENY"
        # DEBUG is off, and the vendored and page scripts are still served (no collectstatic step).
        for path in ("/static/js/app.js", "/static/vendor/htmx/htmx.min.js", "/static/css/app.css"):
            assert _get(f"http://127.0.0.1:{port}{path}")[0] == 200, path
        status, _, body = _get(f"http://127.0.0.1:{port}/no-such-page/")
        assert status == 404 and "页面不存在" in body and "返回上一页" in body and "Page not found" not in body
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert "gunicorn" in proc.stdout.read()


# --- Error pages and API errors, through the test client (DEBUG off as in production) ------------------------


def test_404_page_is_chinese_with_a_way_back(world, login):
    resp = login(world.alice).get("/orgs/NO-SUCH-ORG/")
    page = resp.content.decode()
    assert resp.status_code == 404
    assert "页面不存在" in page and "返回上一页" in page and 'href="/"' in page and "回到首页" in page
    assert "党建工作" in page  # the site's own layout, not Django's bare page


def test_403_page_is_chinese_and_shows_the_reason(world, login, settings, tmp_path):
    from tests.assessment.conftest import make_rubric

    settings.MEDIA_ROOT = tmp_path
    rubric = make_rubric(world)
    a = rubric.assessments.get(org=world.branch_a)
    resp = login(world.bob).post(f"/assessment/a/{a.pk}/", {"action": "submit"})  # the branch's turn, not bob's
    page = resp.content.decode()
    assert resp.status_code == 403 and "无权操作" in page and "当前环节不由您填写" in page and "返回上一页" in page


def test_500_page_is_chinese_and_the_traceback_goes_to_the_log(world, monkeypatch):
    def broken(user):
        raise RuntimeError("secret-internal-detail-500")

    monkeypatch.setattr("dangjian.site.views.top_orgs", broken)
    client = Client(raise_request_exception=False)
    client.force_login(world.bob)
    resp = client.get("/")
    page = resp.content.decode()
    assert resp.status_code == 500 and "系统出错" in page and "返回上一页" in page
    assert "secret-internal-detail-500" not in page and "Traceback" not in page
    assert "secret-internal-detail-500" in _log_text()


def _log_text() -> str:
    from django.conf import settings

    handlers = [h for h in logging.getLogger("django").handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert handlers, "no rotating log file configured"
    handler = handlers[0]
    handler.flush()
    path = Path(handler.baseFilename)
    assert path.parent == Path(settings.DATA_DIR) / "log"
    assert (handler.maxBytes, handler.backupCount) == (10 * 1024 * 1024, 5)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("debug", [False, True])
def test_api_error_is_chinese_json_without_traceback_even_in_debug(world, settings, monkeypatch, debug):
    settings.DEBUG = debug

    def broken(org, on=None):
        raise ZeroDivisionError("secret-internal-detail-api")

    monkeypatch.setattr("dangjian.members.stats.composition", broken)
    client = Client(raise_request_exception=False)
    client.force_login(world.alice)
    resp = client.get("/api/v1/stats/BRA")
    assert resp.status_code == 500 and resp["Content-Type"].startswith("application/json")
    body = resp.content.decode()
    assert "服务器内部错误" in resp.json()["detail"]
    assert "Traceback" not in body and "secret-internal-detail-api" not in body and "ZeroDivisionError" not in body
    log = _log_text()
    assert "secret-internal-detail-api" in log and "Traceback" in log and "/api/v1/stats/BRA" in log

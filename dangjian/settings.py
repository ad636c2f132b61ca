"""One env-driven settings file. DJANGO_DB=sqlite|postgres selects the database."""

import datetime
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("DANGJIAN_DATA_DIR", BASE_DIR.parent / "var"))
DATA_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)


def _owner_only(path: Path, mode: int) -> None:
    """Personal data (the database, uploads, logs, keys) is for the account that runs the site only: the data
    directory is 0700 and the SQLite files 0600 whatever the umask, and an older install is tightened at start."""
    try:
        if path.exists() and (path.stat().st_mode & 0o777) != mode:
            path.chmod(mode)
    except PermissionError:  # not ours to change (a shared directory set up by the operator): leave it
        pass


_owner_only(DATA_DIR, 0o700)


def _flag(name: str, default: str = "0") -> bool:
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


def _secret_key() -> str:
    """DANGJIAN_SECRET_KEY, else a random key generated once into DATA_DIR/secret_key (mode 0600) and reused."""
    configured = os.environ.get("DANGJIAN_SECRET_KEY", "").strip()
    if configured:
        return configured
    import secrets

    path = DATA_DIR / "secret_key"
    try:
        key = path.read_text().strip()
    except FileNotFoundError:
        key = ""
    if len(key) >= 50:
        return key
    # Write to a private temp file, then link it into place: never a half-written key, and when two
    # processes start together the first link wins and both read the same key.
    key = secrets.token_urlsafe(50)
    tmp = DATA_DIR / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key + "\n")
    try:
        if path.exists():  # empty or truncated: replace it
            path.unlink()
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
    return path.read_text().strip()


SECRET_KEY = _secret_key()


def _field_key() -> bytes:
    """The key that encrypts personal fields at rest (身份证号): DANGJIAN_FIELD_KEY (32 bytes, base64), else
    DATA_DIR/field_key generated once (mode 0600) like secret_key. Losing it loses the ID numbers: keep a copy."""
    import base64
    import secrets

    def parse(text: str, where: str) -> bytes:
        try:
            key = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
        except ValueError:
            key = b""
        if len(key) != 32:
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured(
                f"{where} 应为 32 字节密钥的 base64 编码（44 个字符），"
                '可用 python3 -c "import secrets,base64;print(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())" 生成'
            )
        return key

    configured = os.environ.get("DANGJIAN_FIELD_KEY", "").strip()
    if configured:
        return parse(configured, "DANGJIAN_FIELD_KEY")
    path = DATA_DIR / "field_key"
    if not (path.exists() and path.read_text().strip()):
        tmp = DATA_DIR / f".field_key.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode() + "\n")
        try:
            os.link(tmp, path)  # the first process to link wins; never overwrite a key that encrypted data
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
    return parse(path.read_text(), str(path))


FIELD_KEY = _field_key()
# Development server only: `make run` sets DANGJIAN_DEBUG=1; `dangjian serve` and every other command run with it off.
DEBUG = _flag("DANGJIAN_DEBUG")
# The public address users type, e.g. https://dangjian.example.edu.cn (CSRF checks compare the Origin header to it).
ORIGIN = os.environ.get("DANGJIAN_ORIGIN", "").strip().rstrip("/")
CSRF_TRUSTED_ORIGINS = [ORIGIN] if ORIGIN else []
_default_hosts = "127.0.0.1,localhost,testserver"
if ORIGIN:
    from urllib.parse import urlsplit

    _default_hosts = f"{urlsplit(ORIGIN).hostname},127.0.0.1,localhost"
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("DANGJIAN_ALLOWED_HOSTS", _default_hosts).split(",") if h.strip()]

# Behind an HTTPS reverse proxy (README 部署): DANGJIAN_HTTPS=1 makes cookies Secure, redirects plain HTTP,
# and sends HSTS. The proxy must set X-Forwarded-Proto (and must overwrite any value the client sent).
HTTPS = _flag("DANGJIAN_HTTPS")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_SECONDS = int(os.environ.get("DANGJIAN_HSTS_SECONDS", 365 * 24 * 3600)) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and _flag("DANGJIAN_HSTS_SUBDOMAINS", "1")
SECURE_HSTS_PRELOAD = HTTPS and _flag("DANGJIAN_HSTS_PRELOAD", "1")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves the API docs page from vendored static files instead of a CDN
    "axes",  # login lockout (AXES_* below)
    "django_tasks_db",  # database queue for django.tasks (TASKS below); workers: `dangjian worker`
    "dangjian.core",
    "dangjian.accounts",
    "dangjian.orgs",
    "dangjian.members",
    "dangjian.rulebook",
    "dangjian.recruitment",
    "dangjian.meetings",
    "dangjian.dues",
    "dangjian.appraisal",
    "dangjian.learning",
    "dangjian.reports",
    "dangjian.disclosure",
    "dangjian.relations",
    "dangjian.elections",
    "dangjian.archive",
    "dangjian.plans",
    "dangjian.assessment",
    "dangjian.rectification",
    "dangjian.jobs",  # ground floor: progress pages and downloads of background tasks (TASKS below)
    "dangjian.site",  # top floor: start page, to-do centre, audit pages, demo, backup (docs/ARCHITECTURE.md)
]

# Long work (台账 PDF, every branch's summary, big roster imports, reminders) runs as django.tasks on the
# database queue of django-tasks-db; `dangjian worker` runs it and re-queues the tasks of a killed worker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Roster imports with more rows than this run in a worker instead of inside the request.
DANGJIAN_IMPORT_ASYNC_ROWS = int(os.environ.get("DANGJIAN_IMPORT_ASYNC_ROWS", "5000"))
# Finished jobs' files (copies of documents that can be made again) are deleted after this many days.
DANGJIAN_JOB_KEEP_DAYS = int(os.environ.get("DANGJIAN_JOB_KEEP_DAYS", "7"))

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "dangjian.core.middleware.RefuseNul",  # a NUL in the URL is a 400, never a PostgreSQL error
    "dangjian.core.request_memo.RequestMemo",  # a GET keeps the user's scope for its other reads
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "dangjian.core.dbrouter.ReadYourWrites",  # a user who just saved reads from the primary (no-op without a replica)
    "dangjian.core.middleware.LoginRequired",
    "django.contrib.messages.middleware.MessageMiddleware",
    "dangjian.accounts.session.AccountGuard",  # idle/absolute session timeout, forced password change
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a lockout into the login page with a Chinese message
]

ROOT_URLCONF = "dangjian.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dangjian.site.context.nav",
            ],
        },
    }
]
WSGI_APPLICATION = "dangjian.wsgi.application"


def _replica_database(primary: dict) -> dict | None:
    """The optional read replica (a PostgreSQL hot standby of the primary): DANGJIAN_DB_REPLICA_HOST and
    DANGJIAN_DB_REPLICA_PORT with the primary's database, user and password, or a whole
    DANGJIAN_DB_REPLICA_URL=postgresql://user:password@host:port/name. dangjian.core.dbrouter decides which
    reads may use it; without it every query goes to the primary."""
    from urllib.parse import unquote, urlsplit

    url = os.environ.get("DANGJIAN_DB_REPLICA_URL", "").strip()
    host = os.environ.get("DANGJIAN_DB_REPLICA_HOST", "").strip()
    if not url and not host:
        return None
    replica = {**primary, "PORT": os.environ.get("DANGJIAN_DB_REPLICA_PORT", "").strip() or primary["PORT"]}
    if url:
        parts = urlsplit(url)
        if parts.scheme not in ("postgres", "postgresql") or not parts.hostname:
            raise RuntimeError("DANGJIAN_DB_REPLICA_URL 应为 postgresql://用户:密码@主机:端口/数据库名 的形式")
        replica.update(
            {
                k: v
                for k, v in {
                    "HOST": parts.hostname,
                    "PORT": str(parts.port or ""),
                    "NAME": unquote(parts.path.lstrip("/")),
                    "USER": unquote(parts.username or ""),
                    "PASSWORD": unquote(parts.password or ""),
                }.items()
                if v
            }
        )
    else:
        replica["HOST"] = host
    # A standby that does not answer must not hold up a page: give up connecting after 3 s and use the primary.
    replica["OPTIONS"] = {**primary.get("OPTIONS", {}), "connect_timeout": 3}
    # Tests run on the primary's test database; the replica alias mirrors it (no test database is created on
    # the standby, which cannot be written). tests/core/test_replica.py talks to the real standby itself.
    replica["TEST"] = {"MIRROR": "default"}
    return replica


DB_ENGINE = os.environ.get("DJANGO_DB", "sqlite")
if DB_ENGINE == "postgres":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ.get("PGDATABASE", "dangjian"),
            "USER": os.environ.get("PGUSER", "dangjian"),
            "PASSWORD": os.environ.get("PGPASSWORD", "dangjian"),
            "HOST": os.environ.get("PGHOST", "127.0.0.1"),
            "PORT": os.environ.get("PGPORT", "5432"),
            # Persistent connections (measured 1.1–1.7× on the home page); checked before reuse after an idle
            # spell, so a restarted server costs one reconnect rather than an error page.
            "CONN_MAX_AGE": int(os.environ.get("DANGJIAN_DB_CONN_MAX_AGE", "600")),
            "CONN_HEALTH_CHECKS": True,
        }
    }
    _replica = _replica_database(DATABASES["default"])
    if _replica:
        DATABASES["replica"] = _replica
elif DB_ENGINE == "sqlite":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("DANGJIAN_SQLITE", DATA_DIR / "dangjian.sqlite3"),
            "OPTIONS": {
                # WAL lets readers run beside one writer; IMMEDIATE takes the write lock up front
                # so concurrent writers queue instead of failing with "database is locked".
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
else:
    raise RuntimeError(f"DJANGO_DB 只能是 sqlite 或 postgres，当前为 {DB_ENGINE!r}")
if DB_ENGINE == "sqlite" and not str(DATABASES["default"]["NAME"]).startswith((":memory:", "file:")):
    # Create the database file 0600 before SQLite does (it would use the umask, usually 0644); SQLite gives
    # its -wal and -shm files the database file's mode.
    _db_path = Path(DATABASES["default"]["NAME"])
    if not _db_path.exists() and _db_path.parent.is_dir():
        os.close(os.open(_db_path, os.O_WRONLY | os.O_CREAT, 0o600))
    for _suffix in ("", "-wal", "-shm", "-journal"):
        _owner_only(Path(f"{_db_path}{_suffix}"), 0o600)
DATABASE_ROUTERS = ["dangjian.core.dbrouter.ReplicaRouter"]  # inert when DATABASES has only "default"
# A replica further behind than this is not read from (its health is rechecked every few seconds).
DANGJIAN_REPLICA_MAX_LAG_SECONDS = float(os.environ.get("DANGJIAN_REPLICA_MAX_LAG_SECONDS", "30"))
# After a user's successful write, that browser reads from the primary for this long (read your writes).
DANGJIAN_READ_YOUR_WRITES_SECONDS = float(os.environ.get("DANGJIAN_READ_YOUR_WRITES_SECONDS", "5"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Applied when a password is set through the pages, the API or the CLI (the demo fixtures set theirs directly).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "dangjian.accounts.validators.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
]
AUTHENTICATION_BACKENDS = [
    "dangjian.accounts.backends.LockoutBackend",  # django-axes: refuses locked-out accounts and addresses
    "django.contrib.auth.backends.ModelBackend",
]
# 5 failed logins lock the account, and separately the address, for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "dangjian.accounts.backends.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # logins are in the audit log
# The audit log keeps rows at least this many days (never fewer than 180). The app has no purge at all: rows
# are append-only (database triggers refuse UPDATE/DELETE); this is the floor any future archiving must keep.
DANGJIAN_AUDIT_RETENTION_DAYS = int(os.environ.get("DANGJIAN_AUDIT_RETENTION_DAYS", "180"))
if DANGJIAN_AUDIT_RETENTION_DAYS < 180:
    raise RuntimeError(f"DANGJIAN_AUDIT_RETENTION_DAYS 不能少于 180 天，当前为 {DANGJIAN_AUDIT_RETENTION_DAYS}")
AXES_ENABLE_ADMIN = False
AXES_CLIENT_IP_CALLABLE = "dangjian.accounts.backends.client_ip"  # behind the proxy (HTTPS=1): its X-Forwarded-For
# Sessions end after DANGJIAN_SESSION_IDLE_MINUTES without a request, and DANGJIAN_SESSION_MAX_HOURS after login
# (dangjian.accounts.session.AccountGuard, which also says why on the login page); the cookie outlives neither.
DANGJIAN_SESSION_IDLE_MINUTES = float(os.environ.get("DANGJIAN_SESSION_IDLE_MINUTES", "30"))  # 0.1: the probe
DANGJIAN_SESSION_MAX_HOURS = float(os.environ.get("DANGJIAN_SESSION_MAX_HOURS", "12"))
# API tokens stop working this many days after they were made (the owner makes a new one on the account page).
DANGJIAN_API_TOKEN_DAYS = int(os.environ.get("DANGJIAN_API_TOKEN_DAYS", "180"))
SESSION_COOKIE_AGE = int(DANGJIAN_SESSION_MAX_HOURS * 3600) + 60
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns at start-up when it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]
# Serve vendored assets from the app itself (no CDN, no separate web server needed on one machine).
# Finders rather than collectstatic: the files ship inside the installed package, so `dangjian serve` works
# straight after `pip install` with no build step and no copy in the data directory that can go stale after
# an upgrade. WhiteNoise indexes them once at start-up when DEBUG is off (autorefresh only in development).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
# Largest accepted upload per kind (dangjian.lib.uploads): photos and scans; PDF and Office documents.
DANGJIAN_UPLOAD_LIMITS = {"image": 10 * 1024 * 1024, "document": 20 * 1024 * 1024}

# Content-Security-Policy (django.middleware.csp): scripts only from this origin, so an injected <script> or
# on* attribute does nothing. Page scripts live in dangjian/static/js/. Inline style attributes stay allowed
# (Bootstrap markup, htmx indicators, chart libraries set them); images may be data: URIs (Bootstrap icons).
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Errors (with tracebacks) go to DATA_DIR/log/dangjian.log, rotated at 10 MB, 5 old files kept; never to users.
LOG_DIR = DATA_DIR / "log"
LOG_DIR.mkdir(parents=True, exist_ok=True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d: %(message)s"}},
    "handlers": {
        "file": {
            "class": "logging.handlers.RotatingFileHandler",
            "filename": str(LOG_DIR / "dangjian.log"),
            "maxBytes": 10 * 1024 * 1024,
            "backupCount": 5,
            "encoding": "utf-8",
            "formatter": "plain",
            "delay": True,
        },
        # Errors also on stderr: the development console, or gunicorn's error log under `dangjian serve`.
        "console": {"class": "logging.StreamHandler", "level": "ERROR", "formatter": "plain"},
    },
    "loggers": {
        "django": {"handlers": ["file", "console"], "level": "WARNING"},
        "dangjian": {"handlers": ["file", "console"], "level": "INFO"},
    },
}


# E-mail digests are sent only when an SMTP host is configured; the in-app to-do list always works.
DANGJIAN_SMTP_HOST = os.environ.get("DANGJIAN_SMTP_HOST", "")
if DANGJIAN_SMTP_HOST:
    EMAIL_HOST = DANGJIAN_SMTP_HOST
    EMAIL_PORT = int(os.environ.get("DANGJIAN_SMTP_PORT", "25"))

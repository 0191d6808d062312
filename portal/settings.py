"""Settings for the Handreiking-portaal, read from the environment (see README, "Configuratie")."""

import os
import secrets
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    return value in {"1", "true", "yes", "on", "ja"} if value else default


def env_int(name: str, default: int, *, minimum: int) -> int:
    raw = os.environ.get(name, "").strip()
    try:
        value = int(raw) if raw else default
    except ValueError:
        value = minimum - 1
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r}: use a whole number of at least {minimum}.")
    return value


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Core: debug is opt-in, and production refuses to serve with a guessable or missing secret.
DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
# Without a secret, commands that sign nothing (migrate, collectstatic, ...) still run with a
# throwaway key; the server (portal/wsgi.py) and `check --deploy` refuse.
SECRET_KEY_MISSING = not SECRET_KEY and not DEBUG
if not SECRET_KEY:
    SECRET_KEY = (
        "django-insecure-local-development-only"  # noqa: S105
        if DEBUG
        else secrets.token_urlsafe(50)
    )
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
# The portal's public address for permanent links, QR codes, the feed and the API; unset: the
# request's host.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "").strip().rstrip("/")
if PORTAL_BASE_URL and not PORTAL_BASE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        f"PORTAL_BASE_URL={PORTAL_BASE_URL!r}: use a full address such as "
        "https://handreiking.intranet.rijksoverheid.nl"
    )

# Applications: the portal is one app, `handreiking`.
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "markdownx",
    "simple_history",
    "axes",
    "handreiking",
    "portal.apps.PortalConfig",
]

MIDDLEWARE = [
    # Around everything that may ask the database: a stalled server ends a request in seconds.
    "handreiking.middleware.DatabaseDeadlineMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Refuses an oversized body (413) before anything reads it.
    "handreiking.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before everything that can answer: every /api/v1/ answer gets its headers and problem+json.
    "handreiking.api.middleware.ApiMiddleware",
    # Stored public pages, before sessions, CSRF and users (handreiking/pagecache/).
    "handreiking.pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "csp.context_processors.nonce",
                "handreiking.context_processors.portal",
            ],
        },
    },
]

# Database: SQLite file by default; PostgreSQL in production via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Kept connections: opening one (and its PRAGMAs) per request cost most of a page's time.
    DATABASES["default"]["CONN_MAX_AGE"] = 600
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # A writer waits this long for another's commit (near the 4 s request deadline).
            "timeout": 5,
            # BEGIN IMMEDIATE: a transaction takes the write lock at its start and waits for it
            # (a read lock upgraded later would fail at once with "database is locked").
            "transaction_mode": "IMMEDIATE",
            # WAL: readers never wait for the writer. synchronous=FULL: every commit that was
            # acknowledged survives a power cut. secure_delete: deleted rows are overwritten,
            # not left in free pages, so a released zelftoets pool leaves no copy in the file
            # (handreiking/zelftoets/release.py).
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;"
            ),
        }
    )
    # Tests: a file database (WAL and IMMEDIATE as in production, no shared-cache table locks
    # behind the live server), in memory-backed /dev/shm where it exists, one per process.
    shm = Path("/dev/shm")  # noqa: S108 (a test database; Django replaces a file found there)
    DATABASES["default"].setdefault("TEST", {})["NAME"] = str(
        (shm if shm.is_dir() else Path(tempfile.gettempdir()))
        / f"handreiking-test-{os.getpid()}.sqlite3"
    )
else:
    # A dead or stalled server must not hang a worker: connect within 3 s, no statement longer
    # than DATABASE_STATEMENT_TIMEOUT_MS (0: none, for a long migration), no lock wait longer
    # than 5 s, and TCP keepalives so a vanished server is noticed.
    statement_ms = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 30_000, minimum=0)
    # Django's PostgreSQL backend, connecting within what is left of a request's deadline.
    DATABASES["default"]["ENGINE"] = "handreiking.database"
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": 3,
            "keepalives": 1,
            "keepalives_idle": 10,
            "keepalives_interval": 5,
            "keepalives_count": 3,
            "options": f"-c statement_timeout={statement_ms} -c lock_timeout=5000",
        }
    )
# How long a request may wait for the database before it is answered with the Dutch 503 page,
# even when the server stalls (handreiking/dbdeadline.py); staff screens (/admin/) get longer.
DATABASE_REQUEST_DEADLINE_MS = env_int("DATABASE_REQUEST_DEADLINE_MS", 2_500, minimum=500)
DATABASE_STAFF_DEADLINE_MS = env_int("DATABASE_STAFF_DEADLINE_MS", 15_000, minimum=500)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory per process, or Redis shared by every app instance.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Degrades to a cache per process when Redis does not answer (handreiking/cache.py).
            "BACKEND": "handreiking.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "handreiking",
            "TIMEOUT": 300,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    # Bounded per process (issue 23): when full, the least recently used tenth goes.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000, "CULL_FREQUENCY": 10},
        }
    }

# Authentication: editors and reviewers log in through the admin.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Staff logins: locked for a quarter of an hour after 5 failures for one account from one place,
# counted in the database so every app server sees the same; every attempt logged (audit.py).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "handreiking/login_locked.html"
AXES_CLIENT_IP_CALLABLE = "handreiking.clients.client_address"
AXES_VERBOSE = False
# Days the log of staff logins (axes_accesslog) is kept; `manage.py purge_expired` deletes older.
LOGIN_LOG_RETENTION_DAYS = env_int("LOGIN_LOG_RETENTION_DAYS", 180, minimum=1)
# A staff session lasts a working day; the CSRF cookie only as long as the browser session.
SESSION_COOKIE_AGE = 9 * 60 * 60
CSRF_COOKIE_AGE = None

# Language and time: Dutch everywhere, Amsterdam time.
LANGUAGE_CODE = "nl"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# Static files: whitenoise serves compressed, fingerprinted files from the app servers.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# HTTPS: on by default; TLS ends at the proxy in front, which sets X-Forwarded-Proto.
HTTPS = env_bool("DJANGO_HTTPS", True)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Security headers: strict CSP, no framing, no sniffing, same-origin referrers.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
        "manifest-src": [SELF],
    }
}

# Page cache: seconds a public page is stored (0: off), and seconds a proxy in front may reuse it.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0 if DEBUG else 3600, minimum=0)
PAGE_CACHE_SHARED_MAX_AGE = env_int("PAGE_CACHE_SHARED_MAX_AGE", 1, minimum=0)
# Render and store the public pages when a change commits (needs PORTAL_BASE_URL).
PAGE_CACHE_WARM = env_bool("PAGE_CACHE_WARM", True)

# Search: who readers can ask when it finds nothing (empty: their communication adviser), a link
# to them (intranet page or mailto:), and the built-in glossary beside the editors' synonyms.
SEARCH_ASK_WHO = os.environ.get("SEARCH_ASK_WHO", "").strip()
SEARCH_ASK_URL = os.environ.get("SEARCH_ASK_URL", "").strip()
SEARCH_GLOSSARY = env_bool("SEARCH_GLOSSARY", True)

# API: other intranet sites that may read it from a browser (CORS); none by default.
API_CORS_ALLOWED_ORIGINS = env_list("API_CORS_ALLOWED_ORIGINS", "")

# Request bodies: nothing large is read, and no upload ever touches the disk (files up to the
# image limit stay in memory; larger ones are refused with 413 by RequestSizeLimitMiddleware).
REQUEST_BODY_LIMIT_DEFAULT = 1024 * 1024
REQUEST_BODY_LIMITS = [
    ("/zelftoets/", 64 * 1024),
    ("/admin/handreiking/image/", 6 * 1024 * 1024),
    ("/admin/", 2 * 1024 * 1024),
]
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]

# Markdown editor: the preview goes to our staff-only view; markdownx's upload is not routed.
MARKDOWNX_URLS_PATH = "/admin/markdown-voorbeeld/"
MARKDOWNX_UPLOAD_URLS_PATH = "/admin/markdown-upload-uit/"
MARKDOWNX_MARKDOWNIFY_FUNCTION = "handreiking.markdown.render_markdown"
MARKDOWNX_SERVER_CALL_LATENCY = 400
# History: restoring goes through our own view, which records a change note. Change reasons
# carry an editor's note (up to 1,000 characters): a text column, not simple-history's 100.
SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Editing: whether every change needs a second editor's approval, how long a chapter may go
# unchecked, and after how many seconds without a sign of life an editor no longer "is editing".
EDITING_REVIEW_REQUIRED = env_bool("EDITING_REVIEW_REQUIRED", True)
EDITING_REVIEW_INTERVAL_DAYS = env_int("EDITING_REVIEW_INTERVAL_DAYS", 365, minimum=1)
EDITING_PRESENCE_SECONDS = env_int("EDITING_PRESENCE_SECONDS", 90, minimum=10)
# Revisions: superseded or withdrawn drafts are pruned after this many days (never a published
# one, never an author's last one of a chapter) by `manage.py prune_revisions`.
EDITING_REVISION_RETENTION_DAYS = env_int("EDITING_REVISION_RETENTION_DAYS", 180, minimum=1)
# Broken links: `manage.py check_links` asks each external address at most this long.
LINK_CHECK_TIMEOUT_SECONDS = env_int("LINK_CHECK_TIMEOUT_SECONDS", 10, minimum=1)
# Internal hosts (".intranet.example" for all below it) and networks (10.1.0.0/16) it may ask.
LINK_CHECK_ALLOWED_HOSTS = env_list("LINK_CHECK_ALLOWED_HOSTS", "")

# Zelftoets: rate limit "count/seconds" per client ("0" switches it off), the smallest group
# reviewers ever see (never below 5), the length of a release period in days (7: Monday to
# Monday), and retention.
ZELFTOETS_RATE_LIMIT = os.environ.get("ZELFTOETS_RATE_LIMIT", "10/600")
ZELFTOETS_MIN_GROUP = env_int("ZELFTOETS_MIN_GROUP", 5, minimum=5)
ZELFTOETS_RELEASE_DAYS = env_int("ZELFTOETS_RELEASE_DAYS", 7, minimum=1)
# How many reverse proxies stand in front: X-Forwarded-For is believed only as far as they
# vouch for it (0: the socket's address; the header is ignored).
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0, minimum=0)
REFLECTION_RETENTION_DAYS = env_int("REFLECTION_RETENTION_DAYS", 365, minimum=1)

# Staff single sign-on through the intranet proxy (handreiking/sso.py, docs/sso.md); off by default.
STAFF_SSO_HEADER = os.environ.get("STAFF_SSO_HEADER", "").strip()
STAFF_SSO_ONLY = env_bool("STAFF_SSO_ONLY", False)
# Who may set that header: the proxies' addresses or networks ("unix": a unix socket), compared
# with the socket's peer, never with X-Forwarded-For. Required with the header: no default.
STAFF_SSO_PROXIES = env_list("STAFF_SSO_PROXIES", "")
if STAFF_SSO_HEADER:
    if TRUSTED_PROXIES < 1:
        raise ImproperlyConfigured(
            "STAFF_SSO_HEADER is set but TRUSTED_PROXIES is 0: behind the SSO proxy every login "
            "would be logged and locked out as the proxy's address. Set TRUSTED_PROXIES=1."
        )
    if not STAFF_SSO_PROXIES:
        raise ImproperlyConfigured(
            "STAFF_SSO_HEADER is set but STAFF_SSO_PROXIES is empty: name the address of the "
            "proxy that sets the header, e.g. STAFF_SSO_PROXIES=127.0.0.1 (docs/sso.md)."
        )
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "handreiking.sso.StaffSSOMiddleware",
    )
    AUTHENTICATION_BACKENDS.append("handreiking.sso.StaffSSOBackend")
    if STAFF_SSO_ONLY:
        AUTHENTICATION_BACKENDS.remove("django.contrib.auth.backends.ModelBackend")
elif STAFF_SSO_ONLY:
    raise ImproperlyConfigured("STAFF_SSO_ONLY=1 needs STAFF_SSO_HEADER: nobody could log in.")

# Logging: to stderr for the process manager; never request bodies. Of the zelftoets only
# errors are logged (an operator must see a failure), never "Bad Request: /zelftoets/" and its time.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "no_zelftoets": {
            "()": "django.utils.log.CallbackFilter",
            "callback": "ext://handreiking.log_filters.no_zelftoets_chatter",
        },
        "no_expected_tracebacks": {
            "()": "django.utils.log.CallbackFilter",
            "callback": "ext://handreiking.log_filters.no_expected_tracebacks",
        },
    },
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["no_zelftoets", "no_expected_tracebacks"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

"""Each environment variable of the contract, read by a fresh Python process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, django
from django.conf import settings
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "ENGINE": db["ENGINE"], "NAME": str(db["NAME"]), "HOST": db.get("HOST", ""),
    "USER": db.get("USER", ""), "PORT": str(db.get("PORT", "")),
    "CONN_MAX_AGE": db["CONN_MAX_AGE"], "CONN_HEALTH_CHECKS": db["CONN_HEALTH_CHECKS"],
    "SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "HSTS": settings.SECURE_HSTS_SECONDS,
    "PROXY_HEADER": settings.SECURE_PROXY_SSL_HEADER,
    "CACHE": settings.CACHES["default"]["BACKEND"],
    "CACHE_LOCATION": settings.CACHES["default"].get("LOCATION", ""),
    "LANGUAGE_CODE": settings.LANGUAGE_CODE, "TIME_ZONE": settings.TIME_ZONE,
    "RATE": settings.ZELFTOETS_RATE_LIMIT,
    "ASK": [settings.SEARCH_ASK_WHO, settings.SEARCH_ASK_URL, settings.SEARCH_GLOSSARY],
    "STATIC": settings.STORAGES["staticfiles"]["BACKEND"],
}))
"""

CONTRACT_VARS = (
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DJANGO_HTTPS",
    "DATABASE_URL",
    "REDIS_URL",
    "ZELFTOETS_RATE_LIMIT",
    "ZELFTOETS_MIN_GROUP",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_SETTINGS_MODULE",
)


def load_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in CONTRACT_VARS}
    clean["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    clean.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def settings_with(**env: str) -> dict:
    result = load_settings(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_debug_is_off_by_default():
    assert settings_with(DJANGO_SECRET_KEY="x" * 50)["DEBUG"] is False


def test_debug_is_on_only_when_asked():
    assert settings_with(DJANGO_DEBUG="1")["DEBUG"] is True
    assert settings_with(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50)["DEBUG"] is False


def run_without_secret(*args: str) -> subprocess.CompletedProcess:
    """A fresh process with the production settings and no DJANGO_SECRET_KEY."""
    env = {k: v for k, v in os.environ.items() if k not in CONTRACT_VARS}
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    return subprocess.run(  # noqa: S603
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_missing_secret_key_is_refused_by_the_server_and_the_deploy_check():
    for refused in (
        run_without_secret("-c", "import portal.wsgi"),
        run_without_secret("manage.py", "check", "--deploy"),
    ):
        assert refused.returncode != 0
        assert "DJANGO_SECRET_KEY is not set" in refused.stderr


@pytest.mark.parametrize("value", ["4", "0", "vijf"])
def test_min_group_below_five_is_refused(value):
    result = load_settings(DJANGO_DEBUG="1", ZELFTOETS_MIN_GROUP=value)
    assert result.returncode != 0
    assert "ZELFTOETS_MIN_GROUP" in result.stderr


def test_debug_runs_without_secret_key():
    assert settings_with(DJANGO_DEBUG="1")["DEBUG"] is True


def test_database_defaults_to_sqlite_file_in_project_root():
    s = settings_with(DJANGO_DEBUG="1")
    assert s["ENGINE"] == "django.db.backends.sqlite3"
    assert s["NAME"] == str(ROOT / "db.sqlite3")


def test_database_url_is_parsed_with_health_checked_persistent_connections():
    s = settings_with(
        DJANGO_DEBUG="1", DATABASE_URL="postgres://portal@db.example:6543/handreiking"
    )
    # Django's PostgreSQL backend, connecting within a request's deadline (handreiking/database).
    assert s["ENGINE"] == "handreiking.database"
    assert (s["NAME"], s["USER"], s["HOST"], s["PORT"]) == (
        "handreiking",
        "portal",
        "db.example",
        "6543",
    )
    assert s["CONN_MAX_AGE"] == 60
    assert s["CONN_HEALTH_CHECKS"] is True


def test_https_is_on_by_default():
    s = settings_with(DJANGO_SECRET_KEY="x" * 50)
    assert s["SSL_REDIRECT"] is True
    assert s["SESSION_COOKIE_SECURE"] is True
    assert s["CSRF_COOKIE_SECURE"] is True
    assert s["HSTS"] >= 31536000
    assert s["PROXY_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_https_off_serves_plain_http():
    s = settings_with(DJANGO_SECRET_KEY="x" * 50, DJANGO_HTTPS="0")
    assert s["SSL_REDIRECT"] is False
    assert s["SESSION_COOKIE_SECURE"] is False
    assert s["HSTS"] == 0
    assert s["PROXY_HEADER"] is None


def test_allowed_hosts_default_and_override():
    assert settings_with(DJANGO_DEBUG="1")["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1"]
    s = settings_with(DJANGO_DEBUG="1", DJANGO_ALLOWED_HOSTS="portaal.rijk.nl, intern.rijk.nl")
    assert s["ALLOWED_HOSTS"] == ["portaal.rijk.nl", "intern.rijk.nl"]


def test_redis_url_switches_cache_to_redis():
    assert settings_with(DJANGO_DEBUG="1")["CACHE"].endswith("LocMemCache")
    s = settings_with(DJANGO_DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/3")
    assert s["CACHE"] == "handreiking.cache.ResilientRedisCache"
    assert s["CACHE_LOCATION"] == "redis://127.0.0.1:6379/3"


def test_rate_limit_default_and_override():
    assert settings_with(DJANGO_DEBUG="1")["RATE"] == "10/600"
    assert settings_with(DJANGO_DEBUG="1", ZELFTOETS_RATE_LIMIT="0")["RATE"] == "0"


def test_who_to_ask_and_the_glossary_come_from_the_environment():
    assert settings_with(DJANGO_DEBUG="1")["ASK"] == ["", "", True]
    assert settings_with(
        DJANGO_DEBUG="1",
        SEARCH_ASK_WHO="de redactie",
        SEARCH_ASK_URL="mailto:redactie@example.org",
        SEARCH_GLOSSARY="0",
    )["ASK"] == ["de redactie", "mailto:redactie@example.org", False]


def test_dutch_language_and_amsterdam_time():
    s = settings_with(DJANGO_DEBUG="1")
    assert (s["LANGUAGE_CODE"], s["TIME_ZONE"]) == ("nl", "Europe/Amsterdam")


def test_production_uses_compressed_manifest_static_storage():
    s = settings_with(DJANGO_SECRET_KEY="x" * 50)
    assert s["STATIC"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.mark.parametrize("https", ["", "1"])
def test_check_deploy_passes_with_production_settings(https):
    env = {k: v for k, v in os.environ.items() if k not in CONTRACT_VARS}
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    env["DJANGO_SECRET_KEY"] = "a-long-random-production-secret-" + "k" * 40
    if https:
        env["DJANGO_HTTPS"] = https
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_commands_run_without_secret():
    migrations = run_without_secret("manage.py", "makemigrations", "--check", "--dry-run")
    assert migrations.returncode == 0, migrations.stderr
    assert "No changes detected" in migrations.stdout

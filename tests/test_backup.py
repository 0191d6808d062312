"""A backup that is known to work: pg_dump -Fc of a filled database, pg_restore into a fresh one,
and the portal on the restored database has everything (docs/deployment.md, "Back-up en
terugzetten"). PostgreSQL only: that is what runs in production, and what pg_dump reads."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from handreiking.models import Chapter, ChapterSlug, Reflection, Revision, SearchSection
from tests.factories import ChapterFactory, ReflectionFactory, publish_change, save_draft

# Committed rows, or pg_dump (another connection) would not see them; the seed chapters the
# migration made are put back afterwards for the tests that read them.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TOOLS = ("pg_dump", "pg_restore", "createdb", "dropdb")

# What the portal on the restored database reports, as one JSON line.
SNAPSHOT = """
import json
from django.test import Client
from handreiking.models import Chapter, ChapterSlug, Reflection, Revision, SearchSection
found = Client(HTTP_HOST="localhost").get("/zoeken/", {"q": "terugzetten"})
print(json.dumps({
    "chapters": sorted(Chapter.objects.values_list("slug", flat=True)),
    "versions": Chapter.history.count(),
    "revisions": sorted(Revision.objects.values_list("state", flat=True)),
    "live": sorted(Chapter.objects.values_list("slug", "live_revision__slug")),
    "former_slugs": sorted(ChapterSlug.objects.values_list("slug", flat=True)),
    "reflections": sorted(Reflection.objects.values_list("text", flat=True)),
    "indexed": SearchSection.objects.filter(vector__isnull=False).count(),
    "search_finds": "/handreiking/herstel-nieuw/" in found.content.decode(),
}))
"""


def snapshot_here() -> dict:
    return {
        "chapters": sorted(Chapter.objects.values_list("slug", flat=True)),
        "versions": Chapter.history.count(),
        "revisions": sorted(Revision.objects.values_list("state", flat=True)),
        "live": sorted(map(list, Chapter.objects.values_list("slug", "live_revision__slug"))),
        "former_slugs": sorted(ChapterSlug.objects.values_list("slug", flat=True)),
        "reflections": sorted(Reflection.objects.values_list("text", flat=True)),
        "indexed": SearchSection.objects.filter(vector__isnull=False).count(),
        "search_finds": True,
    }


def pg_env() -> dict[str, str]:
    db = connection.settings_dict
    env = {
        **os.environ,
        "PGHOST": db["HOST"] or "127.0.0.1",
        "PGPORT": str(db["PORT"] or 5432),
        "PGUSER": db["USER"] or "postgres",
    }
    if db["PASSWORD"]:
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def run(*command: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    assert result.returncode == 0, f"{command[0]} faalde: {result.stderr}"
    return result


def manage(*arguments: str, database: str) -> subprocess.CompletedProcess:
    """manage.py as an operator runs it, with the production settings, on another database."""
    env = pg_env()
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DATABASE_URL=(f"postgres://{env['PGUSER']}@{env['PGHOST']}:{env['PGPORT']}/{database}"),
        DJANGO_HTTPS="0",
        DJANGO_DEBUG="0",
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *arguments],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=settings.BASE_DIR,
    )


def test_a_pg_dump_restores_into_a_fresh_database_with_everything(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip(
            "pg_dump en pg_restore horen bij PostgreSQL; draai met DATABASE_URL=postgres://…"
        )
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"PostgreSQL-programma's ontbreken: {', '.join(missing)}")

    chapter = ChapterFactory(slug="herstel", body="Over terugzetten.\n\n## Kop\n\nTekst.")
    publish_change(chapter=chapter, user=None, slug="herstel-nieuw", major=True)
    ChapterFactory.create_batch(2)
    save_draft(chapter=Chapter.objects.get(pk=chapter.pk), body="Een concept dat mee moet.")
    ReflectionFactory.create_batch(3, text="Ik twijfelde eerst.")
    expected = snapshot_here()
    assert "herstel" in expected["former_slugs"] and expected["reflections"]
    assert "draft" in expected["revisions"]
    assert ["herstel-nieuw", "herstel-nieuw"] in expected["live"]

    env = pg_env()
    source = connection.settings_dict["NAME"]
    restored = f"{source}_herstel"
    dump = tmp_path / "portal.dump"
    run("pg_dump", "-Fc", "--file", str(dump), source, env=env)
    run("dropdb", "--if-exists", restored, env=env)
    run("createdb", restored, env=env)
    try:
        run("pg_restore", "--no-owner", "--exit-on-error", "--dbname", restored, str(dump), env=env)
        shell = manage("shell", "--no-imports", "-c", SNAPSHOT, database=restored)
        assert shell.returncode == 0, shell.stderr
        assert json.loads(shell.stdout.strip().splitlines()[-1]) == expected

        check = manage("migrate", "--check", database=restored)
        assert check.returncode == 0, check.stdout + check.stderr
    finally:
        run("dropdb", "--if-exists", "--force", restored, env=env)

"""One search backend per database, chosen once: what differs between PostgreSQL and SQLite.

Both index the stems `text` made (never their own stemmer), so both find the same candidate
sections; ranking them is shared Python (`ranking`). A backend only installs its index (the
migration calls `install`) and names candidates: sections with a query stem in the chapter title
or the heading first, then the others, each in the order they were indexed. No ranking in the
database: that is what was slow on PostgreSQL (ts_rank reads every matching vector), and it
would differ between the two."""

import re
from functools import cache

from django.db import connection

FTS_TABLE = "handreiking_searchfts"
SECTION_TABLE = "handreiking_searchsection"
TS_CONFIG = "handreiking"
_LEXEME = re.compile(r"^[^\W\d_]+$")


def _lexemes(stems) -> list[str]:
    # Stems are letters only (text.words); checked again because they end up in a query string.
    return sorted({s for s in stems if _LEXEME.match(s)})


class Backend:
    """The database-specific part of indexing and querying."""

    def install(self, schema_editor) -> None:
        """Create what the ORM cannot describe: index, triggers, text search configuration."""

    def uninstall(self, schema_editor) -> None:
        """Remove what `install` created."""

    def candidates(self, stems, limit: int) -> list[int]:
        """Ids of sections with at least one of the stems: title or heading matches first; at
        most `limit`."""
        lexemes = _lexemes(stems)
        if not lexemes:
            return []
        with connection.cursor() as cursor:
            cursor.execute(*self.candidate_sql(lexemes, limit))
            rows = cursor.fetchall()
        ordered = [pk for _tier, pk in sorted(rows, key=lambda row: row[0])]
        return list(dict.fromkeys(ordered))[:limit]

    def candidate_sql(self, lexemes: list[str], limit: int) -> tuple[str, list]:
        """A query of (tier, id) rows: tier 0 for a match in title or heading, tier 1 any."""
        raise NotImplementedError


class PostgresBackend(Backend):
    """Two GIN-indexed tsvectors per section, filled by a trigger from the stored stems through
    a configuration that folds accents with `unaccent`: title and heading (A, B), and all
    (with the text as C)."""

    def install(self, schema_editor) -> None:
        for statement in (
            "CREATE EXTENSION IF NOT EXISTS unaccent",
            f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {TS_CONFIG}",
            f"CREATE TEXT SEARCH CONFIGURATION {TS_CONFIG} (COPY = simple)",
            f"ALTER TEXT SEARCH CONFIGURATION {TS_CONFIG} ALTER MAPPING FOR asciiword, "
            "asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, simple",
            f"""CREATE OR REPLACE FUNCTION {SECTION_TABLE}_vector() RETURNS trigger AS $$
            BEGIN
              NEW.head_vector :=
                setweight(to_tsvector('{TS_CONFIG}', coalesce(NEW.title_stems, '')), 'A')
                || setweight(to_tsvector('{TS_CONFIG}', coalesce(NEW.heading_stems, '')), 'B');
              NEW.vector := NEW.head_vector
                || setweight(to_tsvector('{TS_CONFIG}', coalesce(NEW.body_stems, '')), 'C');
              RETURN NEW;
            END $$ LANGUAGE plpgsql""",
            f"DROP TRIGGER IF EXISTS {SECTION_TABLE}_vector ON {SECTION_TABLE}",
            f"CREATE TRIGGER {SECTION_TABLE}_vector BEFORE INSERT OR UPDATE ON {SECTION_TABLE} "
            f"FOR EACH ROW EXECUTE FUNCTION {SECTION_TABLE}_vector()",
            f"CREATE INDEX IF NOT EXISTS {SECTION_TABLE}_head_vector_gin "
            f"ON {SECTION_TABLE} USING gin (head_vector)",
        ):
            schema_editor.execute(statement)

    def uninstall(self, schema_editor) -> None:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {SECTION_TABLE}_vector ON {SECTION_TABLE}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {SECTION_TABLE}_vector()")
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {TS_CONFIG}")

    def candidate_sql(self, lexemes: list[str], limit: int) -> tuple[str, list]:
        query = " | ".join(f"'{lexeme}'" for lexeme in lexemes)
        tier = (
            f"(SELECT %s, id FROM {SECTION_TABLE}, to_tsquery(%s::regconfig, %s) query "  # noqa: S608
            "WHERE {column} @@ query LIMIT %s)"
        )
        sql = tier.format(column="head_vector") + " UNION ALL " + tier.format(column="vector")
        return sql, [0, TS_CONFIG, query, limit, 1, TS_CONFIG, query, limit]


class SqliteBackend(Backend):
    """An FTS5 table of the stored stems, kept in step with the sections by triggers (so a
    flush, a cascade or a test's rollback leaves no stray rows)."""

    def install(self, schema_editor) -> None:
        columns = "new.id, new.title_stems, new.heading_stems, new.body_stems"
        for statement in (
            f"DROP TABLE IF EXISTS {FTS_TABLE}",
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
            "title, heading, body, tokenize = 'unicode61 remove_diacritics 2')",
            f"CREATE TRIGGER {SECTION_TABLE}_ai AFTER INSERT ON {SECTION_TABLE} BEGIN "  # noqa: S608
            f"INSERT INTO {FTS_TABLE} (rowid, title, heading, body) VALUES ({columns}); END",
            f"CREATE TRIGGER {SECTION_TABLE}_ad AFTER DELETE ON {SECTION_TABLE} BEGIN "  # noqa: S608
            f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END",
            f"CREATE TRIGGER {SECTION_TABLE}_au AFTER UPDATE ON {SECTION_TABLE} BEGIN "  # noqa: S608
            f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id; "
            f"INSERT INTO {FTS_TABLE} (rowid, title, heading, body) VALUES ({columns}); END",
        ):
            schema_editor.execute(statement)

    def uninstall(self, schema_editor) -> None:
        for suffix in ("ai", "ad", "au"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {SECTION_TABLE}_{suffix}")

    def candidate_sql(self, lexemes: list[str], limit: int) -> tuple[str, list]:
        match = "(" + " OR ".join(f'"{lexeme}"' for lexeme in lexemes) + ")"
        tier = (
            f"SELECT %s, id FROM (SELECT rowid AS id FROM {FTS_TABLE} "  # noqa: S608
            f"WHERE {FTS_TABLE} MATCH %s LIMIT %s)"
        )
        return f"{tier} UNION ALL {tier}", [0, "{title heading} : " + match, limit, 1, match, limit]


BACKENDS = {"postgresql": PostgresBackend, "sqlite": SqliteBackend}


@cache
def backend_for(vendor: str) -> Backend:
    try:
        return BACKENDS[vendor]()
    except KeyError as error:
        message = f"Search supports PostgreSQL and SQLite, not {vendor}."
        raise NotImplementedError(message) from error


def get_backend() -> Backend:
    """The backend of the database in use; made once per process."""
    return backend_for(connection.vendor)

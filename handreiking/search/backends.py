"""One search backend per database, chosen once: what differs between PostgreSQL and SQLite.

Everything else (vocabulary expansion, snippets, highlights) is shared, so both databases
find the same things for the same query."""

import difflib
from functools import cache

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, QuerySet

from handreiking.search.text import stem, stemmed

FTS_TABLE = "handreiking_searchfts"
CANDIDATES = 100  # sections ranked per query; the query step keeps the best per chapter


class Backend:
    """The database-specific part of indexing and querying."""

    def after_insert(self, chapter, sections: QuerySet) -> None:
        """Index freshly written section rows of a chapter."""

    def before_delete(self, section_ids: list[int]) -> None:
        """Forget section rows that are about to be deleted."""

    def close_spellings(self, word: str, term_model) -> list[str]:
        """Up to three known words spelled like `word`, best first."""
        candidates = term_model.objects.filter(
            word__startswith=word[0], word__regex=rf"^.{{{len(word) - 2},{len(word) + 2}}}$"
        ).values_list("word", flat=True)
        return difflib.get_close_matches(word, list(candidates[:5000]), n=3, cutoff=0.8)

    def rank(self, sections: QuerySet, groups: list[list[str]]) -> list:
        """Sections containing, for every group, one of its words; best first."""
        raise NotImplementedError


class PostgresBackend(Backend):
    def after_insert(self, chapter, sections: QuerySet) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE handreiking_searchsection SET vector ="
                " setweight(to_tsvector('dutch', title), 'A')"
                " || setweight(to_tsvector('dutch', heading), 'B')"
                " || setweight(to_tsvector('dutch', body), 'C')"
                " WHERE chapter_id = %s",
                [chapter.pk],
            )

    def close_spellings(self, word: str, term_model) -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM handreiking_searchterm WHERE word %% %s "
                "ORDER BY similarity(word, %s) DESC, word LIMIT 3",
                [word, word],
            )
            return [row[0] for row in cursor.fetchall()]

    def rank(self, sections: QuerySet, groups: list[list[str]]) -> list:
        query = None
        for group in groups:
            alternatives = None
            for word in group:
                one = SearchQuery(word, config="dutch", search_type="plain")
                alternatives = one if alternatives is None else alternatives | one
            query = alternatives if query is None else query & alternatives
        return list(
            sections.filter(vector=query)
            .annotate(rank=SearchRank(F("vector"), query))
            .order_by("-rank", "chapter_number", "position")[:CANDIDATES]
        )


class SqliteBackend(Backend):
    def after_insert(self, chapter, sections: QuerySet) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, heading, body) VALUES (%s, %s, %s, %s)",  # noqa: S608
                [(s.pk, stemmed(s.title), stemmed(s.heading), stemmed(s.body)) for s in sections],
            )

    def before_delete(self, section_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"DELETE FROM {FTS_TABLE} WHERE rowid = %s",  # noqa: S608
                [(pk,) for pk in section_ids],
            )

    def rank(self, sections: QuerySet, groups: list[list[str]]) -> list:
        match = " AND ".join(
            "(" + " OR ".join(f'"{stem(word)}"' for word in group) + ")" for group in groups
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
                f"ORDER BY bm25({FTS_TABLE}, 10.0, 5.0, 1.0) LIMIT %s",
                [match, CANDIDATES],
            )
            ranked = [row[0] for row in cursor.fetchall()]
        by_id = {section.pk: section for section in sections.filter(pk__in=ranked)}
        return [by_id[pk] for pk in ranked if pk in by_id]


BACKENDS = {"postgresql": PostgresBackend, "sqlite": SqliteBackend}


@cache
def _backend_for(vendor: str) -> Backend:
    try:
        return BACKENDS[vendor]()
    except KeyError as error:
        message = f"Search supports PostgreSQL and SQLite, not {vendor}."
        raise NotImplementedError(message) from error


def get_backend() -> Backend:
    """The backend of the database in use; made once per process."""
    return _backend_for(connection.vendor)

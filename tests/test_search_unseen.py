"""Search measured on queries nobody tuned it for (issue 24): the set in
`tests/search_queries_unseen`, written before the ranking changed, in a tuning half and a
held-out half. Runs on SQLite and on PostgreSQL against the seed text, the seed synonyms and
the built-in glossary, through /api/v1/zoeken and /zoeken/.

The floors are the measured rates less a margin (bench/RESULTS.md has the figures per kind);
the target of issue 24 is 85 % for the held-out half, which this round did not reach. A
question the handreiking does not answer must find nothing, in both halves: no exceptions."""

import hashlib
import re

import pytest
from django.db import connection

from handreiking.search.snapshot import forget
from tests.search_queries import QUERIES as TEAM_QUERIES
from tests.search_queries_unseen import HELD_OUT, KINDS, NO_ANSWER, QUERIES, TUNING

pytestmark = pytest.mark.django_db

TUNING_FLOOR = 0.82  # measured 88 % on both databases
HELD_OUT_FLOOR = 0.70  # measured 77 % on both databases


@pytest.fixture(autouse=True)
def fresh_snapshot():
    forget()
    yield
    forget()


def first_chapter(client, text: str) -> str:
    found = client.get("/api/v1/zoeken", {"q": text}).json()["resultaten"]
    if not found:
        return NO_ANSWER
    return found[0]["url"].removeprefix("/handreiking/").split("/")[0]


def rate(client, queries) -> tuple[float, list[str]]:
    wrong = [
        f"{q.kind}: {q.text!r} gave {got or 'niets'!r}"
        for q in queries
        if (got := first_chapter(client, q.text)) != q.chapter
    ]
    return 1 - len(wrong) / len(queries), wrong


def test_the_set_is_large_varied_and_new():
    assert len(QUERIES) >= 80
    assert {q.kind for q in QUERIES} == set(KINDS)
    assert sum(q.answer == NO_ANSWER for q in QUERIES) >= 10
    team = {q.text.lower() for q in TEAM_QUERIES}
    assert not [q.text for q in QUERIES if q.text.lower() in team]
    assert len({q.text.lower() for q in QUERIES}) == len(QUERIES)


def test_the_halves_are_split_by_hash_and_share_nothing():
    assert not set(TUNING) & set(HELD_OUT)
    assert len(TUNING) + len(HELD_OUT) == len(QUERIES)
    for kind in KINDS:
        ordered = sorted(
            (q for q in QUERIES if q.kind == kind),
            key=lambda q: hashlib.sha256(q.text.encode()).hexdigest(),
        )
        assert [q for q in TUNING if q.kind == kind] == ordered[0::2]


def test_the_tuning_half_finds_the_right_chapter_first(client):
    measured, wrong = rate(client, TUNING)
    assert measured >= TUNING_FLOOR, f"{connection.vendor}: {measured:.0%}; " + "; ".join(wrong)


def test_the_held_out_half_finds_the_right_chapter_first(client):
    measured, wrong = rate(client, HELD_OUT)
    # The misses are not printed: nobody tunes on this half.
    assert measured >= HELD_OUT_FLOOR, f"{connection.vendor}: {measured:.0%}, {len(wrong)} wrong"


@pytest.mark.parametrize("text", [q.text for q in QUERIES if q.answer == NO_ANSWER])
def test_a_question_without_an_answer_finds_nothing_not_even_partly(client, text):
    assert client.get("/api/v1/zoeken", {"q": text}).json()["resultaten"] == []
    body = client.get("/zoeken/", {"q": text}).content.decode()
    assert "Geen resultaten" in body
    assert "over een deel van je vraag" not in body


def test_page_and_api_agree_on_the_first_result(client):
    for query in TUNING:
        page = client.get("/zoeken/", {"q": query.text}).content.decode()
        links = re.findall(r'class="search-result__title"><a href="/handreiking/([^/"]+)', page)
        assert (links[0] if links else NO_ANSWER) == first_chapter(client, query.text), query.text

"""Dutch search on both databases: inflections, compounds and typos find the right section."""

import re

import pytest

from handreiking import search, services
from handreiking.models import Chapter, SearchSection
from tests.factories import ChapterFactory, clear_chapters, publish

pytestmark = pytest.mark.django_db

# Each word a test looks for is in one chapter only, so each query has one right answer.
CHAPTERS = {
    1: (
        "Online actief als ambassadeur",
        "Netwerken gaat online makkelijk. Zo ben je een ambassadeur van je organisatie.\n\n"
        "## Wat zegt de Gedragscode Integriteit Rijk?\n\n"
        "- Houd je deelname zorgvuldig, gericht en gedoseerd.\n",
    ),
    2: (
        "Online luisteren",
        "Kijk nieuwsgierig rond. Je hoeft geen vlogger met honderden volgers te zijn: "
        "meelezen is ook meedoen.\n",
    ),
    3: (
        "Integriteit op social media",
        "Het delen van opinies gaat snel.\n\n"
        "Zou je bijdrage de volgende dag in de krant mogen staan?\n",
    ),
}


@pytest.fixture(autouse=True)
def chapters(db) -> dict[int, Chapter]:
    """Chapters 1 to 3 of these tests, and no others (not the seed's)."""
    clear_chapters()
    return {
        number: ChapterFactory(
            number=number, title=title, slug=f"zoekhoofdstuk-{number}", body=body
        )
        for number, (title, body) in CHAPTERS.items()
    }


def chapter_numbers(client, query: str) -> list[int]:
    body = client.get("/zoeken/", {"q": query}).content.decode()
    return [int(n) for n in re.findall(r"(?:In hoofdstuk|Hoofdstuk) (\d+)", body)]


@pytest.mark.parametrize(
    ("query", "first"),
    [("ambassadeurs", 1), ("vloggers", 2), ("kranten", 3), ("opinie", 3), ("Netwerken", 1)],
)
def test_inflected_words_find_the_right_chapter_first(client, query, first):
    assert chapter_numbers(client, query)[0] == first


def test_opinie_finds_opinies_and_marks_it(client):
    body = client.get("/zoeken/", {"q": "opinie"}).content.decode()
    assert "<mark>opinies</mark>" in body


def test_a_compound_is_found_from_its_part(client):
    publish(number=7, title="Samen werken", body="Alle rijksambtenaren doen mee.", slug="samen")
    assert 7 in chapter_numbers(client, "ambtenaar")
    body = client.get("/zoeken/", {"q": "ambtenaar"}).content.decode()
    assert "<mark>rijksambtenaren</mark>" in body


def test_a_typo_finds_its_word_and_suggests_the_spelling(client):
    response = client.get("/zoeken/", {"q": "ambasadeur"})
    body = response.content.decode()
    assert chapter_numbers(client, "ambasadeur")[0] == 1
    assert "Bedoel je" in body
    assert "ambassadeur" in body


def test_a_hit_in_a_section_links_to_its_anchor(client, chapters):
    chapter = chapters[1]
    body = client.get("/zoeken/", {"q": "gedoseerd"}).content.decode()
    assert f'href="/handreiking/{chapter.slug}/#wat-zegt-de-gedragscode-integriteit-rijk"' in body


def test_result_count_is_announced(client):
    body = client.get("/zoeken/", {"q": "krant"}).content.decode()
    assert re.search(r'role="status">\s*1 resultaat voor „krant”', body)


def test_highlights_are_escaped_before_marking(client):
    publish(
        number=8,
        title="Veilig",
        slug="veilig",
        body="Schrijf nooit `<script>alert(1)</script>` in een bericht over de vergadering.",
    )
    body = client.get("/zoeken/", {"q": "vergadering"}).content.decode()
    assert "<mark>vergadering</mark>" in body
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_drafts_are_never_found(client, editor):
    chapter = ChapterFactory()
    services.save_draft(
        chapter=chapter, title=chapter.title, slug=chapter.slug, summary="",
        body="Het geheime woord is zebrapad.", user=editor,
    )  # fmt: skip
    services.save_draft(
        chapter=Chapter(number=9), title="Concept", slug="concept", summary="",
        body="Ook hier: zebrapad.", user=editor,
    )  # fmt: skip
    assert chapter_numbers(client, "zebrapad") == []
    assert "Geen resultaten" in client.get("/zoeken/", {"q": "zebrapad"}).content.decode()


def test_published_changes_are_searchable_at_once(client, chapters):
    chapter = chapters[2]
    services.publish_chapter(chapter=chapter, user=None, body="Alles over podcasts maken.")
    assert chapter_numbers(client, "podcasts") == [2]
    assert chapter_numbers(client, "vloggers") == []


def test_no_results_page_helps(client):
    body = client.get("/zoeken/", {"q": "xylofoon"}).content.decode()
    assert "Geen resultaten" in body
    assert "Alle hoofdstukken" in body
    assert "Controleer de spelling" in body


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "a" * 5000,
        "krant " * 1000,
        "'\";--",
        "& | ! :*",
        "krant & | ! :* ambtenaar",
        "<script>alert(1)</script>",
        "krant\x00",
        "\x00",
        '"unterminated',
        "NEAR(krant ambtenaar)",
        "krant OR 1=1",
        "title:krant",
        "*",
        "(((",
        "ĳsland café naïef",
    ],
)
def test_hostile_input_never_breaks_search(client, query):
    response = client.get("/zoeken/", {"q": query})
    assert response.status_code in (200, 400)
    body = response.content.decode()
    assert "<script>alert(1)" not in body


def test_long_query_is_truncated(client):
    outcome = search.search("krant " * 1000)
    assert len(outcome.query) <= search.MAX_QUERY_LENGTH


def test_search_index_follows_chapter_sections(chapters):
    chapter = chapters[1]
    anchors = list(
        SearchSection.objects.filter(chapter=chapter)
        .order_by("position")
        .values_list("anchor", flat=True)
    )
    assert anchors == ["", "wat-zegt-de-gedragscode-integriteit-rijk"]

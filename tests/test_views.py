"""What readers see: home, chapter pages, links that never break, changes."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from handreiking.content import SEED_FILE
from handreiking.models import Chapter, ContentVersion
from handreiking.views import chapter_context
from tests.factories import ChapterFactory, clear_chapters, publish, publish_change, save_draft

pytestmark = pytest.mark.django_db

SEED = SEED_FILE.read_text(encoding="utf-8")


def page_text(response) -> str:
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"</?(a|strong|em|mark|span|time)\b[^>]*>", "", body)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def seed_sentences() -> dict[int, list[str]]:
    """Every sentence of the source text, per chapter number, as a reader would read it."""
    chapters: dict[int, list[str]] = {}
    current = None
    for line in SEED.splitlines():
        heading = re.match(r"^(\d+)\. ", line)
        if heading:
            current = int(heading.group(1))
            chapters[current] = []
            continue
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.strip().lstrip("- ").strip())
        if current and text:
            chapters[current] += [s for s in re.split(r"(?<=[.?!:])\s+", text) if s]
    return chapters


def test_home_lists_chapters_in_order_with_ways_to_zelftoets_and_search(client):
    clear_chapters()
    ChapterFactory(number=2, title="Luisteren naar de samenleving")
    ChapterFactory(number=3, title="De krantentest")
    ChapterFactory(number=1, title="Ambassadeur van de Rijksoverheid")
    response = client.get("/")
    assert response.status_code == 200
    text = response.content.decode()
    titles = list(Chapter.objects.order_by("number").values_list("title", flat=True))
    positions = [text.index(html.escape(title)) for title in titles]
    assert positions == sorted(positions)
    assert 'href="/zelftoets/"' in text
    assert 'action="/zoeken/"' in text


@pytest.mark.parametrize("number", [1, 2, 3])
def test_every_sentence_of_the_seed_is_on_its_chapter_page(client, number):
    """The seed text: what data migration 0002 installed reaches readers word for word."""
    chapter = Chapter.objects.get(number=number)
    response = client.get(f"/handreiking/{chapter.slug}/")
    assert response.status_code == 200
    text = page_text(response)
    for sentence in seed_sentences()[number]:
        assert sentence in text, sentence


def test_chapter_page_has_one_h1_lists_anchors_and_link_relations(client):
    clear_chapters()
    chapter = ChapterFactory(
        number=1,
        body="Een inleiding.\n\n## Wat zegt de Gedragscode Integriteit Rijk?\n\n"
        + "\n".join(f"- Regel {n}" for n in range(1, 6)),
    )
    ChapterFactory(number=2)
    response = client.get(chapter.get_absolute_url())
    body = response.content.decode()
    assert body.count("<h1") == 1
    assert body.count("<li>") >= 5
    assert '<h2 id="wat-zegt-de-gedragscode-integriteit-rijk">' in body
    assert 'href="#wat-zegt-de-gedragscode-integriteit-rijk"' in body  # contents + section link
    assert "Link naar dit onderdeel" in body
    assert f'<link rel="canonical" href="http://testserver/handreiking/{chapter.slug}/">' in body
    assert f'<link rel="shortlink" href="http://testserver/h/{chapter.pk}/">' in body
    assert 'type="application/atom+xml"' in body
    assert "Laatst gewijzigd op" in body
    assert 'rel="next"' in body
    assert 'rel="prev"' not in body


def test_every_heading_in_every_chapter_has_an_id(client):
    ChapterFactory(body="## Een onderdeel\n\nTekst.\n\n### Een kleiner onderdeel\n\nTekst.")
    for chapter in Chapter.objects.published():
        body = client.get(chapter.get_absolute_url()).content.decode()
        chapter_body = body.split('class="chapter__body"', 1)[1].split("</div>", 1)[0]
        assert re.findall(r"<h[23](?![^>]*\bid=)", chapter_body) == []


def test_short_link_redirects_to_the_current_address(client):
    chapter = ChapterFactory()
    response = client.get(f"/h/{chapter.pk}/")
    assert response.status_code == 302
    assert response["Location"] == chapter.get_absolute_url()
    publish_change(chapter=chapter, user=None, slug="online-luisteren")
    assert client.get(f"/h/{chapter.pk}/")["Location"] == "/handreiking/online-luisteren/"
    assert client.get("/h/999999/").status_code == 404


def test_every_former_slug_redirects_permanently_to_the_current_one(client):
    chapter = ChapterFactory()
    original = chapter.slug
    publish_change(chapter=chapter, user=None, slug="integriteit")
    publish_change(chapter=chapter, user=None, slug="integriteit-online")
    for old in (original, "integriteit"):
        response = client.get(f"/handreiking/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/handreiking/integriteit-online/"
    assert client.get("/handreiking/integriteit-online/").status_code == 200


def test_renaming_back_to_a_former_slug_removes_its_redirect(client):
    chapter = ChapterFactory()
    original = chapter.slug
    publish_change(chapter=chapter, user=None, slug="tijdelijk")
    publish_change(chapter=chapter, user=None, slug=original)
    assert client.get(f"/handreiking/{original}/").status_code == 200
    assert client.get("/handreiking/tijdelijk/")["Location"] == f"/handreiking/{original}/"


def test_readers_never_see_a_draft(client, editor):
    chapter = ChapterFactory()
    save_draft(
        chapter=chapter,
        title="Geheime concepttitel",
        slug=chapter.slug,
        summary="",
        body="Geheime concepttekst.",
        user=editor,
    )
    text = client.get(chapter.get_absolute_url()).content.decode()
    assert "Geheime concept" not in text
    assert "Geheime concept" not in client.get("/").content.decode()
    new = Chapter(number=9)
    save_draft(
        chapter=new, title="Nog niet af", slug="nog-niet-af", summary="", body="x", user=editor
    )
    assert client.get("/handreiking/nog-niet-af/").status_code == 404
    assert client.get(f"/h/{new.pk}/").status_code == 404
    assert "Nog niet af" not in client.get("/").content.decode()


def test_saving_body_directly_changes_what_readers_see(client):
    chapter = ChapterFactory()
    chapter.body = "Nieuwe **tekst** van de redactie.\n\n## Nieuw onderdeel\n\nMeer."
    chapter.save()
    body = client.get(chapter.get_absolute_url()).content.decode()
    assert "Nieuwe <strong>tekst</strong> van de redactie." in body
    assert '<h2 id="nieuw-onderdeel">' in body


def test_major_change_shows_date_and_note_minor_change_does_not(client):
    chapter = publish(number=2, title="Online luisteren", body="Luisteren is ook meedoen.")
    before = chapter.last_major_change_at
    publish_change(chapter=chapter, user=None, body=chapter.body + "\n\nTypo weg.")
    chapter.refresh_from_db()
    assert chapter.last_major_change_at == before
    publish_change(
        chapter=chapter,
        user=None,
        major=True,
        change_note="Voorbeelden over LinkedIn toegevoegd.",
        body=chapter.body + "\n\nLinkedIn.",
    )
    chapter.refresh_from_db()
    assert chapter.last_major_change_at > before
    text = page_text(client.get(chapter.get_absolute_url()))
    assert "Voorbeelden over LinkedIn toegevoegd." in text
    assert "Eerste publicatie" in text


def test_changes_page_and_feed_list_major_changes_newest_first(client):
    clear_chapters()
    chapter = publish(number=1, title="Netwerken", body="Netwerken gaat online makkelijk.")
    publish(number=2, title="Luisteren", body="Luisteren is ook meedoen.")
    publish(number=3, title="De krantentest", body="Zou het in de krant mogen staan?")
    publish_change(
        chapter=chapter, user=None, major=True, change_note="Nieuwe alinea over netwerken."
    )
    text = page_text(client.get("/wijzigingen/"))
    assert text.index("Nieuwe alinea over netwerken.") < text.index("Eerste publicatie")
    assert text.count("Eerste publicatie") == 3  # each chapter's first publication
    feed = client.get("/wijzigingen/feed/")
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    content = feed.content.decode()
    assert content.index("Nieuwe alinea over netwerken.") < content.index("Eerste publicatie")
    # Entries link to the permanent link, which survives renames.
    assert f"http://testserver/h/{chapter.pk}/" in content


def test_unknown_chapter_is_a_dutch_404(client):
    response = client.get("/handreiking/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.parametrize("path", ["/", "/handreiking/{slug}/", "/wijzigingen/", "/h/{pk}/"])
def test_public_pages_use_few_queries_whatever_the_number_of_chapters(client, path):
    chapter = publish(number=2, title="Online luisteren", body="## Kop\n\nTekst.")
    url = path.format(slug=chapter.slug, pk=chapter.pk)
    client.get(url)  # warm up (content types, etc.)
    # Both counts after a change readers can see, so nothing kept per version is reused.
    ContentVersion.objects.bump()
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code in (200, 302)
    for number in range(10, 60):
        extra = publish(number=number, title=f"Extra {number}", body=f"## Kop {number}\n\nTekst.")
        publish_change(chapter=extra, user=None, major=True, change_note="x")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code in (200, 302)
    assert len(many) == len(few)
    assert len(many) <= 4


def test_no_markdown_is_rendered_on_a_read(client, monkeypatch):
    from handreiking import markdown

    def refuse(*args, **kwargs):
        raise AssertionError("Markdown rendered on a read")

    chapter = ChapterFactory(body="Een **alinea**.\n\n## Een onderdeel\n\nTekst.")
    monkeypatch.setattr(markdown, "render_chapter", refuse)
    monkeypatch.setattr(markdown.python_markdown, "markdown", refuse)
    assert client.get(chapter.get_absolute_url()).status_code == 200
    assert client.get("/").status_code == 200


def test_previous_and_next_follow_every_publish_although_the_list_is_kept_per_version(client):
    """The chapter list behind previous/next is kept in the process per content version; a
    rename or a new chapter shows on the very next request, never a kept list."""
    clear_chapters()
    first = publish(number=1, title="Eerste", body="Tekst een.")
    second = publish(number=2, title="Tweede", body="Tekst twee.")
    page = client.get(first.get_absolute_url()).content.decode()
    assert "Tweede" in page and 'rel="next"' in page
    assert "Tweede" in client.get(first.get_absolute_url()).content.decode()  # kept list

    publish_change(chapter=second, user=None, title="Tweede, herschreven")
    page = client.get(first.get_absolute_url()).content.decode()
    assert "Tweede, herschreven" in page

    publish(number=3, title="Derde", body="Tekst drie.")
    page = client.get(second.get_absolute_url()).content.decode()
    assert "Derde" in page and 'rel="next"' in page

    Chapter.objects.get(number=3).delete()  # a deleted chapter replaces the version too
    page = client.get(second.get_absolute_url()).content.decode()
    assert "Derde" not in page and 'rel="next"' not in page


def test_a_version_a_request_never_read_reads_the_list_from_the_database(
    client, django_assert_num_queries
):
    """Without a version on the request (the editor's preview), nothing kept is used."""
    clear_chapters()
    first = publish(number=1, title="Eerste", body="Tekst een.")
    publish(number=2, title="Tweede", body="Tekst twee.")
    with django_assert_num_queries(1):
        context = chapter_context(first, body_html="", toc=[])
    assert context["next_chapter"].title == "Tweede"
    version = ContentVersion.objects.current()
    chapter_context(first, body_html="", toc=[], version=version)
    with django_assert_num_queries(0):
        context = chapter_context(first, body_html="", toc=[], version=version)
    assert context["next_chapter"].title == "Tweede"


@pytest.mark.parametrize(("sections", "has_contents"), [(1, False), (2, True)])
def test_a_table_of_contents_only_from_two_sections_up(client, sections, has_contents):
    body = "Inleiding.\n\n" + "\n\n".join(f"## Deel {n}\n\nTekst {n}." for n in range(sections))
    chapter = ChapterFactory(body=body)
    page = client.get(chapter.get_absolute_url()).content.decode()
    assert ('aria-labelledby="inhoudsopgave"' in page) is has_contents

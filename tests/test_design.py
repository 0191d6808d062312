"""Every public page has the same accessible skeleton."""

import re

import pytest

from handreiking.models import Chapter
from tests.factories import ChapterFactory

pytestmark = pytest.mark.django_db

CHAPTER_BODY = """Een inleiding met een [link naar de zelftoets](/zelftoets/).

## Een onderdeel

- Een **punt**
- Nog een punt

### Een kleiner onderdeel

Zou je bericht morgen in de krant mogen staan?
"""


@pytest.fixture(autouse=True)
def chapter(db):
    """A chapter page of our own among the pages, and a result for "krant" on the search page."""
    return ChapterFactory(title="De krantentest", body=CHAPTER_BODY)


def pages() -> list[str]:
    return [
        "/",
        *[c.get_absolute_url() for c in Chapter.objects.published()],
        "/zoeken/",
        "/zoeken/?q=krant",
        "/zoeken/?q=xylofoon",
        "/zelftoets/",
        "/wijzigingen/",
        "/toegankelijkheid/",
        "/voor-hr/",
    ]


def test_every_page_has_one_h1_skip_link_first_landmarks_and_dutch(client):
    for path in pages():
        response = client.get(path)
        body = response.content.decode()
        assert response.status_code == 200, path
        assert '<html lang="nl">' in body, path
        assert len(re.findall(r"<h1[\s>]", body)) == 1, path
        first_link = re.search(
            r"<(a|button|input|select|textarea)\b[^>]*>", body.split("<body>")[1]
        )
        assert 'class="skip-link" href="#inhoud"' in first_link.group(0), path
        assert '<main id="inhoud"' in body, path
        for landmark in ("<header", "<nav", "<footer"):
            assert landmark in body, (path, landmark)
        assert 'href="/toegankelijkheid/"' in body, path
        assert 'rel="alternate" type="application/atom+xml"' in body, path


def test_error_pages_share_the_skeleton(client):
    body = client.get("/bestaat-niet/").content.decode()
    assert '<html lang="nl">' in body
    assert body.count("<h1") == 1
    assert 'class="skip-link"' in body
    assert 'href="/toegankelijkheid/"' in body


def test_accessibility_statement_says_what_was_tested_and_how_to_report(client):
    body = client.get("/toegankelijkheid/").content.decode()
    for phrase in ("WCAG 2.1", "axe-core", "Toetsenbord", "320 pixels", "Een probleem melden"):
        assert phrase in body


def test_no_external_fonts_scripts_or_inline_styles(client):
    for path in pages():
        body = client.get(path).content.decode()
        assert not re.search(r'<(script|img|iframe)\b[^>]*\ssrc="(https?:)?//', body), path
        external = r'<link\b(?![^>]*rel="(canonical|shortlink)")[^>]*href="(https?:)?//'
        assert not re.search(external, body), path
        assert " style=" not in body, path
        # Only our own files (script-src 'self'), no inline script: a stored public page then
        # carries no per-request nonce.
        for script in re.findall(r"<script\b[^>]*>", body):
            assert re.search(r'\ssrc="/static/', script), (path, script)
        assert not re.search(r"<script\b[^>]*>(?!\s*</script>)", body), path

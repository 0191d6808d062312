"""The Atom feed of changes, checked against the rules of RFC 4287."""

import re
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest

from tests.factories import publish, publish_change

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3987 IRI with a scheme; tag: URIs per RFC 4151.
IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")
TAG = re.compile(r"^tag:[a-z0-9.-]+,\d{4}(-\d{2}(-\d{2})?)?:\S+$")


def feed(client, **extra) -> ET.Element:
    response = client.get("/wijzigingen/feed/", **extra)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own feed, from the test client


def rfc3339(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def test_the_feed_follows_rfc_4287(client):
    chapter = publish(number=60, title="Feedhoofdstuk", body="Tekst.", slug="feed")
    publish_change(
        chapter=chapter,
        user=None,
        major=True,
        change_note="Een <b>vette</b> notitie & meer",
        body="Nieuwe tekst.",
    )
    root = feed(client)
    assert root.tag == f"{ATOM}feed"
    # atom:feed: exactly one id, title and updated; an author (feed-level covers entries).
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
    assert TAG.match(root.find(f"{ATOM}id").text)
    assert root.find(f"{ATOM}author/{ATOM}name").text
    rfc3339(root.find(f"{ATOM}updated").text)
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    entries = root.findall(f"{ATOM}entry")
    assert entries
    ids = []
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        entry_id = entry.find(f"{ATOM}id").text
        assert IRI.match(entry_id) and TAG.match(entry_id)
        ids.append(entry_id)
        rfc3339(entry.find(f"{ATOM}updated").text)
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert IRI.match(link.get("href"))
        summary = entry.find(f"{ATOM}summary")
        assert summary.get("type") == "text"
    assert len(set(ids)) == len(ids)
    # The note an editor typed arrives as text: readers show the markup, never render it.
    summaries = [e.find(f"{ATOM}summary").text for e in entries]
    assert "Een <b>vette</b> notitie & meer" in summaries


def test_feed_ids_and_links_use_the_portal_base_url_not_the_host_header(client, settings):
    publish(number=61, title="Hoofdstuk", body="Tekst.", slug="basis")
    settings.PORTAL_BASE_URL = "https://handreiking.intranet.example"
    root = feed(client, HTTP_HOST="127.0.0.1:8000")
    assert root.find(f"{ATOM}id").text.startswith("tag:handreiking.intranet.example,")
    for link in root.iter(f"{ATOM}link"):
        assert link.get("href").startswith("https://handreiking.intranet.example/")


def test_permanent_links_and_qr_codes_ignore_a_forged_host(client, settings):
    chapter = publish(number=62, title="QR", body="## Onderdeel\n\nTekst.", slug="qr-hoofdstuk")
    settings.PORTAL_BASE_URL = "https://handreiking.intranet.example"
    settings.ALLOWED_HOSTS = ["*"]
    page = client.get("/voor-hr/", HTTP_HOST="127.0.0.1:1337").content.decode()
    assert "127.0.0.1:1337" not in page
    assert f"https://handreiking.intranet.example/h/{chapter.pk}/#onderdeel" in page
    forged = client.get(f"/voor-hr/qr/{chapter.pk}.svg", HTTP_HOST="evil.example")
    honest = client.get(f"/voor-hr/qr/{chapter.pk}.svg", HTTP_HOST="localhost")
    assert forged.content == honest.content
    detail = client.get(chapter.get_absolute_url(), HTTP_HOST="evil.example").content.decode()
    assert "evil.example" not in detail

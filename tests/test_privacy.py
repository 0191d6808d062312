"""The privacy statement: a short public notice at /privacy/ (docs/privacyverklaring.md), linked
from every page and from the zelftoets, and the operator's full description (docs/privacy.md),
which the portal does not serve."""

import html
import re
from datetime import timedelta

import pytest
from django.conf import settings

from handreiking import presence
from handreiking.search import misses

pytestmark = pytest.mark.django_db

VERSION = "Versie 3, 7 december 2026"
OPERATOR_DOCUMENT = settings.BASE_DIR / "docs" / "privacy.md"


@pytest.fixture
def notice(client) -> str:
    response = client.get("/privacy/")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_notice_has_a_title_a_version_and_a_date(notice):
    assert "<h1>Privacyverklaring</h1>" in notice
    assert VERSION in notice


def test_the_notice_has_the_sections_a_reader_looks_for(notice):
    for anchor in (
        "wie-is-verantwoordelijk",
        "wat-we-bewaren",
        "wat-we-niet-bewaren",
        "wie-je-antwoorden-ziet-en-wanneer",
        "wat-toch-nog-kan",
        "wat-het-portaal-verder-gebruikt",
        "waarom-we-dit-mogen",
        "hoe-lang-we-gegevens-bewaren",
        "je-rechten",
        "vragen-of-een-klacht",
    ):
        assert f'id="{anchor}"' in notice, anchor


def test_the_notice_names_the_controller_the_fg_and_the_complaint_route(notice):
    assert "verwerkingsverantwoordelijke" in notice
    assert "functionaris gegevensbescherming (FG) van het ministerie dat het portaal beheert" in (
        " ".join(notice.split())
    )
    assert 'href="https://autoriteitpersoonsgegevens.nl"' in notice
    assert "Autoriteit Persoonsgegevens" in notice
    # No invented contact details: the route is the FG, not an address made up here.
    body = notice.split('<div class="chapter__body">', 1)[1]
    assert "mailto:" not in body and "tel:" not in body
    assert not re.search(r"[\w.-]+@[\w-]+\.\w+", body)


def test_the_notice_gives_the_legal_basis_in_plain_words(notice):
    text = " ".join(notice.split())
    assert "taak van algemeen belang" in text
    assert "artikel 6, lid 1, onder e" in text
    assert "toestemming" in text  # and why that is not the basis
    assert "artikel 32" in text  # security: the login log


def test_the_notice_lists_the_rights_and_is_honest_about_anonymous_reflections(notice):
    text = " ".join(notice.split())
    for right in ("inzage", "rectificatie", "verwijdering", "beperking", "bezwaar"):
        assert f"<strong>{right}:</strong>" in text, right
    assert "We weten niet welke reflectie van jou is" in text
    assert "artikel 11" in text


def test_the_notice_covers_what_the_portal_processes_about_staff(notice):
    text = " ".join(notice.split())
    for subject in (
        "Je account",
        "Het inloglogboek",
        "Wie bewerkt nu",
        "De versiegeschiedenis",
        "Vindt het portaal niets?",
    ):
        assert subject in text, subject


def test_the_retention_periods_in_the_notice_are_those_of_the_code(notice):
    table = notice.split('id="hoe-lang-we-gegevens-bewaren"', 1)[1].split("</table>", 1)[0]
    rows = {
        html.unescape(re.sub(r"<[^>]+>", "", cells[0])).strip(): " ".join(cells[1].split())
        for cells in re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*</tr>", table, re.S)
    }
    assert f"{settings.REFLECTION_RETENTION_DAYS} dagen" in rows["vrijgegeven reflectie"]
    assert f"{settings.REFLECTION_RETENTION_DAYS} dagen" in rows["reflectie die nog wacht"]
    assert f"{misses.RETENTION_DAYS} dagen" in rows["tellingen van zoekwoorden zonder resultaat"]
    assert presence.PRESENCE_KEPT == timedelta(days=1)
    assert "hoogstens 1 dag" in rows["wie bewerkt nu"]
    assert f"hoogstens {settings.SESSION_COOKIE_AGE // 3600} uur" in rows["sessie na het inloggen"]
    assert (
        f"{settings.EDITING_REVISION_RETENTION_DAYS} dagen" in rows["versiegeschiedenis met namen"]
    )
    count, seconds = settings.ZELFTOETS_RATE_LIMIT.split("/")
    assert f"{int(seconds) // 60} minuten" in rows["code en aantal tegen misbruik"]
    assert f"hoogstens {count} zelftoetsen in {int(seconds) // 60} minuten" in " ".join(
        notice.split()
    )
    for row in ("inloglogboek", "logboek van de webserver", "back-ups van de database", "account"):
        assert rows[row], row


def test_the_notice_keeps_operator_instructions_out(notice):
    body = notice.split('<div class="chapter__body">', 1)[1]
    for operator_word in (
        "TRUSTED_PROXIES",
        "SECRET_KEY",
        "manage.py",
        "VACUUM",
        "Voor beheerders",
        "handreiking_",
    ):
        assert operator_word not in body, operator_word


def test_the_operator_document_follows_the_model_dpia_and_is_not_served(client):
    text = OPERATOR_DOCUMENT.read_text(encoding="utf-8")
    assert VERSION in text
    headings = re.findall(r"^##+ (.+)$", text, re.M)
    for section in (
        "A. Beschrijving van de verwerkingen",
        "A.2 Rollen en ontvangers",
        "A.4 Rechtsgrond",
        "A.5 Bewaartermijnen",
        "B. Risico's en maatregelen",
        "C. Rechten van betrokkenen en de klachtroute",
        "D. Wat de beheerder moet doen",
    ):
        assert section in headings, section
    # Every processing is described, and what the operator must keep out of logs and backups.
    for fact in (
        "handreiking_heldreflection",
        "handreiking_sourcemark",
        "axes_accesslog",
        "handreiking_editingpresence",
        "handreiking_searchmiss",
        "VACUUM FULL",
        "WAL",
        "hoogstens 14 dagen",
        "SECRET_KEY",
        "TRUSTED_PROXIES",
        "release_reflections",
        "purge_reflections",
        "clearsessions",
        "axes_reset_logs",
        "art. 6 lid 1 onder e",
        "art. 11 AVG",
        "https://autoriteitpersoonsgegevens.nl",
    ):
        assert fact in text, fact
    assert "D.8 Nooit" in headings
    # The full description is for the FG and operators: /privacy/ shows the notice only.
    assert "Risico's en maatregelen" not in client.get("/privacy/").content.decode()


def test_every_page_and_the_zelftoets_link_to_it(client):
    assert 'href="/privacy/"' in client.get("/").content.decode()
    form = client.get("/zelftoets/").content.decode()
    assert form.count('href="/privacy/"') == 2  # in the text and in the footer

"""The privacy statement: a short public notice at /privacy/ (docs/privacyverklaring.md), linked
from every page and from the zelftoets, and the operator's full description (docs/privacy.md),
which the portal does not serve."""

import html
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import get_commands

from handreiking import presence
from handreiking.search import misses
from handreiking.zelftoets import periods

pytestmark = pytest.mark.django_db

VERSION = "Versie 4, 7 december 2026"
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
    assert f"{settings.LOGIN_LOG_RETENTION_DAYS} dagen" in rows["inloglogboek"]
    # A presence row is old after PRESENCE_KEPT without a heartbeat; the next heartbeat of any
    # editor or the nightly purge_expired removes it, so it stays at most a day longer.
    assert presence.PRESENCE_KEPT % timedelta(days=1) == timedelta(0)
    assert f"hoogstens {presence.PRESENCE_KEPT.days + 1} dagen" in rows["wie bewerkt nu"]
    assert f"hoogstens {settings.SESSION_COOKIE_AGE // 3600} uur" in rows["sessie na het inloggen"]
    assert (
        f"{settings.EDITING_REVISION_RETENTION_DAYS} dagen" in rows["versiegeschiedenis met namen"]
    )
    count, seconds = settings.ZELFTOETS_RATE_LIMIT.split("/")
    assert f"hoogstens {int(seconds) // 60} minuten" in rows["code en aantal tegen misbruik"]
    assert f"hoogstens {count} zelftoetsen in {int(seconds) // 60} minuten" in " ".join(
        notice.split()
    )
    for row in ("inloglogboek", "logboek van de webserver", "back-ups van de database", "account"):
        assert rows[row], row


def test_the_release_rules_and_the_lockout_in_the_notice_are_those_of_the_code(notice):
    text = " ".join(re.sub(r"<[^>]+>", "", notice).split())
    # "week" and "van maandag tot maandag": periods of 7 days counted from a Monday.
    assert settings.ZELFTOETS_RELEASE_DAYS == 7
    assert periods.EPOCH.weekday() == 0
    assert "Een week loopt van maandag tot maandag." in text
    # The same words as the zelftoets form: after the week, in a group from distinct computers.
    assert (
        f"Na afloop van de week zien de beoordelaars ze, in een groep van minstens "
        f"{settings.ZELFTOETS_MIN_GROUP} reflecties van verschillende computers." in text
    )
    assert f"Zijn er die week minder dan {settings.ZELFTOETS_MIN_GROUP}?" in text
    assert f"Na {settings.AXES_FAILURE_LIMIT} mislukte pogingen" in text
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)
    assert "kun je een kwartier niet inloggen" in text


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
        "purge_expired",
        "LOGIN_LOG_RETENTION_DAYS",
        "secure_delete",
        "error_log",
        "art. 6 lid 1 onder e",
        "art. 11 AVG",
        "https://autoriteitpersoonsgegevens.nl",
    ):
        assert fact in text, fact
    assert "D.8 Nooit" in headings
    # Every command it tells the operator to run exists.
    for command in set(re.findall(r"manage\.py (\w+)", text)):
        assert command in get_commands(), command
    # The full description is for the FG and operators: /privacy/ shows the notice only.
    assert "Risico's en maatregelen" not in client.get("/privacy/").content.decode()


def test_every_page_and_the_zelftoets_link_to_it(client):
    assert 'href="/privacy/"' in client.get("/").content.decode()
    form = client.get("/zelftoets/").content.decode()
    assert form.count('href="/privacy/"') == 2  # in the text and in the footer

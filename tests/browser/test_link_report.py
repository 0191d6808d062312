"""„Wie linkt hierheen?” in a real browser: a heading another chapter links to disappears from
the typed text, and the editor sees where that link will land, without saving."""

import pytest
from django.contrib.sessions.models import Session

from handreiking.models import Chapter
from tests.browser.test_accessibility import assert_accessible
from tests.factories import ChapterFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BODY = (
    "Inleiding.\n\n## Eerste deel\n\nTekst een.\n\n## Tweede deel\n\nTekst twee.\n\n"
    "## Derde deel\n\nTekst drie."
)
BLOCK = "#links-naar-dit-hoofdstuk"
EDITOR = "textarea.markdownx-editor[name=body]"


def open_chapter(page, login) -> Chapter:
    chapter = ChapterFactory(title="Online netwerken", slug="online-netwerken", body=BODY)
    ChapterFactory(
        title="Privé en werk",
        body=f"Lees [het tweede deel](/h/{chapter.pk}/#tweede-deel) en "
        "[het eerste deel](/handreiking/online-netwerken/#eerste-deel).",
    )
    login(UserFactory(groups=["Redacteuren"]))
    page.goto(f"/admin/handreiking/chapter/{chapter.pk}/change/")
    return chapter


def test_removing_a_heading_another_chapter_links_to_warns_while_typing(page, login):
    chapter = open_chapter(page, login)
    block = page.locator(BLOCK)
    # Nothing to warn about: the block starts closed.
    assert not block.locator("details").evaluate("details => details.open")
    assert "Landt op de kop „Tweede deel”" in block.locator("[data-link-report]").text_content()
    requests = []
    page.on(
        "request",
        lambda request: requests.append(request) if "wie-linkt-hierheen" in request.url else 0,
    )

    editor = page.locator(EDITOR)
    editor.focus()
    page.keyboard.press("Control+A")
    typed = BODY.replace("## Tweede deel\n\nTekst twee.\n\n", "")
    page.keyboard.type(typed)
    warning = block.locator("li", has_text="deze link landt straks op")
    warning.wait_for()

    assert "„het tweede deel” naar #tweede-deel" in warning.inner_text()
    assert "na „Eerste deel”" in warning.inner_text()
    assert "in plaats van op „Tweede deel”" in warning.inner_text()
    # The block opens for a new warning, and the badge in its summary counts the link.
    assert block.locator("details").evaluate("details => details.open")
    assert "1 link landt straks anders" in block.locator("summary").inner_text()
    status = block.locator("[data-link-report-status]")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == (
        "Wie linkt hierheen: 2 links uit andere hoofdstukken. "
        "Let op: 1 link landt straks op een andere plek. 1 anker verandert."
    )
    # Debounced: a request after a pause in typing, not one per letter.
    assert len(requests) < len(typed) / 10
    # Nothing was saved.
    chapter.refresh_from_db()
    assert chapter.body == BODY
    assert page.url.endswith(f"/admin/handreiking/chapter/{chapter.pk}/change/")

    # Typing the heading back removes the warning again.
    page.keyboard.type("\n\n## Tweede deel\n\nTekst twee.")
    block.locator("li", has_text="Landt op de kop „Tweede deel”").wait_for()
    assert block.locator("li", has_text="deze link landt straks op").count() == 0


def test_an_expired_session_keeps_the_last_report_and_says_so(page, login):
    open_chapter(page, login)
    shown = page.text_content(f"{BLOCK} [data-link-report]")
    # The session ends (the CSRF cookie stays): the endpoint answers 401.
    Session.objects.all().delete()

    with page.expect_response("**/wie-linkt-hierheen/") as answer:
        page.locator(EDITOR).focus()
        page.keyboard.press("Control+End")
        page.keyboard.type("\n\nNog een zin.")
    assert answer.value.status == 401
    status = page.locator(f"{BLOCK} [data-link-report-status]")
    status.filter(has_text="U bent uitgelogd").wait_for()
    assert "kan verouderd zijn" in status.inner_text()
    assert page.text_content(f"{BLOCK} [data-link-report]") == shown
    assert page.locator(f"{BLOCK} input[name=password]").count() == 0


def test_the_change_page_with_the_warning_passes_axe(page, login):
    open_chapter(page, login)
    page.locator(EDITOR).fill(BODY.replace("## Eerste deel", "## Beginnen"))
    page.locator(BLOCK).locator("li", has_text="deze link landt straks op").wait_for()
    assert_accessible(page, "hoofdstuk bewerken met Wie linkt hierheen?")

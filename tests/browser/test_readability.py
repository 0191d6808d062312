"""Readable Dutch in a real browser: the panel follows the editor's typing, keeps its last report
when the session is gone, and passes axe."""

import pytest
from django.contrib.sessions.models import Session

from tests.browser.test_accessibility import assert_accessible
from tests.factories import ChapterFactory, UserFactory
from tests.test_readability import B1_TEXT, LONG_SENTENCE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STYLESHEET = "/static/css/readability.css"


def open_chapter(page, login) -> None:
    editor = UserFactory(groups=["Redacteuren"])
    chapter = ChapterFactory(title="Online actief", body=f"{B1_TEXT}\n\n## Meedoen\n\n{B1_TEXT}")
    login(editor)
    page.goto(f"/admin/handreiking/chapter/{chapter.pk}/change/")


def score(page) -> int:
    return int(page.locator("#leesbaarheid .readability__score").inner_text().split()[-1])


def type_at_the_end(page, text: str) -> None:
    editor = page.locator("textarea.markdownx-editor[name=body]")
    editor.focus()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def test_typing_a_long_sentence_lowers_the_score_and_lists_it(page, login):
    open_chapter(page, login)
    before = score(page)
    assert before >= 60
    assert "Geen zinnen van meer dan 25 woorden." in page.inner_text("#leesbaarheid")
    requests = []
    page.on(
        "request", lambda request: requests.append(request) if "leesbaarheid" in request.url else 0
    )

    typed = f"\n\n## Lang\n\n{LONG_SENTENCE}"
    type_at_the_end(page, typed)
    long_sentences = page.locator("#leesbaarheid .readability__long li")
    long_sentences.filter(has_text="meelezen en dat een bericht").wait_for()

    assert score(page) < before
    assert "(40 woorden)" in long_sentences.first.inner_text()
    assert page.locator("#leesbaarheid tbody th", has_text="Lang").count() == 1
    status = page.locator("#leesbaarheid [data-readability-status]")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text().startswith(f"Leesbaarheid: score {score(page)}")
    # Debounced: a request after a pause in typing, not one per letter.
    assert len(requests) < len(typed) / 10


def test_an_expired_session_keeps_the_last_report(page, login):
    open_chapter(page, login)
    shown = page.inner_text("#leesbaarheid [data-readability-report]")
    # The session ends (the CSRF cookie stays): the endpoint answers with the login redirect.
    Session.objects.all().delete()

    with page.expect_response("**/admin/leesbaarheid/") as answer:
        type_at_the_end(page, f" {LONG_SENTENCE}")
    assert answer.value.status == 302
    status = page.locator("#leesbaarheid [data-readability-status]")
    status.filter(has_text="De score kon niet worden bijgewerkt").wait_for()

    assert page.inner_text("#leesbaarheid [data-readability-report]") == shown
    assert page.locator("#leesbaarheid input[name=password]").count() == 0
    assert page.locator("#leesbaarheid .readability__long li").count() == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_change_page_with_the_panel_passes_axe(browser, live_server, scheme):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(10_000)
    editor = UserFactory(groups=["Redacteuren"])
    chapter = ChapterFactory(body=f"{B1_TEXT}\n\n## Lang\n\n{LONG_SENTENCE}")
    page.goto("/admin/login/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", "correct-horse-battery")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(f"/admin/handreiking/chapter/{chapter.pk}/change/")
    assert page.locator(f"link[href='{STYLESHEET}']").count() == 1
    type_at_the_end(page, " Kort.")
    page.locator("#leesbaarheid [data-readability-status]").filter(has_text="score").wait_for()
    page.locator("#leesbaarheid .readability__long li").first.wait_for()
    assert_accessible(page, f"hoofdstuk bewerken met leesbaarheid ({scheme})")
    context.close()

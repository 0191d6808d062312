"""No lost work, in a real browser: editors see each other at work on a chapter, and an expired
session never puts a login page in the editor or loses what was typed."""

import re

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from handreiking.models import EditingPresence, Revision
from tests.factories import ChapterFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct-horse-battery"
WAIT = 30_000


@pytest.fixture
def quick_heartbeat(settings):
    """A presence window of 6 seconds, so the edit page's heartbeat comes every 2 seconds."""
    settings.EDITING_PRESENCE_SECONDS = 6


@pytest.fixture
def leave_at_the_end(page):
    """Leave the edit page while the test database is still there: leaving sends a last
    request (the end of the presence), which should not reach a server being torn down."""
    yield
    if "/change/" in page.url:
        leave(page)


def leave(page) -> None:
    page.goto("/admin/")
    # A beacon is not among the page's network events: watch the database instead.
    for _ in range(100):
        if not EditingPresence.objects.exists():
            break
        page.wait_for_timeout(100)


def change_url(chapter) -> str:
    return f"/admin/handreiking/chapter/{chapter.pk}/change/"


def fill_login(page, user) -> None:
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def kept_texts(page) -> list[str]:
    return [key for key in page.evaluate("Object.keys(localStorage)") if "tekst" in key]


def editor_page(browser, live_server, user):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(WAIT)
    page.goto("/admin/login/")
    fill_login(page, user)
    page.wait_for_url("**/admin/")
    return context, page


def test_two_editors_see_each_other_arrive_and_leave(browser, live_server, quick_heartbeat):
    chapter = ChapterFactory()
    anna = UserFactory(groups=["Redacteuren"], first_name="Anna", last_name="de Vries")
    bert = UserFactory(groups=["Redacteuren"], first_name="Bert", last_name="Bakker")
    anna_context, anna_page = editor_page(browser, live_server, anna)
    bert_context, bert_page = editor_page(browser, live_server, bert)
    try:
        anna_page.goto(change_url(chapter))
        anna_notice = anna_page.locator("#editor-presence-notice")
        expect(anna_notice).to_have_text("")

        # Bert opens the chapter Anna is editing: the page says so straight away.
        bert_page.goto(change_url(chapter))
        expect(bert_page.get_by_role("status").filter(has_text="Anna")).to_have_text(
            re.compile(
                r"Let op: Anna de Vries bewerkt dit hoofdstuk ook, sinds \d\d:\d\d\. "
                r"Overleg even, zodat u elkaars werk niet overschrijft\."
            )
        )

        # Anna's page learns of Bert at its next heartbeat, without a reload.
        expect(anna_notice).to_contain_text(
            "Let op: Bert Bakker bewerkt dit hoofdstuk ook, sinds", timeout=WAIT
        )

        # Bert leaves: his page says goodbye, and Anna's notice goes away.
        bert_page.goto("/admin/")
        expect(anna_notice).to_have_text("", timeout=WAIT)
        leave(anna_page)
    finally:
        anna_context.close()
        bert_context.close()


def lose_session_while_typing(page, login, chapter, editor):
    """Log in, type, lose the session on the server, type more: the text stays where it is."""
    login(editor)
    page.goto(change_url(chapter))
    body = page.locator("#id_body")
    preview = page.locator(".markdownx-preview")
    body.fill(chapter.body + "\n\nEen nieuwe alinea over LinkedIn.")
    preview.get_by_text("Een nieuwe alinea over LinkedIn.").wait_for()

    Session.objects.all().delete()
    typed = chapter.body + "\n\nEen nieuwe alinea over LinkedIn.\n\nGeschreven na het uitloggen."
    with page.expect_response("**/admin/markdown-voorbeeld/"):
        body.fill(typed)

    alert = page.get_by_role("alert")
    expect(alert).to_have_text(
        "U bent uitgelogd. Uw tekst is bewaard in deze browser. Log opnieuw in (opent in een "
        "nieuw tabblad) en kom dan hier terug om op te slaan."
    )
    link = alert.get_by_role("link", name="Log opnieuw in (opent in een nieuw tabblad)")
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("href").startswith("/admin/login/")

    # The preview keeps its last good content: no login form in it.
    assert preview.locator("form, #login-form, input[type=password]").count() == 0
    expect(preview).to_contain_text("Een nieuwe alinea over LinkedIn.")

    # Saving is held (the text would go to a login page); the form stays as it was.
    posts = []
    page.on(
        "request",
        lambda request: (
            posts.append(request.url)
            if request.method == "POST" and request.url.endswith(change_url(chapter))
            else None
        ),
    )
    with page.expect_response("**/bezig/"):  # the held submit asks about the session again
        page.click("input[name=_save_draft]")
    assert posts == []
    assert page.url.endswith(change_url(chapter))
    expect(alert).to_be_visible()
    assert body.input_value() == typed
    assert not Revision.objects.open().filter(chapter=chapter).exists()
    return typed


def test_expired_session_then_log_in_again_in_another_tab_and_save(
    page, login, live_server, quick_heartbeat, leave_at_the_end
):
    editor = UserFactory(groups=["Redacteuren"])
    chapter = ChapterFactory(body="Een alinea die er al stond.")
    typed = lose_session_while_typing(page, login, chapter, editor)

    # The editor logs in again in a new tab (as the link offers), and comes back.
    login_tab = page.context.new_page()
    login_tab.goto(
        page.get_by_role("link", name=re.compile("Log opnieuw in")).get_attribute("href")
    )
    fill_login(login_tab, editor)
    login_tab.wait_for_url("**/admin/")
    login_tab.close()
    with page.expect_response("**/bezig/"):
        page.evaluate("window.dispatchEvent(new Event('focus'))")
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.locator("#editor-session")).to_contain_text("U bent weer ingelogd.")

    # The token changed with the new login; saving works all the same.
    page.click("input[name=_save_draft]")
    page.get_by_text("Het concept is opgeslagen").wait_for()
    page.wait_for_load_state()
    # (A browser sends a textarea's line breaks as CR LF; the saved revision is normalised.)
    assert Revision.objects.open().get(chapter=chapter).body == typed.strip()
    # Saved: nothing is offered, and the browser forgets the copy.
    assert page.get_by_role("button", name=re.compile("Herstel")).count() == 0
    assert kept_texts(page) == []


def test_expired_session_then_reload_offers_the_typed_text_after_logging_in(
    page, login, live_server, quick_heartbeat, leave_at_the_end
):
    editor = UserFactory(groups=["Redacteuren"])
    chapter = ChapterFactory(body="Een alinea die er al stond.")
    typed = lose_session_while_typing(page, login, chapter, editor)

    # Reloading shows the login page; after logging in, the chapter offers the kept text.
    page.reload()
    page.wait_for_url("**/admin/login/**")
    fill_login(page, editor)
    page.wait_for_url(f"**{change_url(chapter)}")
    body = page.locator("#id_body")
    assert body.input_value() == chapter.body
    restore = page.get_by_role("button", name=re.compile(r"^Herstel uw niet-opgeslagen tekst van "))
    expect(restore).to_have_text(re.compile(r"tekst van \d\d:\d\d$"))
    expect(page.get_by_role("button", name="Weggooien")).to_be_visible()
    restore.click()
    assert body.input_value() == typed
    expect(page.get_by_role("status").filter(has_text="Uw tekst is teruggezet")).to_be_visible()
    expect(page.locator(".markdownx-preview")).to_contain_text("Geschreven na het uitloggen.")


def test_throwing_away_the_kept_text(page, login, live_server, quick_heartbeat, leave_at_the_end):
    editor = UserFactory(groups=["Redacteuren"])
    chapter = ChapterFactory(body="Een alinea die er al stond.")
    lose_session_while_typing(page, login, chapter, editor)
    page.reload()
    fill_login(page, editor)
    page.wait_for_url(f"**{change_url(chapter)}")
    page.get_by_role("button", name="Weggooien").click()
    assert page.locator("#id_body").input_value() == chapter.body
    assert kept_texts(page) == []
    page.reload()
    assert page.get_by_role("button", name="Weggooien").count() == 0

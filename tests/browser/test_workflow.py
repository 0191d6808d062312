"""The editors' workflow in a real browser: a scheduled publication going live on time, the
second pair of eyes (return with a comment, approve), two editors in conflict, and the review-by
list on the admin's start page."""

import datetime as dt
import time

import pytest
from django.utils import timezone

from handreiking.models import Chapter
from tests.factories import ChapterFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def second(browser, live_server):
    """A second editor's browser, with its own cookies."""
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    other = context.new_page()
    other.set_default_timeout(10_000)
    yield other
    context.close()


def log_in(page, user) -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "correct-horse-battery")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def editor(first_name: str):
    return UserFactory(groups=["Redacteuren"], first_name=first_name, last_name="Test")


def test_a_scheduled_change_goes_live_on_time(page, browser, live_server):
    chapter = ChapterFactory(body="De oude tekst staat hier.")
    log_in(page, editor("Anna"))
    page.goto(f"/admin/handreiking/chapter/{chapter.pk}/change/")
    page.fill("#id_body", "De nieuwe tekst staat hier.")
    moment = timezone.localtime() + dt.timedelta(seconds=6)
    page.fill("#id_publish_at", moment.strftime("%Y-%m-%dT%H:%M:%S"))
    page.click("input[name=_schedule]")
    page.locator("text=De publicatie is gepland").wait_for()
    assert "Gepland:" in page.inner_text("#content-main")

    page.goto("/admin/handreiking/chapter/planning/")
    assert chapter.title in page.inner_text(".calendar-list")

    reader = browser.new_page(base_url=live_server.url)
    reader.goto(chapter.get_absolute_url())
    assert "De oude tekst staat hier." in reader.inner_text("main")
    # No cron job: the first request after the moment publishes it.
    time.sleep(max(0.0, (moment - timezone.localtime()).total_seconds()) + 1)
    reader.reload()
    assert "De nieuwe tekst staat hier." in reader.inner_text("main")
    reader.close()


def test_send_for_review_return_with_comment_approve_and_publish(page, second, browser, login):
    chapter = ChapterFactory(body="Eerste versie van de tekst.")
    anna, bram = editor("Anna"), editor("Bram")
    change_url = f"/admin/handreiking/chapter/{chapter.pk}/change/"

    log_in(page, anna)
    page.goto(change_url)
    page.fill("#id_body", "Tweede versie van de tekst.")
    page.check("input[name=change_kind][value=major]")
    page.fill("#id_change_note", "Tekst herschreven.")
    page.click("input[name=_request_review]")
    page.locator("text=Uw wijziging staat ter controle").wait_for()

    log_in(second, bram)
    second.click(f"text={chapter}")  # from the to-do list on the start page
    assert "Tweede" in second.inner_text(".diff ins >> nth=0")
    second.fill("#id_comment", "Noem ook een voorbeeld.")
    second.click("input[name=return]")
    second.locator("text=teruggestuurd naar de auteur").wait_for()

    page.goto(change_url)
    assert "Noem ook een voorbeeld." in page.inner_text("#content-main")
    page.fill("#id_body", "Tweede versie van de tekst, met een voorbeeld.")
    page.fill("#id_change_note", "Tekst herschreven, met voorbeeld.")
    page.click("input[name=_request_review]")
    page.locator("text=Uw wijziging staat ter controle").wait_for()

    second.goto(f"/admin/handreiking/chapter/{chapter.pk}/controle/")
    second.click("input[name=approve]")
    second.locator("text=Goedgekeurd en gepubliceerd").wait_for()
    page.goto(chapter.get_absolute_url())
    main = page.inner_text("main")
    assert "met een voorbeeld" in main
    assert "Tekst herschreven, met voorbeeld." in main


def test_two_editors_in_conflict_keep_both_texts_visible(page, second):
    chapter = ChapterFactory(body="Gedeelde tekst.")
    change_url = f"/admin/handreiking/chapter/{chapter.pk}/change/"
    log_in(page, editor("Anna"))
    log_in(second, editor("Bram"))
    page.goto(change_url)
    second.goto(change_url)

    second.fill("#id_body", "Bram schreef dit.")
    second.click("input[name=_save_draft]")
    second.locator("text=Het concept is opgeslagen").wait_for()

    page.fill("#id_body", "Anna schreef dit.")
    page.click("input[name=_save_draft]")
    conflict = page.locator(".editor-notice--conflict")
    conflict.wait_for()
    assert "Bram" in conflict.locator(".diff del").first.inner_text()
    assert "Anna" in conflict.locator(".diff ins").first.inner_text()
    assert page.input_value("#id_body") == "Anna schreef dit."
    page.click("input[name=_save_draft]")
    page.locator("text=Het concept is opgeslagen").wait_for()
    assert Chapter.objects.get(pk=chapter.pk).draft.body == "Anna schreef dit."


def test_the_review_by_list_and_marking_a_chapter_as_checked(page):
    chapter = ChapterFactory(title="Een oud hoofdstuk")
    Chapter.objects.filter(pk=chapter.pk).update(
        review_by=timezone.localdate() - dt.timedelta(days=5)
    )
    log_in(page, editor("Anna"))
    overdue = page.locator(".editorial-dashboard ul", has_text="Een oud hoofdstuk")
    assert "vóór" in overdue.inner_text()
    overdue.locator("a", has_text="Een oud hoofdstuk").click()
    assert "Deze controle is te laat" in page.inner_text(".editor-review-by")
    page.fill("#id_checked-note", "Alles nagelopen.")
    page.click("text=Markeer als gecontroleerd")
    page.locator("text=Vastgelegd als gecontroleerd").wait_for()
    page.goto("/admin/")
    assert "Een oud hoofdstuk" not in page.inner_text(".editorial-dashboard")
    reason = Chapter.objects.get(pk=chapter.pk).history.first().history_change_reason
    assert reason == "Gecontroleerd door Anna Test: Alles nagelopen."

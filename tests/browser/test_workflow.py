"""The editorial model in a real browser, with three editors at once (Anna writes, Bram reviews,
Carla looks on): a stale approval is refused, a minor rewrite waits for review, a conflict ends
in a merge with both texts kept, a restore is reviewed, a schedule keeps its embargo through
review, an edit after approval returns to review and to the list, long notes publish, and an
unchanged text sent with the browser's CRLF is no change."""

import datetime as dt
import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from handreiking.models import Chapter, Revision
from tests.factories import ChapterFactory, UserFactory, publish_change

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def new_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def second(browser, live_server):
    page = new_page(browser, live_server)
    yield page
    page.context.close()


@pytest.fixture
def third(browser, live_server):
    page = new_page(browser, live_server)
    yield page
    page.context.close()


@pytest.fixture
def reader(browser, live_server):
    page = new_page(browser, live_server)
    yield page
    page.context.close()


def log_in(page, user) -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "correct-horse-battery")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def editor(first_name: str):
    return UserFactory(groups=["Redacteuren"], first_name=first_name, last_name="Test")


def change_url(chapter) -> str:
    return f"/admin/handreiking/chapter/{chapter.pk}/change/"


def offer(page, chapter, body: str, *, kind: str = "", **fields) -> None:
    page.goto(change_url(chapter))
    if kind:
        page.check(f"input[name=change_kind][value={kind}]")
    page.fill("#id_body", body)
    for selector, value in fields.items():
        page.fill(f"#id_{selector}", value)
    page.click("input[name=_request_review]")
    page.locator("text=Uw wijziging staat ter controle").wait_for()


def test_a_stale_approval_is_refused(page, second, third, reader):
    chapter = ChapterFactory(body="De oude tekst.")
    anna, bram, carla = editor("Anna"), editor("Bram"), editor("Carla")
    log_in(page, anna)
    log_in(second, bram)
    log_in(third, carla)
    offer(page, chapter, "De eerste nieuwe tekst.")

    second.goto("/admin/")
    second.click(f"text={chapter}")  # from the to-do list: the review page of that version
    assert "eerste" in second.inner_text(".diff ins >> nth=0")

    offer(page, chapter, "De tweede nieuwe tekst, die Bram nog niet zag.")
    second.click("input[name=approve]")
    second.locator("text=nieuwere versie").first.wait_for()
    reader.goto(chapter.get_absolute_url())
    assert "De oude tekst." in reader.inner_text("main")

    # The newer version is on everyone's list; Carla reads and approves exactly that.
    third.goto("/admin/")
    third.click(f"text={chapter}")
    assert "tweede" in third.inner_text(".diff ins >> nth=0")
    third.click("input[name=approve]")
    third.locator("text=Goedgekeurd en gepubliceerd").wait_for()
    reader.reload()
    assert "die Bram nog niet zag" in reader.inner_text("main")


def test_a_minor_rewrite_waits_for_review(page, second, reader):
    chapter = ChapterFactory(body="Een korte tekst.")
    log_in(page, editor("Anna"))
    log_in(second, editor("Bram"))
    page.goto(change_url(chapter))
    assert page.locator("input[name=_publish]").count() == 0
    offer(page, chapter, "Een heel andere tekst, als kleine wijziging.", kind="minor")
    reader.goto(chapter.get_absolute_url())
    assert "Een korte tekst." in reader.inner_text("main")
    second.goto("/admin/")
    second.click(f"text={chapter}")
    second.click("input[name=approve]")
    second.locator("text=Goedgekeurd en gepubliceerd").wait_for()
    reader.reload()
    assert "Een heel andere tekst" in reader.inner_text("main")


def test_a_conflict_ends_in_a_merge_with_both_texts_kept(page, second, settings):
    settings.EDITING_PRESENCE_SECONDS = 10  # a heartbeat every 3 seconds
    chapter = ChapterFactory(body="Begin.\n\nMidden.\n\nEinde.")
    log_in(page, editor("Anna"))
    log_in(second, editor("Bram"))
    page.goto(change_url(chapter))
    second.goto(change_url(chapter))

    second.fill("#id_body", "Begin van Bram.\n\nMidden.\n\nEinde van Bram.")
    second.click("input[name=_save_draft]")
    second.locator("text=Het concept is opgeslagen").wait_for()
    # Anna hears of it on her next heartbeat, without reloading.
    page.locator("#editor-presence-notice", has_text="nieuwere versie").wait_for()

    page.fill("#id_body", "Begin van Anna.\n\nMidden.\n\nEinde.")
    page.click("input[name=_save_draft]")
    page.locator("text=Uw tekst is bewaard").wait_for()
    merge = page.inner_text("#content-main")
    assert "Begin van Anna." in merge and "Begin van Bram." in merge
    page.check("input[name=deel-0][value=mine]")
    page.click("input[value='Samenvoegen tot een nieuwe versie']")
    page.locator("text=De twee versies zijn samengevoegd").wait_for()
    assert page.input_value("#id_body") == "Begin van Anna.\n\nMidden.\n\nEinde van Bram."
    texts = set(Revision.objects.filter(chapter=chapter).values_list("body", flat=True))
    assert {
        "Begin van Anna.\n\nMidden.\n\nEinde.",
        "Begin van Bram.\n\nMidden.\n\nEinde van Bram.",
        "Begin van Anna.\n\nMidden.\n\nEinde van Bram.",
    } <= texts


def test_a_restore_is_reviewed(page, second, reader):
    chapter = ChapterFactory(body="De eerste tekst.")
    publish_change(chapter=chapter, body="De tweede tekst.")
    log_in(page, editor("Anna"))
    log_in(second, editor("Bram"))
    page.goto(f"/admin/handreiking/chapter/{chapter.pk}/history/")
    page.click("text=Vergelijk de gekozen versies")
    page.click("text=Zet de oudere versie terug")
    page.click("input[value='Terugzetten en ter controle aanbieden']")
    page.locator("text=is ter controle aangeboden").wait_for()
    reader.goto(chapter.get_absolute_url())
    assert "De tweede tekst." in reader.inner_text("main")
    second.goto("/admin/")
    second.click(f"text={chapter}")
    second.click("input[name=approve]")
    second.locator("text=Goedgekeurd en gepubliceerd").wait_for()
    reader.reload()
    assert "De eerste tekst." in reader.inner_text("main")


def test_a_schedule_keeps_its_embargo_through_review_and_an_edit_returns_it(
    page, second, third, reader
):
    chapter = ChapterFactory(body="De oude tekst.")
    log_in(page, editor("Anna"))
    log_in(second, editor("Bram"))
    log_in(third, editor("Carla"))
    moment = timezone.localtime() + dt.timedelta(seconds=8)
    offer(
        page,
        chapter,
        "De nieuwe tekst onder embargo.",
        publish_at=moment.strftime("%Y-%m-%dT%H:%M:%S"),
    )
    second.goto("/admin/")
    second.click(f"text={chapter}")
    second.click("input[name=approve]")
    second.locator("text=De wijziging gaat live op").wait_for()
    reader.goto(chapter.get_absolute_url())
    assert "De oude tekst." in reader.inner_text("main")

    # Anna changes it after approval: back to review, still under embargo, on Carla's list.
    page.goto(change_url(chapter))
    page.fill("#id_body", "De nieuwe tekst onder embargo, nog bijgewerkt.")
    page.click("input[name=_save_draft]")
    page.locator("text=Het concept is opgeslagen").wait_for()
    assert "nog niet goedgekeurd" in page.inner_text("#content-main")
    time.sleep(max(0.0, (moment - timezone.localtime()).total_seconds()) + 1)
    call_command("publish_scheduled")  # the timer: the changed text does not go live
    reader.reload()
    assert "De oude tekst." in reader.inner_text("main")
    third.goto("/admin/")
    todo = third.inner_text(".editorial-dashboard")
    assert "Gepland, maar niet goedgekeurd" in todo and "al voorbij" in todo
    third.click(f".editorial-dashboard a[href*='/controle/'] >> text={chapter}")
    third.click("input[name=approve]")
    third.locator("text=Goedgekeurd en gepubliceerd").wait_for()  # its moment has passed
    reader.reload()
    assert "nog bijgewerkt" in reader.inner_text("main")


def test_long_notes_publish(page, second, reader):
    chapter = ChapterFactory(body="Tekst.")
    log_in(page, editor("Anna"))
    log_in(second, editor("Bram"))
    offer(page, chapter, "Tekst, langer.", kind="major", change_note="Notitie. " * 110)
    second.goto("/admin/")
    second.click(f"text={chapter}")
    second.fill("#id_comment", "Opmerking. " * 180)
    second.click("input[name=approve]")
    second.locator("text=Goedgekeurd en gepubliceerd").wait_for()
    reader.goto(chapter.get_absolute_url())
    assert "Tekst, langer." in reader.inner_text("main")
    assert len(Chapter.objects.get(pk=chapter.pk).change_notes.first().note) > 900


def test_an_unchanged_text_sent_with_crlf_shows_no_difference(page):
    chapter = ChapterFactory(body="Regel een.\n\nRegel twee.\n\n- een\n- twee")
    log_in(page, editor("Anna"))
    page.goto(change_url(chapter))
    page.click("input[name=_save_draft]")  # the browser sends the text back with CRLF
    page.locator("text=Er was niets veranderd").wait_for()
    page.fill("#id_body", page.input_value("#id_body").replace("twee.", "drie."))
    page.click("input[name=_save_draft]")
    page.locator("text=Het concept is opgeslagen").wait_for()
    page.click("text=Concept vergelijken met de gepubliceerde tekst")
    # Only the changed word, not the whole text struck through and added again.
    assert [text.strip(" .") for text in page.locator(".diff del").all_inner_texts()] == ["twee"]
    assert [text.strip(" .") for text in page.locator(".diff ins").all_inner_texts()] == ["drie"]

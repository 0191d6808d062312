"""HR's flow in the browser: a printed section link keeps landing on its section."""

import pytest

from tests.factories import ChapterFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BODY = (
    "Inleiding.\n\n## Netwerken op LinkedIn\n\n" + "Een alinea over netwerken. " * 40 + "\n\n"
    "## Privé en werk\n\n" + "Een alinea over privé en werk. " * 60 + "\n\n"
    "## Slot\n\nTot slot."
)


def test_a_section_link_from_voor_hr_survives_a_renamed_heading(
    page, browser, live_server, login, settings
):
    # About anchors; the second pair of eyes has its own browser tests (test_workflow.py).
    settings.EDITING_REVIEW_REQUIRED = False
    chapter = ChapterFactory(title="Online netwerken", body=BODY)

    # HR copies the section's permanent link and its QR code from /voor-hr/.
    page.goto("/voor-hr/")
    row = page.locator("li.permalink-row", has_text="Privé en werk")
    permalink = row.locator("p a").get_attribute("href")
    assert permalink.endswith(f"/h/{chapter.pk}/#prive-en-werk")
    qr = row.locator("img").get_attribute("src")
    assert page.request.get(live_server.url + qr).status == 200

    # An editor renames that heading and publishes.
    login(UserFactory(groups=["Redacteuren"]))
    page.goto(f"/admin/handreiking/chapter/{chapter.pk}/change/")
    page.fill("#id_body", BODY.replace("## Privé en werk", "## Je privéleven en je werk"))
    page.click("input[name=_save_draft]")
    page.locator("text=Het concept is opgeslagen").wait_for()
    assert "verdwijnt een kop" in page.inner_text("#wie-linkt-hierheen >> xpath=../..")
    page.click("input[name=_publish]")
    page.locator("text=is gepubliceerd").wait_for()

    # The printed link still lands on the section, now under its new heading.
    reader = browser.new_page(base_url=live_server.url)
    reader.goto(permalink.replace("http://testserver", live_server.url))
    heading = reader.locator("h2#je-priveleven-en-je-werk")
    heading.wait_for()
    assert reader.evaluate("document.querySelector(':target').id") == "prive-en-werk"
    assert (
        reader.evaluate("document.querySelector(':target').nextElementSibling.id")
        == "je-priveleven-en-je-werk"
    )
    box = heading.bounding_box()
    assert 0 <= box["y"] < reader.viewport_size["height"]
    assert reader.locator("text=Een alinea over privé en werk.").first.is_visible()
    reader.close()


def test_a_link_to_a_removed_section_lands_where_it_was_with_a_note(page):
    chapter = ChapterFactory(title="Online netwerken", body=BODY)
    chapter.body = BODY.replace("## Privé en werk\n\n" + "Een alinea over privé en werk. " * 60, "")
    chapter.save()
    page.goto(f"/h/{chapter.pk}/#prive-en-werk")
    note = page.locator("#prive-en-werk")
    note.wait_for()
    assert note.is_visible()
    assert "„Privé en werk” staat niet meer in dit hoofdstuk" in note.inner_text()
    box = note.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]
    # Without the link, readers do not see the note.
    page.goto(chapter.get_absolute_url())
    assert not page.locator("#prive-en-werk").is_visible()

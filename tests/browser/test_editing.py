"""An editor's whole day in the admin, in a real browser; and no script ever runs from text."""

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from handreiking.models import Chapter
from tests.factories import ChapterFactory, UserFactory, publish_change
from tests.test_markdown import XSS_CORPUS

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_editor_drafts_previews_publishes_compares_and_restores(
    page, browser, live_server, login, settings
):
    # Publishing itself; the second pair of eyes has its own flow in test_workflow.py.
    settings.EDITING_REVIEW_REQUIRED = False
    editor = UserFactory(groups=["Redacteuren"])
    original_sentence = "De blik van buiten kan verfrissend zijn."
    chapter = ChapterFactory(
        title="Online luisteren",
        body=f"Kijk online rond. {original_sentence}\n\nLuisteren is ook meedoen.",
    )
    login(editor)

    # Edit the chapter with the live preview.
    page.goto(f"/admin/handreiking/chapter/{chapter.pk}/change/")
    body = page.locator("#id_body")
    new_body = chapter.body.replace(original_sentence, "De blik van buiten helpt je verder.")
    new_body += "\n\n## Luisteren op LinkedIn\n\nOok op LinkedIn kun je goed meelezen."
    body.fill(new_body)
    preview = page.locator(".markdownx-preview")
    preview.locator("h2#luisteren-op-linkedin").wait_for()
    assert "Ook op LinkedIn kun je goed meelezen." in preview.inner_text()

    # Save as draft: readers still see the published text.
    page.click("input[name=_save_draft]")
    page.locator("text=Het concept is opgeslagen").wait_for()
    reader = browser.new_page(base_url=live_server.url)
    reader.goto(chapter.get_absolute_url())
    assert original_sentence in reader.inner_text("main")
    assert "Luisteren op LinkedIn" not in reader.inner_text("main")

    # Preview the draft exactly as readers will see it.
    page.click("text=Voorbeeld van concept")
    page.locator("text=Voorbeeld van het concept").wait_for()
    assert page.locator("main h2#luisteren-op-linkedin").is_visible()
    page.click("text=Terug naar bewerken")

    # Publish as a major change with a change note.
    page.check("input[name=change_kind][value=major]")
    page.fill("#id_change_note", "Onderdeel over luisteren op LinkedIn toegevoegd.")
    page.click("input[name=_publish]")
    page.locator("text=is gepubliceerd").wait_for()

    reader.goto(chapter.get_absolute_url())
    main = reader.inner_text("main")
    assert "Ook op LinkedIn kun je goed meelezen." in main
    assert original_sentence not in main
    today = date_format(timezone.localdate(), "j F Y")
    assert f"Laatst gewijzigd op {today}" in main
    assert "Onderdeel over luisteren op LinkedIn toegevoegd." in main

    # Compare with the previous version.
    page.goto(f"/admin/handreiking/chapter/{chapter.pk}/history/")
    page.click("text=Vergelijk de gekozen versies")
    assert page.locator(".diff del", has_text="verfrissend").count() >= 1
    assert page.locator(".diff ins", has_text="helpt").count() >= 1

    # Restore it: a new version with the old text.
    page.click("text=Zet de oudere versie terug")
    page.click("input[value='Terugzetten en publiceren']")
    page.locator("text=De oude versie is teruggezet en gepubliceerd").wait_for()
    reader.goto(chapter.get_absolute_url())
    assert original_sentence in reader.inner_text("main")
    assert "Luisteren op LinkedIn" not in reader.inner_text("main")
    reader.close()


def test_no_xss_payload_runs_on_the_public_page_or_in_the_preview(page, dialogs, login):
    body = "\n\n".join(XSS_CORPUS)
    chapter = publish_change(
        chapter=Chapter(number=20), user=None, title="Aanvalstekst", slug="aanval", body=body
    )
    page.goto("/handreiking/aanval/")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert page.evaluate("document.querySelectorAll('main script, main iframe').length") == 0

    login(UserFactory(groups=["Redacteuren"]))
    response = page.goto(f"/admin/handreiking/chapter/{chapter.pk}/change/")
    assert response.status == 200, page.content()[:2000]
    with page.expect_response("**/admin/markdown-voorbeeld/") as preview:
        page.locator("#id_body").fill(body)
    assert preview.value.status == 200
    page.wait_for_timeout(300)
    page.goto(f"/admin/handreiking/chapter/{chapter.pk}/voorbeeld/")
    page.wait_for_timeout(300)
    assert dialogs == []


def test_pasting_an_image_file_explains_the_image_library(page, login):
    login(UserFactory(groups=["Redacteuren"]))
    chapter = ChapterFactory()
    page.goto(f"/admin/handreiking/chapter/{chapter.pk}/change/")
    before = page.input_value("#id_body")
    page.evaluate(
        """() => {
            const transfer = new DataTransfer();
            transfer.items.add(new File(["x"], "foto.png", {type: "image/png"}));
            const editor = document.querySelector("#id_body");
            const paste = new ClipboardEvent("paste", {clipboardData: transfer, bubbles: true});
            editor.dispatchEvent(paste);
        }"""
    )
    page.locator(".editor-image-notice").wait_for()
    assert "bij Afbeeldingen" in page.inner_text(".editor-image-notice")
    assert page.input_value("#id_body") == before


def test_the_text_box_is_no_keyboard_trap_and_still_indents(page, login):
    """WCAG 2.1.2: Tab moves on from the chapter text to the next field and Shift+Tab back, as
    everywhere; indenting is on Ctrl+] and Ctrl+[, which the hint under the box names."""
    login(UserFactory(groups=["Redacteuren"]))
    chapter = ChapterFactory(body="Eerste regel.")
    page.goto(f"/admin/handreiking/chapter/{chapter.pk}/change/")
    body = page.locator("#id_body")
    body.click()
    page.keyboard.press("End")
    page.keyboard.type(" Getypt.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") != "id_body"
    assert page.input_value("#id_body") == "Eerste regel. Getypt."
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "id_body"

    page.keyboard.press("Control+]")
    assert page.input_value("#id_body").startswith(("\t", "    "))
    page.keyboard.press("Control+[")
    assert page.input_value("#id_body") == "Eerste regel. Getypt."

    hint = page.locator("#toetsen-id_body")
    assert "Met Tab gaat u naar het volgende veld" in hint.inner_text()
    assert "toetsen-id_body" in body.get_attribute("aria-describedby")

    # From the text box, the keyboard alone reaches a save button.
    body.focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "_save_draft":
            break
    assert page.evaluate("document.activeElement.name") == "_save_draft"
    page.keyboard.press("Enter")
    page.locator("text=Het concept is opgeslagen").wait_for()
    # Focus lands on the confirmation, which screen readers announce as a status.
    focused = page.evaluate(
        "[document.activeElement.className, document.activeElement.parentNode.getAttribute('role')]"
    )
    assert focused == ["messagelist", "status"]
    assert "Het concept is opgeslagen" in page.evaluate("document.activeElement.innerText")


def test_a_refused_save_puts_focus_on_the_error_note_with_a_dutch_title(page, login, settings):
    settings.EDITING_REVIEW_REQUIRED = False
    login(UserFactory(groups=["Redacteuren"]))
    chapter = ChapterFactory(body="Eerste regel.")
    page.goto(f"/admin/handreiking/chapter/{chapter.pk}/change/")
    page.locator("#id_body").fill("Nieuwe tekst.")
    page.check("input[name=change_kind][value=major]")
    page.click("input[name=_publish]")
    page.locator(".errornote").wait_for()
    assert page.evaluate("document.activeElement.classList.contains('errornote')")
    assert page.title().startswith("Fout: ")


def test_the_live_preview_has_a_name_and_one_tab_stop_and_the_text_its_size(page, login):
    login(UserFactory(groups=["Redacteuren"]))
    chapter = ChapterFactory(
        body="Inleiding.\n\n## Eerste deel\n\nTekst.\n\n## Tweede deel\n\nMeer."
    )
    page.goto(f"/admin/handreiking/chapter/{chapter.pk}/change/")
    preview = page.locator(".markdownx-preview")
    preview.locator("h2#eerste-deel").wait_for()
    assert preview.get_attribute("role") == "region"
    assert preview.get_attribute("aria-label") == "Voorbeeld van de tekst"
    assert preview.get_attribute("tabindex") == "0"
    # No invisible tab stops inside it: the section links are for readers of the chapter.
    focusable = preview.evaluate(
        "p => [...p.querySelectorAll('a[href]')].filter(a => a.getClientRects().length).length"
    )
    assert focusable == 0
    sizes = page.evaluate(
        """() => ['#id_body', '.markdownx-preview p']
            .map(s => getComputedStyle(document.querySelector(s)).fontSize)"""
    )
    assert sizes[0] == sizes[1]

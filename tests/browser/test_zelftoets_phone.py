"""The zelftoets on a phone (375 × 667 px): the three questions within two screens, answer
targets of at least 44 × 44 px (the whole label), the privacy text once, nothing for axe."""

import pytest

from handreiking.zelftoets.scrubbing import REMOVED_DESCRIPTION
from tests.browser.test_accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 667}
MIN_TARGET = 44

# Where every radio of the form is, with the box of the label that holds it.
TARGETS_JS = """() => [...document.querySelectorAll('form.zelftoets input[type=radio]')].map(r => {
  const box = (el) => { const b = el.getBoundingClientRect();
    return {left: b.left, top: b.top + scrollY, right: b.right, bottom: b.bottom + scrollY}; };
  const label = r.labels[0];
  return {id: r.id, labels: r.labels.length, radio: box(r), label: box(label),
          holds: label.contains(r)};
})"""


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_the_three_questions_fit_in_two_screens(phone):
    phone.goto("/zelftoets/")
    legends = phone.locator("form.zelftoets fieldset legend")
    assert "Vraag 3" in legends.nth(2).inner_text()
    bottom = phone.eval_on_selector_all(
        "form.zelftoets fieldset",
        "sets => sets[2].getBoundingClientRect().bottom + scrollY",
    )
    assert bottom <= 2 * PHONE["height"], f"the third question ends at {bottom:.0f} px"
    # No sideways scrolling on the phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_every_answer_is_a_target_of_at_least_44_by_44_pixels(phone):
    phone.goto("/zelftoets/")
    targets = phone.evaluate(TARGETS_JS)
    assert len(targets) == 3 * 3 + 6 + 2  # three questions, the topic, and whether to keep
    for target in targets:
        label, radio = target["label"], target["radio"]
        assert target["labels"] == 1 and target["holds"], target["id"]
        width, height = label["right"] - label["left"], label["bottom"] - label["top"]
        assert width >= MIN_TARGET and height >= MIN_TARGET, (target["id"], width, height)
        # The radio lies inside its label: the label's whole box is the target.
        assert label["left"] <= radio["left"] and radio["right"] <= label["right"]
        assert label["top"] <= radio["top"] and radio["bottom"] <= label["bottom"]


def test_a_tap_anywhere_on_the_label_chooses_the_answer(phone):
    phone.goto("/zelftoets/")
    for question in ("colleagues", "manager", "newspaper"):
        label = phone.locator(f"label[for=id_{question}_2]")
        label.scroll_into_view_if_needed()
        box = label.bounding_box()
        # The far corner, well away from the radio and the words.
        phone.mouse.click(box["x"] + box["width"] - 3, box["y"] + box["height"] - 3)
        assert phone.is_checked(f"#id_{question}_2")


def test_the_privacy_text_appears_once(phone):
    phone.goto("/zelftoets/")
    text = phone.inner_text("main")
    assert text.count(REMOVED_DESCRIPTION) == 1
    assert text.count("Wat we bewaren") == 1


def test_the_form_works_on_a_phone_without_javascript(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport=PHONE, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/zelftoets/")
    keep = page.eval_on_selector_all("input[name=delen]", "rs => rs.map(r => r.value)")
    assert keep == ["ja", "nee"]
    for question, answer in (("colleagues", "Nee"), ("manager", "Ja"), ("newspaper", "Ja")):
        page.locator(f"fieldset:has(input[name={question}]) label", has_text=answer).click()
    page.locator("label", has_text="Nee, geef me alleen advies").click()
    page.click("form.zelftoets button[type=submit]")
    assert page.inner_text("h1") == "Plaats dit bericht niet"
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_zelftoets_at_375_pixels(browser, live_server, scheme):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport=PHONE, color_scheme=scheme
    )
    page = context.new_page()
    page.goto("/zelftoets/")
    assert_accessible(page, f"/zelftoets/ op 375 px ({scheme})")
    page.click("form.zelftoets button[type=submit]")
    page.locator(".error-summary").wait_for()
    assert_accessible(page, f"/zelftoets/ met fouten op 375 px ({scheme})")
    page.check("#id_colleagues_1")
    page.check("#id_manager_2")
    page.check("#id_newspaper_0")
    page.click("form.zelftoets button[type=submit]")
    page.locator(".panel h1").wait_for()
    assert_accessible(page, f"zelftoets-advies op 375 px ({scheme})")
    context.close()

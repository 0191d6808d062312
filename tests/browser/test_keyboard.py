"""A reader's tasks with the keyboard alone, and where focus lands (issue 26). The editor's
are in test_editing.py."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FOCUSED = "document.activeElement"


def tab_to(page, selector: str, *, presses: int = 60) -> None:
    """Press Tab until `selector` has focus; fail if it never does."""
    for _ in range(presses):
        if page.evaluate(f"{FOCUSED}.matches({selector!r})"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_a_zelftoets_sent_empty_puts_focus_on_the_error_summary_and_its_links_lead_on(page):
    page.goto("/zelftoets/")
    tab_to(page, "form.zelftoets button[type=submit]")
    page.keyboard.press("Enter")
    page.locator(".error-summary").wait_for()
    assert page.evaluate(f"{FOCUSED}.classList.contains('error-summary')")
    # The first error's link leads to the first answer of the question it is about.
    page.keyboard.press("Tab")
    assert page.evaluate(f"{FOCUSED}.closest('.error-summary') !== null")
    page.keyboard.press("Enter")
    assert page.evaluate(f"{FOCUSED}.type") == "radio"


def test_a_zelftoets_by_keyboard_alone_gives_advice(page):
    page.goto("/zelftoets/")
    for question in ("colleagues", "manager", "newspaper"):
        tab_to(page, f"input[name={question}]")
        # Arrow keys choose within a group of radio buttons: the second answer is "nee".
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowUp")
        page.keyboard.press("Space")
    tab_to(page, "form.zelftoets button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zelftoets/")
    page.locator("h1").wait_for()
    assert page.title().startswith("Jouw advies")
    assert page.locator(".error-summary").count() == 0

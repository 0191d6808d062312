"""Suggestions while typing: the WAI-ARIA 1.2 combobox with the keyboard, what a screen reader
is told, axe, the page's CSP, and the search without JavaScript."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FIELD = "#zoekterm"
LISTBOX = "#zoekterm-suggesties"
STATUS = "#zoekterm-suggesties-status"
KRANTENTEST = "/handreiking/integriteit-en-professionele-taakinvulling-op-social-media-gaan-samen/"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def assert_accessible(page, label: str) -> None:
    options = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}
    violations = Axe().run(page, options=options).response["violations"]
    summary = [f"{v['id']} ({len(v['nodes'])}x: {v['nodes'][0]['target']})" for v in violations]
    assert violations == [], f"{label}: " + "; ".join(summary)


@pytest.fixture
def csp_errors(page):
    errors: list[str] = []
    page.on(
        "console",
        lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return errors


@pytest.fixture
def api(page):
    """The JSON search the script asks; without it there is nothing to enhance yet."""
    response = page.request.get("/api/v1/zoeken?q=krant")
    if response.status == 404:
        pytest.skip("waits for /api/v1/zoeken")
    return response


def attribute(page, selector: str, name: str):
    return page.get_attribute(selector, name)


def type_query(page, text: str, selector: str = FIELD) -> None:
    page.click(selector)
    page.keyboard.type(text, delay=20)
    page.wait_for_function(
        "sel => document.querySelector(sel).getAttribute('aria-expanded') === 'true'",
        arg=selector,
    )


def test_the_field_is_a_combobox_and_the_list_opens_while_typing(page, api, csp_errors):
    page.goto("/zoeken/")
    assert attribute(page, FIELD, "role") == "combobox"
    assert attribute(page, FIELD, "aria-expanded") == "false"
    assert attribute(page, FIELD, "aria-controls") == LISTBOX[1:]
    assert attribute(page, FIELD, "aria-autocomplete") == "list"
    assert page.is_hidden(LISTBOX)

    type_query(page, "krantentest")
    assert attribute(page, LISTBOX, "role") == "listbox"
    options = page.locator(f"{LISTBOX} [role=option]")
    assert options.count() >= 1
    assert options.first.text_content().startswith("Integriteit en professionele taakinvulling")
    assert attribute(page, STATUS, "aria-live") == "polite"
    page.wait_for_function(
        "sel => document.querySelector(sel).textContent.includes('suggestie')", arg=STATUS
    )
    assert page.text_content(STATUS).startswith(f"{options.count()} suggestie")
    assert csp_errors == []


def test_up_down_enter_and_escape_work_as_the_pattern_says(page, api):
    page.goto("/zoeken/")
    type_query(page, "ambassadeur")
    options = page.locator(f"{LISTBOX} [role=option]")
    count = options.count()
    assert count >= 2
    assert attribute(page, FIELD, "aria-activedescendant") is None

    page.keyboard.press("ArrowDown")
    first = options.nth(0).get_attribute("id")
    assert attribute(page, FIELD, "aria-activedescendant") == first
    assert options.nth(0).get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowDown")
    assert attribute(page, FIELD, "aria-activedescendant") == options.nth(1).get_attribute("id")
    assert options.nth(0).get_attribute("aria-selected") == "false"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")  # past the first: back to the last
    assert attribute(page, FIELD, "aria-activedescendant") == options.nth(count - 1).get_attribute(
        "id"
    )
    assert page.evaluate("document.activeElement.id") == "zoekterm"  # focus stays in the field

    page.keyboard.press("Escape")
    assert attribute(page, FIELD, "aria-expanded") == "false"
    assert attribute(page, FIELD, "aria-activedescendant") is None
    assert page.is_hidden(LISTBOX)
    assert page.input_value(FIELD) == "ambassadeur"

    page.keyboard.press("ArrowDown")  # opens again on the first option
    assert attribute(page, FIELD, "aria-expanded") == "true"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/handreiking/rijksambtenaren-zijn-online-actief" in page.url


def test_enter_without_a_chosen_option_searches_as_usual(page, api):
    page.goto("/zoeken/")
    type_query(page, "krantentest")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/zoeken/?q=krantentest" in page.url
    assert page.locator(".search-result").count() >= 1


def test_the_header_search_has_its_own_combobox(page, api):
    page.goto("/zoeken/")
    type_query(page, "linkedin", "#zoek-kop")
    assert page.locator("#zoek-kop-suggesties [role=option]").count() >= 1
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/handreiking/rijksambtenaren-zijn-online-actief-als-ambassadeur" in page.url


def test_a_misspelling_offers_the_spelling_as_an_option(page, api):
    page.goto("/zoeken/")
    type_query(page, "ambasadeur")
    first = page.locator(f"{LISTBOX} [role=option]").first
    assert first.text_content() == "Bedoel je: ambassadeur?"
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=ambassadeur" in page.url


def test_nothing_found_is_announced_and_the_list_stays_closed(page, api):
    page.goto("/zoeken/")
    page.click(FIELD)
    page.keyboard.type("xylofoon", delay=20)
    page.wait_for_function("sel => document.querySelector(sel).textContent !== ''", arg=STATUS)
    assert page.text_content(STATUS) == "Geen suggesties."
    assert attribute(page, FIELD, "aria-expanded") == "false"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_list_passes_axe(page, api, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto("/zoeken/")
    type_query(page, "ambassadeur")
    page.keyboard.press("ArrowDown")
    assert_accessible(page, f"zoeksuggesties ({scheme})")
    page.goto("/zoeken/?q=netwerken")
    type_query(page, "linkedin", "#zoek-kop")
    assert_accessible(page, f"zoeksuggesties in de kop ({scheme})")


def test_search_works_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/zoeken/")
    assert page.get_attribute("#zoek-kop", "role") is None  # not enhanced: a plain field
    page.fill("#zoek-kop", "krantentest")
    page.press("#zoek-kop", "Enter")
    page.wait_for_url("**/zoeken/?q=krantentest")
    assert page.get_attribute(".search-result__title a", "href") == KRANTENTEST
    context.close()

"""WCAG 2.2 AA in a real browser: keyboard, reflow, zoom and print. axe-core on every page, state
and staff screen, light and dark, runs in test_checkers.py with the other outside checkers."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from handreiking.models import Chapter
from tests.factories import ChapterFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# WCAG 2.0, 2.1 and 2.2, A and AA (2.2 adds target size, 2.5.8).
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"

# What a chapter page can hold: a long title, sections, lists, links and long Dutch words.
CHAPTER_TITLE = "Rijksambtenaren zijn online actief als ambassadeur van de Rijksoverheid"
CHAPTER_BODY = """Netwerken is online veel makkelijker dan offline. Werk je aan een vraagstuk?
Dan leg je via [LinkedIn](https://www.linkedin.com/) makkelijk eerste contacten.

## Wat zegt de Gedragscode Integriteit Rijk?

- Als ambtenaar ben je een ambassadeur van je organisatie
- Bewaak het onderscheid tussen privépersoon en ambtenaar in functie
- Houd je deelname zorgvuldig, gericht en gedoseerd.

### Integriteitsbeleidsmedewerkers

Twijfel je? Vraag het de vertrouwenspersoon of de integriteitscoördinator.
"""


def assert_accessible(page, label: str) -> None:
    results = Axe().run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    summary = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x: {v['nodes'][0]['target']})"
        for v in violations
    ]
    assert violations == [], f"{label}: " + "; ".join(summary)


def public_pages() -> list[str]:
    """Every public page of the installed handreiking: each seed chapter, and search pages
    with results ("krant"), without ("xylofoon") and with a suggestion ("ambasadeur") from the
    seed text."""
    chapters = [c.get_absolute_url() for c in Chapter.objects.published()]
    return [
        "/",
        *chapters,
        "/zoeken/",
        "/zoeken/?q=krant",
        "/zoeken/?q=xylofoon",
        "/zoeken/?q=ambasadeur",
        "/zelftoets/",
        "/wijzigingen/",
        "/toegankelijkheid/",
        "/privacy/",
        "/voor-hr/",
        "/bestaat-niet/",
    ]


def test_zelftoets_can_be_done_with_the_keyboard_alone(page):
    page.goto("/zelftoets/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    for _question in range(3):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.type") == "radio"
        page.keyboard.press("Space")
    page.keyboard.press("Tab")  # the topic: "Zeg ik liever niet"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
    page.keyboard.type("Ik twijfelde over een bericht over mijn werk.")
    page.keyboard.press("Tab")  # the link to the privacy statement in "Wat we bewaren"
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/privacy/"
    page.keyboard.press("Tab")  # whether the answers may be kept: "ja" comes first
    assert page.evaluate("document.activeElement.name") == "delen"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.locator("text=Je kunt je bericht plaatsen").wait_for()
    page.locator("text=Je antwoorden zijn anoniem bewaard").wait_for()


def test_error_summary_links_move_focus_to_the_field(page):
    page.goto("/zelftoets/")
    page.click("form.zelftoets button[type=submit]")
    page.click(".error-summary a >> nth=0")
    assert page.evaluate("document.activeElement.id") == "id_colleagues_0"


@pytest.mark.parametrize("width", [320])
def test_pages_reflow_at_320_pixels_without_sideways_scrolling(browser, live_server, width):
    """Over the installed handreiking: every seed chapter as shipped (see public_pages)."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 640}
    )
    page = context.new_page()
    for path in public_pages():
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width, f"{path} is {overflow}px wide"
    context.close()


def test_text_zoomed_to_200_percent_stays_readable(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 640, "height": 800})
    page = context.new_page()
    page.goto(ChapterFactory(title=CHAPTER_TITLE, body=CHAPTER_BODY).get_absolute_url())
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page.evaluate("document.documentElement.scrollWidth") <= 640
    context.close()


def test_print_view_drops_navigation_and_forms_and_shows_link_targets(page):
    ChapterFactory()  # a neighbour, so the page has previous/next links
    chapter = ChapterFactory(title=CHAPTER_TITLE, body=CHAPTER_BODY)
    page.goto(chapter.get_absolute_url())
    page.emulate_media(media="print")
    for selector in (".site-nav", ".site-search", ".skip-link", ".breadcrumb", ".pagination"):
        assert page.eval_on_selector(selector, "el => getComputedStyle(el).display") == "none"
    page.goto("/")
    page.emulate_media(media="print")
    after = page.eval_on_selector(
        ".chapter-list__link", "el => getComputedStyle(el, '::after').content"
    )
    assert "(/handreiking/" in after
    page.goto("/zelftoets/")
    page.emulate_media(media="print")
    assert page.eval_on_selector("form.zelftoets", "el => getComputedStyle(el).display") == "none"


@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots_of_home_chapter_and_zelftoets(browser, live_server, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    chapter = ChapterFactory(title=CHAPTER_TITLE, body=CHAPTER_BODY)
    for name, path in (("home", "/"), ("hoofdstuk", chapter.get_absolute_url()),
                       ("zelftoets", "/zelftoets/")):  # fmt: skip
        page.goto(path)
        target = SCREENSHOTS / f"{name}-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 5000
    context.close()


def test_readers_and_staff_meet_even_dutch(page, login):
    """No English and no uneven Dutch: the breadcrumbs, simple_history's titles, Django's
    messages about HR's material, the zelftoets's words and its advice links (WCAG 2.4.4: one
    link text leads to one place)."""
    from tests.factories import ReflectionFactory, UserFactory, publish_change

    chapter = ChapterFactory(title=CHAPTER_TITLE, body=CHAPTER_BODY)
    publish_change(chapter=chapter, user=None, body=CHAPTER_BODY + "\nNog een zin.\n")
    page.goto(chapter.get_absolute_url())
    assert page.inner_text(".breadcrumb li >> nth=0") == "Startpagina"

    # The zelftoets says "leidinggevende" in its question and in its error.
    page.goto("/zelftoets/")
    page.click("form.zelftoets button[type=submit]")
    summary = page.inner_text(".error-summary")
    assert "leidinggevende" in summary
    assert "baas" not in page.inner_text("main")
    # Each advice link text leads to one place.
    for name, value in (("colleagues", "nee"), ("manager", "nee"), ("newspaper", "nee")):
        page.check(f"input[name={name}][value={value}]")
    page.check("input[name=topic][value=werk]")
    page.click("form.zelftoets button[type=submit]")
    links = page.eval_on_selector_all(
        ".link-list a", "links => links.map(a => [a.textContent, a.getAttribute('href')])"
    )
    assert len(links) >= 3
    places = {}
    for text, href in links:
        assert places.setdefault(text, href) == href, (text, href, places[text])
    assert len({href for _text, href in links}) == len(links)

    # The editor's history and comparison, in Dutch.
    login(UserFactory(groups=["Redacteuren"]))
    page.goto(f"/admin/handreiking/chapter/{chapter.pk}/history/")
    assert page.title().startswith("Geschiedenis: ")
    assert "View history" not in page.content()
    page.click("text=Vergelijk de gekozen versies")
    assert page.inner_text(".breadcrumbs a >> nth=0") == "Beheer"

    # The reviewers' overview.
    ReflectionFactory.create_batch(5)
    page.context.clear_cookies()
    login(UserFactory(groups=["Beoordelaars"]))
    page.goto("/admin/handreiking/reflection/overzicht/")
    assert page.inner_text(".breadcrumbs a >> nth=0") == "Beheer"
    assert page.inner_text("h1") == "Overzicht van de reflecties"

    # HR adds material: "Het onboardingmateriaal …", not "De onboardingmateriaal …".
    page.context.clear_cookies()
    login(UserFactory(groups=["HR"]))
    page.goto("/admin/handreiking/onboardingmaterial/add/")
    page.select_option("#id_chapter", str(chapter.pk))
    page.fill("#id_title", "Introductiedag, module 3")
    page.click("input[name=_save]")
    message = page.inner_text(".messagelist")
    assert message.startswith("Het onboardingmateriaal „Introductiedag, module 3”")
    assert "is toegevoegd" in message
    assert "met succes" not in message

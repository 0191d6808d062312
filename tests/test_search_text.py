"""One tokeniser for index and query, and snippets cut at sentences and list items
(handreiking.search.text, handreiking.search.index). No database needed."""

from handreiking.search.index import list_items, with_item_breaks
from handreiking.search.text import ITEM_BREAK, Marks, snippet, stemmed, words

SECTION = (
    "Twijfel over je bijdrage? Vraag je af of je: Je collega's nog recht in de ogen kunt kijken "
    "na plaatsing Je goedkeuring zou krijgen van je baas Je op je gemak zou voelen als jouw "
    "bijdrage de volgende dag in de krant zou staan"
)
MARKDOWN = """Twijfel over je bijdrage? Vraag je af of je:

- Je collega's nog recht in de ogen kunt kijken na plaatsing
- Je goedkeuring zou krijgen van je **baas**
- Je op je gemak zou voelen als jouw bijdrage de volgende dag in de [krant](#) zou staan
"""


def test_one_letter_is_no_word_in_the_query_nor_in_the_index():
    assert words("x") == []
    assert words("v/d regels") == ["regels"]
    assert words("can I share") == ["can", "share"]
    assert stemmed("Twitter heet nu X") == stemmed("Twitter heet nu")


def test_list_items_are_read_from_the_markdown_without_markup():
    assert list_items(MARKDOWN)[1:] == [
        "Je goedkeuring zou krijgen van je baas",
        "Je op je gemak zou voelen als jouw bijdrage de volgende dag in de krant zou staan",
    ]


def test_the_stored_text_breaks_before_each_list_item():
    text = with_item_breaks(SECTION, list_items(MARKDOWN))
    assert text.count(ITEM_BREAK) == 3
    assert "baas\nJe op je gemak" in text
    assert with_item_breaks(SECTION, []) == SECTION


def test_a_snippet_never_glues_two_list_items_together():
    text = with_item_breaks(SECTION, list_items(MARKDOWN))
    shown = snippet(text, Marks.of({"baas"}))
    assert "baas Je" not in shown
    assert "baas · Je op je gemak" in shown
    assert ITEM_BREAK not in shown


def test_a_snippet_starts_where_a_sentence_or_item_starts():
    text = "Eerste zin over iets anders. " * 8 + "Hier staat het woord krant in een zin."
    shown = snippet(text, Marks.of({"krant"}))
    assert shown.startswith("… Hier staat het woord krant")


def test_a_long_sentence_is_cut_at_a_word_near_the_match():
    text = " ".join(["woord"] * 200) + " krant " + " ".join(["woord"] * 200)
    shown = snippet(text, Marks.of({"krant"}))
    assert "krant" in shown
    assert len(shown) <= 230
    assert shown.startswith("… woord") and shown.endswith(" …")


def test_a_short_text_is_shown_whole():
    assert snippet("Kort.", Marks.of({"kort"})) == "Kort."

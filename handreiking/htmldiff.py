"""The body of two chapter versions compared as readers see it: both rendered and sanitised by
the project's one renderer, then compared word by word with lxml's HTML diff (lxml.html.diff),
so headings, lists and links stay headings, lists and links; the result passes the sanitiser
again (handreiking.history puts it next to the Markdown diff).

Bounded: both sides are compared in blocks first (top-level elements), and only changed blocks of
modest length get a word-level diff; past the budgets below, changed blocks are shown removed and
added whole.
"""

import copy
import difflib
import re

import lxml.html
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from lxml.html import diff as lxml_diff

from handreiking.markdown import render_markdown, sanitize

# One htmldiff call compares at most this many words (both sides together) ...
MAX_WORDS_PER_HTML_DIFF = 2_000
MIN_WORDS_PER_HTML_DIFF = 20  # what even a short call costs the budget below
# ... and one comparison sends at most this many words to htmldiff; past it, changed blocks
# are shown removed and added whole. Measured with these bounds: a 200,000-character body
# compares in 0.1 s (a few edits) to 0.6 s (5,000 paragraphs, each edited).
MAX_WORDS_HTML_DIFFED = 20_000
# Blocks (paragraphs, list items, rows) matched against each other at one level, after the
# common start and end: the matcher's worst case grows with their square.
MAX_BLOCKS = 2_000

_MARKS = ("ins", "del")
# Characters libxml2 refuses (it raises on them); a reader's browser shows none of them.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Elements whose children may only be certain elements: a mark directly inside one would be
# invalid HTML, so it gives way to its contents.
_STRICT_PARENTS = {"ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr"}
# Elements that are content without any text in them.
_CONTENT_WITHOUT_TEXT = ("img", "hr", "br")
_CELLS = {"td", "th"}
# Elements compared child by child when both sides have them.
_CONTAINERS = {"ul", "ol", "dl", "blockquote", "table", "thead", "tbody", "tfoot", "tr"}
_ROW_GROUPS = {"table", "thead", "tbody", "tfoot", "tr"}


def _rendered(text: str):
    """The text as readers see it, as a tree, without what the page adds around headings (ids
    and "Link naar dit onderdeel"): that is layout, not text."""
    html = _NOT_IN_XML.sub("", render_markdown(text))
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for link in root.xpath('.//a[@class="section-link"]'):
        link.drop_tree()
    for element in root.xpath(".//*[@id]"):
        del element.attrib["id"]
    return root


def _markup(element) -> str:
    return lxml.html.tostring(element, encoding="unicode", with_tail=False)


def _inner(element) -> str:
    return escape(element.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in element
    )


def _tags(element) -> tuple[str, str]:
    """The start and end tag of an element, attributes included."""
    attributes = "".join(f' {name}="{escape(value)}"' for name, value in element.items())
    return f"<{element.tag}{attributes}>", f"</{element.tag}>"


def _is_container(element) -> bool:
    """Only elements in it, no text of its own: a list, a table, a quote."""
    if element.tag not in _CONTAINERS or (element.text or "").strip():
        return False
    return not any((child.tail or "").strip() for child in element)


def _mark_whole(html: str, mark: str) -> str:
    """Every word of a fragment inside `mark`, in its own elements, so that a removed heading
    stays a heading. (htmldiff against nothing would add the address of every link as text.)"""
    if not html:
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in list(root.iter()):
        if element.tag in _CONTENT_WITHOUT_TEXT:
            wrapper = element.makeelement(mark, {})
            element.addprevious(wrapper)
            wrapper.append(element)  # moves the element, its tail stays behind
            wrapper.tail, element.tail = element.tail, None
            continue
        if (element.text or "").strip():
            wrapper = element.makeelement(mark, {})
            wrapper.text, element.text = element.text, None
            element.insert(0, wrapper)
        if element is not root and (element.tail or "").strip():
            wrapper = element.makeelement(mark, {})
            wrapper.text, element.tail = element.tail, None
            element.addnext(wrapper)
    return _inner(root)


def _whole(old: str, new: str) -> str:
    # The space keeps the last old word and the first new one apart inside one paragraph.
    return " ".join(part for part in (_mark_whole(old, "del"), _mark_whole(new, "ins")) if part)


def _has_marks(html: str) -> bool:
    return "<ins>" in html or "<del>" in html


def opcodes(before: list[str], after: list[str]) -> list[tuple]:
    """SequenceMatcher's opcodes, in bounded time: the common start and end are matched
    first, and a middle of more than MAX_BLOCKS blocks is one change."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while (
        end < min(len(before), len(after)) - start
        and before[len(before) - 1 - end] == after[len(after) - 1 - end]
    ):
        end += 1
    a_end, b_end = len(before) - end, len(after) - end
    found = [("equal", 0, start, 0, start)] if start else []
    if max(a_end, b_end) - start > MAX_BLOCKS:
        found.append(("replace", start, a_end, start, b_end))
    elif a_end > start or b_end > start:
        # autojunk: thousands of identical blocks (empty list items, rules) would otherwise
        # make the matcher quadratic.
        matcher = difflib.SequenceMatcher(a=before[start:a_end], b=after[start:b_end])
        found.extend(
            (op, a1 + start, a2 + start, b1 + start, b2 + start)
            for op, a1, a2, b1, b2 in matcher.get_opcodes()
        )
    if end:
        found.append(("equal", a_end, len(before), b_end, len(after)))
    return [op for op in found if op[0] != "equal" or op[2] > op[1]]


class _HtmlDiff:
    """Element by element, as deep as the structure is the same on both sides; htmldiff for
    what is left, within the bounds above. Spent, the bounds leave the rest removed and added
    whole: readable, only coarser."""

    def __init__(self) -> None:
        self.budget = MAX_WORDS_HTML_DIFFED

    def children(self, old_parent, new_parent) -> str:
        before, after = list(old_parent), list(new_parent)
        old_html, new_html = [_markup(e) for e in before], [_markup(e) for e in after]
        out: list[str] = []
        for op, a1, a2, b1, b2 in opcodes(old_html, new_html):
            if op == "equal":
                out.extend(old_html[a1:a2])
            elif a2 - a1 == b2 - b1:
                out.extend(
                    self.pairs(before[a1:a2], after[b1:b2], old_html[a1:a2], new_html[b1:b2])
                )
            elif old_parent.tag in _ROW_GROUPS or self.budget <= 0:
                # htmldiff merges rows into other rows' cells: rows go and come whole.
                out.append(_whole("\n".join(old_html[a1:a2]), "\n".join(new_html[b1:b2])))
            else:
                out.append(self.fragment("\n".join(old_html[a1:a2]), "\n".join(new_html[b1:b2])))
        return "\n".join(out)

    def pairs(self, before: list, after: list, old_html: list[str], new_html: list[str]):
        for index, (old, new) in enumerate(zip(before, after, strict=True)):
            if self.budget <= 0:
                yield _whole("\n".join(old_html[index:]), "\n".join(new_html[index:]))
                return
            if old_html[index] == new_html[index]:
                yield old_html[index]
            else:
                yield self.element(old, new)

    def element(self, old, new) -> str:
        if old.tag != new.tag or dict(old.attrib) != dict(new.attrib):
            return _whole(_markup(old), _markup(new))
        if old.tag in _CONTENT_WITHOUT_TEXT:  # void: nothing inside to compare
            return _whole(_markup(old), _markup(new))
        start, end = _tags(old)
        if _is_container(old) and _is_container(new):
            return start + self.children(old, new) + end
        return start + self.fragment(_inner(old), _inner(new)) + end

    def fragment(self, old: str, new: str) -> str:
        words = _word_count(old) + _word_count(new)
        if not old or not new or words > min(MAX_WORDS_PER_HTML_DIFF, self.budget):
            return _whole(old, new)
        # Each call has a cost of its own besides its words (parsing twice).
        self.budget -= max(words, MIN_WORDS_PER_HTML_DIFF)
        diff = _htmldiff(old, new)
        # htmldiff compares words and keeps the new markup: a paragraph that became a heading,
        # or a word now in bold, would show no change at all.
        return diff if _has_marks(diff) else _whole(old, new)


def _htmldiff(old: str, new: str) -> str:
    """lxml's htmldiff with difflib's own matcher. htmldiff's matcher drops every unchanged run
    of one or two words, so one changed word marks its neighbours as changed too; editors
    check a colleague's change word for word. The rest is htmldiff's, step by step."""
    before, after = lxml_diff.tokenize(old), lxml_diff.tokenize(new)
    result: list = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=before, b=after).get_opcodes():
        if op == "equal":
            result.extend(lxml_diff.expand_tokens(after[b1:b2], equal=True))
            continue
        if op in {"insert", "replace"}:
            lxml_diff.merge_insert(lxml_diff.expand_tokens(after[b1:b2]), result)
        if op in {"delete", "replace"}:
            lxml_diff.merge_delete(lxml_diff.expand_tokens(before[a1:a2]), result)
    lxml_diff.cleanup_delete(result)
    return lxml_diff.fixup_ins_del_tags("".join(result).strip())


def _word_count(html: str) -> int:
    return len(html.split())


def _in_tree(element, root) -> bool:
    return any(ancestor is root for ancestor in element.iterancestors())


def _has_content(element) -> bool:
    # Stops at the first word: asked again for a long list after each item that goes.
    if any(text.strip() for text in element.itertext()):
        return True
    return any(True for _ in element.iter(*_CONTENT_WITHOUT_TEXT))


def _tidy(diff_html: str):
    """The diff as a tree, without the marks htmldiff leaves where HTML allows none (empty ones,
    ones around only white space, ones directly inside a list or a table), old before new."""
    root = lxml.html.fragment_fromstring(diff_html, create_parent="div")
    for mark in list(root.iter(*_MARKS)):
        parent = mark.getparent()
        if not _has_content(mark) or (parent is not None and parent.tag in _STRICT_PARENTS):
            mark.drop_tag()
    # htmldiff puts a replacement before what it replaces; read the old words first, as in the
    # Markdown diff and the legend.
    for inserted in list(root.iter("ins")):
        deleted = inserted.getnext()
        if deleted is not None and deleted.tag == "del" and not (inserted.tail or "").strip():
            between, after = inserted.tail, deleted.tail
            inserted.addprevious(deleted)
            deleted.tail, inserted.tail = between, after
    return root


def _one_side(root, leave_out: str) -> str:
    """One side of the diff for side-by-side reading: the old text with its removed words, or
    the new text with its added words. An element left empty by what is left out (a removed
    list item on the new side) goes too, so no empty bullet or table row stays behind."""
    side = copy.deepcopy(root)
    for mark in list(side.iter(leave_out)):
        if not _in_tree(mark, side):
            continue
        node = mark.getparent()
        mark.drop_tree()
        while node is not side and not _has_content(node):
            above = node.getparent()
            # An emptied cell in a row stays, or the columns of its row would shift; the row
            # goes when the whole row is empty.
            if node.tag not in _CELLS or above.tag != "tr":
                node.drop_tree()
            node = above
    return _inner(side)


def _safe(html: str) -> SafeString:
    return mark_safe(sanitize(html))  # noqa: S308 - the project's allow-list (nh3) just ran


def rendered_diff(old: str, new: str) -> dict:
    """Inline diff of two Markdown texts as readers see them, with both sides for side-by-side
    reading. Every piece of HTML passes the project's sanitiser last."""
    before, after = _rendered(old), _rendered(new)
    root = _tidy(_HtmlDiff().children(before, after))
    return {
        "diff": _safe(_inner(root)),
        "old_html": _safe(_one_side(root, "ins")),
        "new_html": _safe(_one_side(root, "del")),
        "same_for_readers": _inner(before) == _inner(after),
    }

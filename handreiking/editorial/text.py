"""One form for every text an editor saves, so that a save of an unchanged text is no change.

Browsers send CRLF line endings, editors paste text in NFD from other programs and leave
spaces at the ends of lines; none of that is a change a reader can see, so none of it may show
up in a diff or count as a new version.
"""

import re
import unicodedata

_LINE_END = re.compile(r"\r\n?")
# Python-Markdown's hard line break (its LINE_BREAK_RE): two spaces right before the newline.
_HARD_BREAK = "  "


def _breaks(line: str, following: str) -> bool:
    """Whether the white space at the end of `line` may be a hard line break that readers see.
    Kept whenever it may be one: two spaces too many are invisible, a lost break is not."""
    # Python-Markdown expands tabs (to 4 columns) before it looks for the two spaces.
    return bool(line.strip() and following.strip()) and line.expandtabs(4).endswith(_HARD_BREAK)


def normalise_text(text: str) -> str:
    """LF line endings, Unicode NFC, no white space at the end of a line, no blank lines at
    the end. Renders as the text it was made from: two or more spaces (tabs counted as
    Python-Markdown counts them) at the end of a line before a non-blank line may be a hard
    line break, and are kept as exactly two. (A first line of nothing but white space goes,
    though Python-Markdown reads it as the start of a paragraph.)"""
    lines = unicodedata.normalize("NFC", _LINE_END.sub("\n", text or "")).split("\n")
    following = [*lines[1:], ""]
    return "\n".join(
        line.rstrip() + (_HARD_BREAK if _breaks(line, after) else "")
        for line, after in zip(lines, following, strict=True)
    ).rstrip("\n")

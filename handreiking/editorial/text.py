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


def normalise_text(text: str) -> str:
    """LF line endings, Unicode NFC, no whitespace at the end of a line, no blank lines at the
    end. Renders exactly as the text it was made from: a Markdown hard line break (two or more
    spaces before the next non-blank line) is kept, as exactly two spaces."""
    lines = unicodedata.normalize("NFC", _LINE_END.sub("\n", text or "")).split("\n")
    for index, line in enumerate(lines):
        stripped = line.rstrip()
        hard_break = (
            stripped
            and line.endswith(_HARD_BREAK)
            and index + 1 < len(lines)
            and lines[index + 1].strip()
        )
        lines[index] = stripped + _HARD_BREAK if hard_break else stripped
    return "\n".join(lines).rstrip("\n")

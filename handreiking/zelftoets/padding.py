"""Answers of one size: the advice page is padded to a fixed number of bytes, so an access log
(which records sizes) or someone measuring TLS records learns nothing about the answers."""

ADVICE_PAGE_BYTES = 16 * 1024
_CLOSE_BODY = b"</body>"


def pad_html(content: bytes, size: int = ADVICE_PAGE_BYTES) -> bytes:
    """`content` with an HTML comment before </body> that brings it to exactly `size` bytes (or
    to the next multiple of `size` for a page larger than that, which the tests rule out)."""
    target = -(-(len(content) + len(b"<!---->")) // size) * size
    filler = b"<!--" + b" " * (target - len(content) - len(b"<!---->")) + b"-->"
    at = content.rfind(_CLOSE_BODY)
    if at == -1:
        return content + filler
    return content[:at] + filler + content[at:]

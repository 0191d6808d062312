"""Personal data out of free text (interim: the first round's scrubber)."""

import re
from dataclasses import dataclass

PROFILE_HOSTS = (
    r"linkedin\.com/(?:in|pub)/|x\.com/|twitter\.com/|facebook\.com/|fb\.com/|"
    r"instagram\.com/|tiktok\.com/@|threads\.net/@|youtube\.com/(?:@|c/|user/|channel/)|"
    r"github\.com/|bsky\.app/profile/|mastodon\.[a-z.]+/@|[a-z0-9.-]+\.social/@"
)
_PROFILE = re.compile(
    rf"(?:https?://)?(?:[a-z]+\.)?(?:{PROFILE_HOSTS})[^\s<>\"')\]]+", re.IGNORECASE
)
_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_IBAN = re.compile(
    r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b", re.IGNORECASE
)
_PHONE = re.compile(r"(?<![\w+])(?:\(?\+31\)?|\(?0031\)?|\(?0)(?:[\s\-./()]{0,3}\d){9}(?!\d)")
_BSN = re.compile(r"(?<![\d.,-])(\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}[ .-]\d{3}[ .-]\d{3})(?![\d])")
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_]{2,30}\b")


_DUTCH_IBAN = re.compile(r"NL\d{2}[A-Z]{4}\d{10}")


def is_valid_iban(candidate: str) -> bool:
    """A real IBAN (mod-97), or anything shaped like a Dutch one: a typo is still personal."""
    compact = candidate.replace(" ", "").upper()
    if _DUTCH_IBAN.fullmatch(compact):
        return True
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97 == 1


def passes_eleven_test(candidate: str) -> bool:
    """The BSN 'elfproef': 9 digits, weights 9..2 and -1, sum divisible by 11."""
    digits = [int(ch) for ch in candidate if ch.isdigit()]
    if len(digits) != 9 or not any(digits):
        return False
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0


@dataclass(frozen=True)
class Scrubbed:
    text: str
    had_personal_data: bool
    kinds: frozenset[str] = frozenset()


def scrub(text: str) -> Scrubbed:
    """Replace e-mail addresses, Dutch phone numbers, BSNs, IBANs and social-media profiles."""
    found = False

    def replace(pattern: re.Pattern, label: str, valid=None):
        nonlocal text, found

        def substitute(match: re.Match) -> str:
            nonlocal found
            if valid is not None and not valid(match.group(0)):
                return match.group(0)
            found = True
            return label

        text = pattern.sub(substitute, text)

    replace(_PROFILE, "[profiel]")
    replace(_EMAIL, "[e-mail]")
    replace(_IBAN, "[iban]", is_valid_iban)
    replace(_PHONE, "[telefoonnummer]")
    replace(_BSN, "[bsn]", passes_eleven_test)
    replace(_HANDLE, "[profiel]")
    return Scrubbed(text=text, had_personal_data=found)


REMOVED_DESCRIPTION = "e-mailadressen, telefoonnummers, BSN's, IBAN's en links naar profielen"

"""Personal data out of the free text of the zelftoets, before anything is stored.

The text is normalised first (NFKC, soft hyphens and zero-width characters dropped), so a
non-breaking space, a non-breaking hyphen or a full-width digit hides nothing; the returned text
is the normalised text with Dutch tokens in place of what was found. Passes run in a fixed order
and each hides its finds from the next: profile links, e-mail addresses (also written out: "jan
punt jansen apenstaartje minbzk punt nl", "jan[at]minbzk.nl", or without domain ending),
IBANs, IP addresses, birth dates, passport and ID-card numbers, licence plates, phone numbers
(also read out: "nul zes een negen ..."), BSNs, staff and card numbers, addresses and
postcodes, then names and @handles, so that digits and addresses never reach the name finder.

Decisions, each because a missed item is worse than a lost ordinary word:
- Organisation and functional e-mail addresses (info@, servicedesk@, noreply@) are replaced like
  any other: the local part can name a small team or someone's role, a reflection does not need
  the address, and no allow-list can tell "communicatie-dgob@" from a person's address. Accounts
  of public organisations on social media (@Rijksoverheid, x.com/MinBZK) do stay: they are
  public, and data/organisation_accounts.txt lists them by name.
- A postcode is always replaced, a Postbus postcode too: the two cannot be told apart. When its
  letters are also a unit or an abbreviation ("1500 MB", "2024 AI") it needs a word about living
  before it ("ik woon in 7411 GB") or a town after it.
- Dates, years, times and amounts stay unless a word such as "geboren" or "geboortedatum" comes
  just before, or "geboren" just after ("op 12 maart 1979 geboren"). Any 9-digit number that
  passes the eleven test is a BSN (so is about 1 in 11 case numbers), but "130.000.000" only
  after "bsn" or "sofi": that is how amounts are written.
- Staff numbers, driving-licence numbers and other numbers of 5 to 12 digits count only next to
  the word that names them ("personeelsnummer", "pers.nr.", "rijbewijsnummer", "pasnummer").
- Names come from lists derived from the deduce package (UMC Utrecht, see data/), plus triggers
  ("mijn naam is", "collega", "mevrouw", "dhr.", "mijn zus"), initials with a surname, a
  particle with a surname ("Van Dijk", "de zoon van de Boer") and "@Voornaam Achternaam". A
  first name in lower case ("ik vroeg het aan thijs", "sanne bakker") counts when it is no
  ordinary Dutch or English word (data/name_words.txt). First names that are also ordinary words
  ("Wil", "Roos", "Storm") count only mid-sentence, before a known surname, or before a verb
  such as "zei" ("Storm zei"); data/name_rules.txt keeps those lists and the places,
  institutions and phrases that stay.

Known misses (bench/bench_scrubbing.py lists them): a surname alone with neither trigger,
capitalised particle nor verb after it ("met de Vries", "Bakker kon het niet"; but "Bakker zei"
and "volgens Bakker" go), a first name in lower case that is also a word ("aan mark"), names in
capitals, first names missing from the lists, a profile name without its site, and a first
name that is also a brand ("Dirk", the supermarket) is replaced.
"""

import ipaddress
import re
import unicodedata
from dataclasses import dataclass

from handreiking.zelftoets.names import name_spans
from handreiking.zelftoets.wordlists import STREET_SUFFIXES, lexicon

REMOVED_DESCRIPTION = (
    "namen, e-mailadressen, telefoonnummers, adressen en postcodes, geboortedata, BSN, IBAN, "
    "kentekens, IP-adressen, paspoort- en ID-nummers en links naar profielen"
)

# Soft hyphen and zero-width characters: invisible, but they split "06\u200b12345678".
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


@dataclass(frozen=True)
class Scrubbed:
    """The normalised text with replacements, and which tokens ("[naam]", ...) were used."""

    text: str
    had_personal_data: bool
    kinds: frozenset[str]


def passes_eleven_test(candidate: str) -> bool:
    """The BSN 'elfproef': 9 digits, weights 9..2 and -1, sum divisible by 11."""
    digits = [int(ch) for ch in candidate if ch.isdigit()]
    if len(digits) != 9 or not any(digits):
        return False
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0


_DUTCH_IBAN = re.compile(r"NL\d{2}[A-Z]{4}\d{10}")


def is_valid_iban(candidate: str) -> bool:
    """A real IBAN (mod-97), or anything shaped like a Dutch one: a typo is still personal."""
    compact = candidate.replace(" ", "").upper()
    if _DUTCH_IBAN.fullmatch(compact):
        return True
    if not 15 <= len(compact) <= 34 or not (compact.isascii() and compact.isalnum()):
        return False
    digits = "".join(str(int(ch, 36)) for ch in compact[4:] + compact[:4])
    return int(digits) % 97 == 1


# Patterns. NFKC leaves en dashes and U+2010 (from the non-breaking hyphen) alone.
_DASH = "\\-\u2010-\u2015\u2212"
_SEP = rf"(?:[ \t]?[{_DASH}][ \t]?|[ \t./])"
_END = r"(?![\w]|[.,]\d)"
_PROFILE = re.compile(
    r"(?<![\w.@/-])(?:https?://)?(?:[\w-]+\.)*(?:"
    r"(?P<host>linkedin\.com/(?:in|pub)|x\.com|twitter\.com|facebook\.com|fb\.com|instagram\.com"
    r"|github\.com|tiktok\.com/@|threads\.(?:net|com)/@|youtube\.com/(?:@|c/|user/|channel/)"
    r"|bsky\.app/profile)/?(?P<user>[\w%-]+(?:\.[\w%-]+)*)|[\w-]+\.[a-z]{2,}/@[\w.]+)"
    r"(?:[^\s<>\"')\]]*[^\s<>\"')\].,;:!?])?",
    re.IGNORECASE,
)
# Before e-mail: "@sanne@mastodon.social" is a Mastodon account, not an address.
_FEDIVERSE = re.compile(r"(?<![\w@.])@[\w.]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = re.compile(r"(?<![\w@./:])@([A-Za-z0-9_](?:[\w.]*[A-Za-z0-9_])?)")
# "punt"/"dot" only between spaces or in brackets, and a spoken "at" only before a known
# top-level domain (_email), so that English phrases with "at" stay.
_DOTW = r"(?:[ \t]?[\[({][ \t]?(?:dot|punt)[ \t]?[\])}][ \t]?|[ \t](?:dot|punt)[ \t])"
_EMAIL = re.compile(
    rf"(?<![\w.@+'-])[\w+'-]+(?:(?:\.|{_DOTW})[\w+'-]+){{0,5}}"
    rf"(?P<at>@|[ \t]@[ \t]|[ \t]?[\[({{][ \t]?(?:at|@|apenstaartje)[ \t]?[\])}}][ \t]?"
    rf"|[ \t](?:at|apenstaartje|apestaartje|apenstaart)[ \t])"
    rf"[\w-]+(?:(?:\.|{_DOTW})[\w-]+){{0,4}}(?:\.|{_DOTW})(?P<tld>[a-z]{{2,24}})(?![\w@])",
    re.IGNORECASE,
)
# Without its domain ending ("jan.jansen@minbzk") an address is still an address.
_EMAIL_NO_TLD = re.compile(r"(?<![\w.@+'/:-])[\w+'-]+(?:\.[\w+'-]+)*@[^\W\d_][\w-]+(?![\w@.-])")
_SPOKEN_TLDS = {"nl", "com", "org", "net", "eu", "be", "de", "info", "io", "gov", "uk"}
# English words before a spoken "at": "read more at rijksoverheid dot nl" is a website.
_NOT_LOCAL = set(
    "more us me you him her them it this that here there home work online available read find"
    " found see look looked visit apply register arrive arrived meet met live is are was".split()
)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b", re.I)
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
# Octets checked in the pattern, so versions ("1.2.3") and dates ("12.03.2024") never match;
# a version or article number with four parts is told apart by the word before it.
_IPV4 = re.compile(rf"(?<![\w.])(?:{_OCTET}\.){{3}}{_OCTET}(?![\w]|\.\d)")
_IPV6 = re.compile(
    r"(?<![\w:.])(?=[0-9a-f:]*[0-9a-f])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:])", re.I
)
_NOT_IP_BEFORE = re.compile(
    r"(?:versie|version|build|release|artikel|art|paragraaf|par|hoofdstuk|lid|bijlage|§)\.?\s*$",
    re.I,
)
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sept?|okt|nov|dec"
)
_DATE = (
    rf"\d{{1,2}}[{_DASH}/.]\d{{1,2}}[{_DASH}/.](?:19|20)?\d\d|(?:19|20)\d\d-\d{{1,2}}-\d{{1,2}}"
    rf"|\d{{1,2}}\s(?:{_MONTHS})\.?(?:\s(?:(?:19|20)\d\d|'\d\d))?"
)
# A year alone counts only as a birth year a working adult can have, and not as "van 1990 tot".
_BIRTH_YEAR = rf"(?:19[2-9]\d|200\d)(?![\d{_DASH}/]|\s*(?:tot|t/m))"
_BIRTH = re.compile(
    rf"(?:\b(?:geboren|geboortedatum|geboortedag|verjaardag|jarig|born|dob)\b|\bgeb\.)"
    rf"[^.!?\n\d]{{0,30}}?(?P<d>{_DATE}|{_BIRTH_YEAR})(?!\d)"
    rf"|\bik ben van\s(?P<v>{_DATE}|{_BIRTH_YEAR})(?!\d)"
    rf"|\b(?P<y>{_DATE}|19[2-9]\d|200\d)(?:\s+(?:ben|werd|is|was)(?:\s+(?:ik|hij|zij|ze))?)?"
    rf"\s+geboren\b",
    re.IGNORECASE,
)
_DOCUMENT_WORD = (
    r"\b(?:paspoort|id[- ]?kaart|identiteitskaart|identiteitsbewijs|documentn(?:umme)?r"
    r"|rijbewijs|verblijfs(?:vergunning|document))"
)
_DOCUMENT = re.compile(
    rf"{_DOCUMENT_WORD}\w*(?:nr\.|[^.!?\n]){{0,40}}?\b(?P<d>[A-NP-Z]{{2}}[A-NP-Z0-9]{{6}}\d)\b"
    rf"|\b(?P<v>[A-NP-Z]{{2}}[A-NP-Z0-9]{{6}}\d)\b(?=[^.!?\n]{{0,30}}{_DOCUMENT_WORD})",
    re.IGNORECASE,
)
# Staff, driving-licence and other card numbers are digits only, so they count only next to the
# word that says what they are ("personeelsnummer 7654321", "rijbewijsnummer 5123456789").
_NUMBER_WORD = (
    r"\b(?:personeels?n(?:umme)?r|pers\.?[ \t]?nr|medewerkersn(?:umme)?r|werknemersn(?:umme)?r"
    r"|employee[ \t]?(?:number|id)|rijbewijs\w*|paspoort\w*|id[- ]?kaart\w*|identiteits\w*"
    r"|documentn(?:umme)?r|pasn(?:umme)?r|big[- ]?(?:n(?:umme)?r|registratie\w*)"
    r"|polisn(?:umme)?r|klantn(?:umme)?r|lidn(?:umme)?r|relatien(?:umme)?r)\b\.?"
)
# Not an amount or a count: "rijbewijs kost 12345 euro".
_CARD_NUMBER = (
    rf"(?<!€)(?<!€ )\d(?:[ \t{_DASH}]?\d){{4,11}}(?!\w|[.,]\d)"
    r"(?![ \t]*(?:euro|eur\b|€|%|procent|km|kilometer|punten|keer|jaar|dagen|uur|minuten|mensen))"
)
_NUMBER = re.compile(
    rf"{_NUMBER_WORD}(?:[^.!?\n\d]){{0,30}}?(?<![\w.,{_DASH}])(?P<d>{_CARD_NUMBER})"
    rf"|(?<![\w.,{_DASH}])(?P<v>{_CARD_NUMBER})(?=[ \t]*\(?(?:(?:is|was)[ \t])?(?:mijn[ \t])?"
    rf"{_NUMBER_WORD})",
    re.IGNORECASE,
)
# Most texts have no five digits left by then: a quick look spares the long pattern above.
_FIVE_DIGITS = re.compile(rf"\d(?:[ \t{_DASH}]?\d){{4}}")
# The 14 side codes of Dutch plates (L letter, D digit); without dashes only after "kenteken",
# since six letters and digits in a row are too common.
_SIDECODES = "LL-DD-DD DD-DD-LL DD-LL-DD LL-DD-LL LL-LL-DD DD-LL-LL DD-LLL-D D-LLL-DD LL-DDD-L "
_SIDECODES += "L-DDD-LL LLL-DD-L L-DD-LLL D-LL-DDD DDD-LL-D"


def _plate(dash: str) -> str:
    shapes = _SIDECODES.replace("-", "=").replace("L", "[A-Z]").replace("D", r"\d").split()
    return "|".join(shape.replace("=", dash) for shape in shapes)


_PLATE = re.compile(rf"(?<![\w{_DASH}])(?:{_plate(f'[{_DASH}]')})(?![\w{_DASH}])")
_PLATE_AFTER_WORD = re.compile(
    rf"\bkenteken\w*(?:\s(?:is|was|nummer|nr\.?))?[\s:]*"
    rf"(?P<d>{_plate(f'[{_DASH}]')}|{_plate('')})(?![\w{_DASH}])",
    re.IGNORECASE,
)
# Dutch numbers have ten digits in any grouping, but never start like a date ("06-03-2024 12")
# and a two-digit area code exists only for mobiles ("01-03-2024" is no number).
_PHONE = re.compile(
    rf"(?<![\w+])(?<!\d[.,])(?:"
    rf"(?:\+|00)31[ \t]?(?:\(0\)[ \t]?)?{_SEP}?[1-9](?:{_SEP}?\d){{8}}"
    rf"|\(0[1-9]\d{{1,2}}\)[ \t]?\d(?:{_SEP}?\d){{5,6}}"
    rf"|(?!\d\d?([{_DASH}./])\d\d?\1(?:\d{{4}}|\d\d(?![{_DASH}./ ]?\d)))"
    rf"(?!0[1-57-9][ \t{_DASH}./])0[1-9](?:{_SEP}?\d){{8}}"
    rf"|(?:\+|00)(?!31)[1-9]\d{{0,2}}(?:[ \t]?\(0\))?(?:{_SEP}?\d){{6,12}}){_END}"
)
# A number read out in words: "nul zes een negen ..." (ten digits, give or take a typo).
_DIGIT_WORD = r"(?:nul|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)"
_PHONE_WORDS = re.compile(
    rf"\b(?:nul|plus)(?:(?:[ \t]*[,{_DASH}])?[ \t]+{_DIGIT_WORD}){{8,12}}\b", re.IGNORECASE
)
_BSN = re.compile(
    rf"(?<![\w.,{_DASH}])(?:\d{{9}}|\d{{4}}\.\d\d\.\d{{3}}"
    rf"|\d{{3}}([ .{_DASH}])\d{{3}}\1\d{{3}}){_END}"
)
_BSN_WORD = re.compile(r"bsn|burgerservice|sofi", re.I)
# A street is a capitalised word with a street ending (STREET_SUFFIXES), or "Laan van ...",
# before a house number.
_HOUSE = (
    rf"(?P<nr>[1-9]\d{{0,3}})(?:[ \t]?[{_DASH}]?[ \t]?(?:[a-zA-Z](?!\w)|bis\b|hs\b"
    rf"|[IVX]{{1,3}}\b|\d{{1,3}}(?![\d.,])))?(?![\w]|[.,:]\d)"
)
_PARTICLE_RE = r"(?:van|de|der|den|het|'t|op|aan|in|ter|ten)"
_STREET = re.compile(
    rf"(?<![\w{_DASH}])(?:(?:[A-Z][\w'{_DASH}]*\.?[ \t](?:{_PARTICLE_RE}[ \t])*){{0,3}}"
    rf"(?P<w>[A-Z][\w'{_DASH}]*?(?i:{STREET_SUFFIXES}|str\.))|(?P<lw>[a-z][\w'{_DASH}]*"
    rf"(?:straat|gracht|plein|steeg|singel|kade|dreef))"
    rf"|(?:Laan|Plein|Kade|Weg|Straat|Singel|Dreef|Hof)[ \t]{_PARTICLE_RE}[ \t]"
    rf"(?:[\w'{_DASH}]+\.?[ \t]){{0,2}}[\w'{_DASH}]+"
    rf"|(?:Markt|Plein|Dam|Rokin|Spui|Damrak|Binnenhof)"
    rf")[ \t]{_HOUSE}"
)
# Upper case without the word "postcode": "1234 ab" is too often something else. Some letter
# pairs are also units or abbreviations ("1500 MB", "2024 AI-tools"): with those it is a
# postcode only after a word about living ("ik woon in 7411 GB") or before a town ("6711 AB
# Ede"). SA, SD and SS are never issued.
_UNITS = "AI|AM|BV|CM|EU|GB|GW|HR|KB|KG|KM|KW|MB|MM|MW|NL|NV|PC|PM|TB|TV|UK|US|VS|XP"
_POSTCODE = re.compile(
    r"(?<![\w-])[1-9]\d{3}[ \t]?(?!SA|SD|SS)(?P<l>[A-Z]{2})(?![\w-])(?:,?[ \t](?:nr\.?[ \t]?)?"
    r"[1-9]\d{0,3}[a-z]?(?![\w.,:]))?"
)
_HOME_BEFORE = re.compile(
    r"\b(?:woon|woont|wonen|woonde|woonden|gewoond|postcode|adres|verhuisd|verhuizen)\b"
    r"[^.!?\n\d]{0,25}$",
    re.IGNORECASE,
)
_TO_OR_FROM = re.compile(r"\b(?:in|uit|naar)[ \t]+$", re.IGNORECASE)
_TOWN_AFTER = re.compile(r"[ \t,]+((?:'s-)?[A-Z][\w'-]*(?:[ \t][\w'-]+){0,3})")
_POSTCODE_AFTER_WORD = re.compile(
    r"\bpostcode(?:\sis)?[\s:]*(?P<d>[1-9]\d{3}[ \t]?[a-z]{2})(?!\w)", re.I
)


# Validators: each gets the match and the text it was found in, and says whether to replace.


def _profile(m: re.Match, text: str) -> bool:
    user = (m.group("user") or "").lower()
    return not (m.group("host") and user in lexicon().accounts)


def _handle(m: re.Match, text: str) -> bool:
    return m.group(1).lower() not in lexicon().accounts


def _email(m: re.Match, text: str) -> bool:
    spoken = m.group("at").strip().lower() in ("at", "apenstaartje", "apestaartje", "apenstaart")
    local = m.group().split()[0].lower()
    return not spoken or (m.group("tld").lower() in _SPOKEN_TLDS and local not in _NOT_LOCAL)


def _ipv4(m: re.Match, text: str) -> bool:
    return not _NOT_IP_BEFORE.search(text, max(0, m.start() - 20), m.start())


def _ipv6(m: re.Match, text: str) -> bool:
    try:
        return bool(ipaddress.IPv6Address(m.group()))  # "14:30:00" is no address
    except ValueError:
        return False


def _phone(m: re.Match, text: str) -> bool:
    digits = re.sub(r"\D", "", m.group())
    if m.group().startswith(("+", "00")):
        digits = digits.removeprefix("00")
        return 9 <= len(digits) <= 15 and (not digits.startswith("31") or len(digits) in (11, 12))
    return len(digits) == 10


def _bsn(m: re.Match, text: str) -> bool:
    if not passes_eleven_test(m.group()):
        return False
    # Dotted in threes is how amounts are written: "130.000.000 euro".
    thousands = re.fullmatch(r"\d{3}\.\d{3}\.\d{3}", m.group())
    return not thousands or bool(_BSN_WORD.search(text, max(0, m.start() - 40), m.start()))


def _postcode(m: re.Match, text: str) -> bool:
    if not re.fullmatch(_UNITS, m.group("l")):
        return True
    if _HOME_BEFORE.search(text, max(0, m.start() - 40), m.start()):
        return True
    year = 1900 <= int(m.group()[:4]) <= 2099  # "in 2024 AI gebruiken"
    if not year and _TO_OR_FROM.search(text, max(0, m.start() - 10), m.start()):
        return True
    town = _TOWN_AFTER.match(text, m.end())
    words = town.group(1).lower().split() if town else []
    return any(" ".join(words[:n]) in lexicon().places for n in range(1, len(words) + 1))


def _street(m: re.Match, text: str) -> bool:
    word = m.group("w") or m.group("lw") or ""
    lex, year = lexicon(), 1900 <= int(m.group("nr")) <= 2099
    # "in Rotterdam 12 jaar", but "Lange Voorhout 9" although Voorhout is also a village.
    town = word.lower() in lex.places and m.group().startswith(word)
    return word.lower() not in lex.municipalities and not town and not year


_GROUPS = ("d", "v", "y")
_PASSES = (
    (_PROFILE, "[profiel]", _profile),
    (_FEDIVERSE, "[profiel]", None),
    (_EMAIL, "[e-mail]", _email),
    (_EMAIL_NO_TLD, "[e-mail]", None),
    (_IBAN, "[iban]", None),
    (_IPV4, "[ip-adres]", _ipv4),
    (_IPV6, "[ip-adres]", _ipv6),
    (_BIRTH, "[geboortedatum]", None),
    (_DOCUMENT, "[documentnummer]", None),
    (_PLATE_AFTER_WORD, "[kenteken]", None),
    (_PLATE, "[kenteken]", None),
    (_PHONE, "[telefoonnummer]", _phone),
    (_PHONE_WORDS, "[telefoonnummer]", None),
    (_BSN, "[bsn]", _bsn),
    (_NUMBER, "[documentnummer]", None),
    (_STREET, "[adres]", _street),
    (_POSTCODE_AFTER_WORD, "[adres]", None),
    (_POSTCODE, "[adres]", _postcode),
)


def _iban_sub(text: str, kinds: set[str]) -> str:
    """Like the other passes, but drops trailing groups a greedy match took from the next words
    ("BE68 5390 0754 7034 want") until the rest is a valid IBAN."""

    def substitute(m: re.Match) -> str:
        candidate = m.group()
        while len(candidate.replace(" ", "")) >= 15:
            if is_valid_iban(candidate):
                kinds.add("[iban]")
                return "[iban]" + m.group()[len(candidate) :]
            candidate = candidate.rsplit(" ", 1)[0] if " " in candidate else candidate[:-1]
        return m.group()

    return _IBAN.sub(substitute, text)


def scrub(text: str) -> Scrubbed:
    """Normalise the text and replace personal data with Dutch tokens such as [naam]."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    kinds: set[str] = set()
    for pattern, token, valid in _PASSES:
        if pattern is _IBAN:
            text = _iban_sub(text, kinds)
            continue
        if pattern is _NUMBER and not _FIVE_DIGITS.search(text):
            continue

        def substitute(m: re.Match, token=token, valid=valid) -> str:
            if valid is not None and not valid(m, m.string):
                return m.group()
            kinds.add(token)
            group = next((g for g in _GROUPS if g in m.re.groupindex and m.group(g)), None)
            if group is None:
                return token
            start, end = m.start(group) - m.start(), m.end(group) - m.start()
            return m.group()[:start] + token + m.group()[end:]

        text = pattern.sub(substitute, text)
    spans = name_spans(text)
    for start, end in reversed(spans):
        text = text[:start] + "[naam]" + text[end:]
    if spans:
        kinds.add("[naam]")
    handles = _HANDLE.sub(lambda m: "[profiel]" if _handle(m, text) else m.group(), text)
    if handles != text:
        kinds.add("[profiel]")
    return Scrubbed(text=handles, had_personal_data=bool(kinds), kinds=frozenset(kinds))

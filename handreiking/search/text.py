"""Text handling shared by indexing and querying: words, accent folding, Dutch stems, stop words,
snippets and escaped highlights.

Both databases index the stems made here, never their own: that is what makes SQLite and
PostgreSQL match the same sections for the same query."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_LENGTH = 200
ITEM_BREAK = "\n"  # between list items in a section's stored text (see `index`)
MIN_WORD_LENGTH = 2  # one letter ("x", "v" of "v/d", "I") is no word to search, nor to index
MAX_WORD_LENGTH = 60

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_PLURAL_APOSTROPHE = re.compile(r"['’]s$")
# A sentence (up to and with its end mark and the spaces after it) or a list item.
_PIECE = re.compile(r"[^\n]+?(?:[.!?:](?=\s)|$)\s*|\n", re.M)

# PostgreSQL's Dutch stop words (snowball dutch.stop), plus the words a question is made of
# ("mag ik als ambtenaar ...", "wat als mijn ...") and a few English ones: none says what a
# reader is looking for, so none decides which section answers.
STOP_WORDS = frozenset(
    """de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om
    hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar naar
    heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al waren
    veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd altijd
    doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest andere
    mag mogen moeten kun kunt wilt willen zouden zullen welke welk waarom wanneer waar waarover
    waarmee jij jou jouw jullie we wij onze mee ermee erover hierover daarover daarmee bent
    hebt word komt komen kom gaat gaan ga doe doet wel even graag eigenlijk gewoon echt zomaar
    elke ieder iedere elk alle sommige iets eigen ander hoeveel nodig voordat nadat zodat terwijl
    tussen staat staan sta stond morgen vandaag gisteren straks later vaak soms nooit ooit
    weet weten blijf blijft blijven anders allemaal helemaal misschien zeker precies
    the an to on can my how what do for and are with about should""".split()
)

# Words readers add to a topic ("linkedin profiel", "mediagebruik", "krantentest", "is netwerken
# nuttig"): when such a word is not in the text, or is the last part of a compound, the rest of
# the query says what the reader wants.
GENERIC_WORDS = frozenset(
    """account accounts profiel profielen pagina paginas gebruik gebruiken test toets tips tip
    advies info uitleg voorbeeld voorbeelden regels regel regeling richtlijn richtlijnen vraag
    vragen antwoord antwoorden kanaal kanalen platform platforms app apps site website
    toegestaan verboden mogelijk zetten handreiking hoofdstuk beleid gedrag policy artikel stuk
    onderwerp rol afspraken protocol handleiding gids bericht berichten post posts nuttig
    handig verstandig slim zinvol gevaarlijk riskant kop use using""".split()
)


@lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    """Lower case without accents: "Privé" and "prive" are one word to search."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if c.isalpha())


def fold_text(text: str) -> str:
    """Lower case without accents, everything else kept."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The folded words of a text: the one tokeniser of the index, the vocabulary, the editors'
    synonyms and the query. "collega's" is "collega"; digits, signs and single letters are no
    words."""
    found = []
    for token in _WORD.findall(text or ""):
        word = fold(_PLURAL_APOSTROPHE.sub("", token))
        if MIN_WORD_LENGTH <= len(word) <= MAX_WORD_LENGTH:
            found.append(word)
    return found


@lru_cache(maxsize=1)
def _stemmers() -> tuple:
    """Snowball's current Dutch stemmer (inflections of verbs and plurals in -s) and, where
    installed, the older Porter one (which keeps "bijdrage" and "bijdragen" together)."""
    names = snowballstemmer.algorithms()
    older = "dutch_porter" if "dutch_porter" in names else "dutch"
    return snowballstemmer.stemmer("dutch"), snowballstemmer.stemmer(older)


# Suffixes Snowball cuts that make a word for something else than its base word: "overheid"
# would be "over" (a stop word), "openbaarheid" "open", "twitteraar" (a person) "twitter".
_KEPT_SUFFIXES = (
    ("heid", "heid"),
    ("heids", "heid"),
    ("heden", "heid"),
    ("aar", "aar"),
    ("aars", "aar"),
)


def _guarded(stemmer, word: str) -> str:
    for suffix, singular in _KEPT_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            return word[: -len(suffix)] + singular
    if word.endswith("aren") and len(word) > 7:  # ambtenaren, twitteraren: plural of -aar
        return word[:-4] + "aar"
    stemmed_word = stemmer.stemWord(word)
    # The current stemmer drops "ge-" as from a participle ("gedeeld" is "deel"), also from
    # nouns: "gedrag" would be "drag" (of "dragen"), "gesprek" "sprek". Only a word ending like
    # a participle loses it.
    if word.startswith("ge") and not stemmed_word.startswith("ge"):
        if not word.endswith(("d", "t", "en")):
            return _stemmers()[1].stemWord(word)
    return stemmed_word


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The stem both databases index (of a folded word)."""
    return _guarded(_stemmers()[0], word)


@lru_cache(maxsize=100_000)
def older_stem(word: str) -> str:
    """The stem under the older (Porter) stemmer, where installed."""
    return _guarded(_stemmers()[1], word)


@lru_cache(maxsize=100_000)
def variant_stems(word: str) -> frozenset[str]:
    """Stems under which another form of the same word may be known: both stemmers, a plural
    in -s without its apostrophe ("collegas"), a verb in -t that Snowball keeps ("deelt")."""
    forms = {word}
    if len(word) > 4 and word.endswith("s") and word[-2] in "aeiouy":
        forms.add(word[:-1])
    if len(word) > 4 and word.endswith("t") and not word.endswith("tt"):
        forms.add(word[:-1])
    primary, older = _stemmers()
    return frozenset(_guarded(s, form) for form in forms for s in (primary, older))


def stemmed(text: str) -> str:
    """The distinct stems of a text, in order: what the index holds (ranking counts where a word
    is, not how often)."""
    return " ".join(dict.fromkeys(stem(w) for w in words(text)))


def clean_query(raw: str) -> str:
    text = (raw or "").replace("\x00", " ")[:MAX_QUERY_LENGTH]
    return " ".join(text.split())


def _accent_table() -> dict[int, str]:
    """Accented Latin letters to their base letter, one character for one, so a match in the
    folded text has the same position in the original."""
    table = {}
    for code in range(0xC0, 0x250):
        base = "".join(c for c in unicodedata.normalize("NFKD", chr(code)) if c.isalpha())
        if len(base) == 1 and base != chr(code):
            table[code] = base
    table[ord("’")] = "'"
    return table


_ACCENTS = _accent_table()


@dataclass(frozen=True)
class Marks:
    """What to highlight, as one regular expression over accent-folded text: every word of the
    text that matched (the vocabulary lists them all, compounds included)."""

    pattern: re.Pattern | None

    @classmethod
    def of(cls, marked: set[str]) -> "Marks":
        if not marked:
            return cls(None)
        alternatives = "|".join(re.escape(w) for w in sorted(marked, key=len, reverse=True))
        return cls(re.compile(rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])", re.I))

    def spans(self, text: str):
        if self.pattern is None:
            return iter(())
        return (m.span() for m in self.pattern.finditer(text.translate(_ACCENTS)))


def snippet(text: str, marks: Marks, width: int = 220) -> str:
    """About `width` characters of text around the first match. It starts where a sentence or
    a list item starts, shows list items apart (" · "), and ends at a word boundary."""
    pieces = _pieces(text)
    first = next(marks.spans(text), None)
    at = first[0] if first else 0
    index = max((i for i, (start, _p) in enumerate(pieces) if start <= at), default=0)
    if at - pieces[index][0] > width // 2:  # a long sentence: start nearer the match
        begin = text.find(" ", at - width // 3) + 1
        pieces[index] = (begin, text[begin : pieces[index][0] + len(pieces[index][1])])
    shown, length = [], 0
    for start, piece in pieces[index:]:
        if length + len(piece) > width:
            cut = piece.rfind(" ", 0, max(0, width - length))
            if cut > 0:
                shown.append((start, piece[:cut].rstrip(" ,;:") + " …"))
            elif not shown:
                shown.append((start, piece[:width] + " …"))
            break
        shown.append((start, piece))
        length += len(piece) + 3
    before = "… " if pieces[index][0] > 0 else ""
    out = before
    for number, (start, piece) in enumerate(shown):
        if number:
            out += " · " if text[start - 1 : start] == ITEM_BREAK else " "
        out += piece
    return out


def _pieces(text: str) -> list[tuple[int, str]]:
    """The sentences and list items of a text, with where each starts."""
    pieces = []
    for match in _PIECE.finditer(text):
        if match.group().strip():
            pieces.append((match.start(), match.group().strip()))
    return pieces or [(0, text)]


def highlight(text: str, marks: Marks) -> SafeString:
    """Escape first, then mark: the source text never reaches the page unescaped."""
    out: list[str] = []
    position = 0
    for start, end in marks.spans(text):
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above

"""Compounds a reader types that the text does not have, as parts: "integriteitsregels" is
"integriteit" and "regels", "gedragsnormen" is "gedrag" and "normen", "nadenken" is "denken".

Parts the text knows come first; failing those, one part the text knows and the others usual
Dutch words (the general lexicon), so a compound of a topic of the text and an ordinary word
("netwerkmogelijkheden") is about that topic, on both databases alike."""

from handreiking.search.lexicon import COMMON, is_word, zipf
from handreiking.search.snapshot import Snapshot
from handreiking.search.text import GENERIC_WORDS, STOP_WORDS
from handreiking.search.vocabulary import LINKERS, MIN_REST

# Separable verbs: the text writes "na te denken" where a reader types "nadenken". Not "door",
# "om", "over" or "voor": too many other words start with them ("overwerken", "voorstellen").
PARTICLES = ("aan", "af", "bij", "in", "mee", "na", "op", "rond", "samen", "terug", "toe", "uit")
# Endings that make a noun of a word without changing what it is about: "benaderbaarheid" is
# about "benaderbaar". Not "-schap": "ambtenaarschap" is a subject of its own.
DERIVATIONS = ("heden", "heid")
MIN_GENERAL = 4  # a usual word as a part: "normen", "koppen"; not "ing" or "aan"


def particle_verb(word: str, snapshot: Snapshot) -> str:
    """The verb of a separable verb ("denken" of "nadenken") if the text knows it, else ""."""
    for particle in PARTICLES:
        verb = word[len(particle) :]
        if word.startswith(particle) and verb.endswith("en") and is_known(verb, snapshot):
            return verb
    return ""


def derived_from(word: str, snapshot: Snapshot) -> str:
    """The word a noun is made from ("ambassadeur" of "ambassadeurschap") if the text knows
    it, else ""."""
    for ending in DERIVATIONS:
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base) >= MIN_REST + 1 and is_known(base, snapshot):
            return base
    return ""


def cover(word: str, snapshot: Snapshot, depth: int = 0) -> list[str]:
    """Known parts that make up `word`, trying the longest last part first; [] if none do."""
    for cut in range(MIN_REST, len(word) - MIN_REST + 1):
        head = word[cut:]
        if is_known(head, snapshot) and (parts := first_parts(word[:cut], snapshot, depth)):
            return [*parts, head]
    return []


def first_parts(rest: str, snapshot: Snapshot, depth: int = 0) -> list[str]:
    """The part(s) before a known last part: the word itself if the text has it ("online"),
    else without a linking "s", "en" or "e" ("integriteits", "kranten"), else as it is."""
    for before in forms(rest, snapshot):
        if is_known(before, snapshot):
            return [before]
        if depth < 2 and (parts := cover(before, snapshot, depth + 1)):
            return parts
    return []


def forms(rest: str, snapshot: Snapshot) -> list[str]:
    """A first part as written, and without a linking "s", "en" or "e"."""
    found = [rest] if rest in snapshot.vocabulary.df else []
    found += [rest[: -len(linker)] for linker in LINKERS if linker and rest.endswith(linker)]
    return [*found, rest]


def general_cover(word: str, snapshot: Snapshot) -> list[tuple[str, bool]]:
    """A first part the text knows and a last part that is a usual Dutch word, as (part,
    known) pairs, the longest known first part winning; [] if there is none. The first part
    must say something in general Dutch too: "werkdruk" and "thuiswerken" are not about the
    text's "werk"."""
    for cut in range(len(word) - MIN_GENERAL, MIN_REST - 1, -1):
        head = word[cut:]
        if not is_general(head):
            continue
        for before in forms(word[:cut], snapshot):
            if is_known(before, snapshot) and zipf(before) < COMMON:
                return [(before, True), (head, False)]
    return []


def is_general(part: str) -> bool:
    return len(part) >= MIN_GENERAL and part not in STOP_WORDS and is_word(part)


def generic_head(word: str, snapshot: Snapshot) -> list[str]:
    """The known first part(s) of a compound with a generic last part ("krantentest",
    "mediagebruik"): the rest of the word says what it is about."""
    for head in sorted(GENERIC_WORDS, key=len, reverse=True):
        if word.endswith(head) and len(word) - len(head) >= MIN_REST:
            if modifier := first_parts(word[: -len(head)], snapshot):
                return modifier
    return []


def is_known(part: str, snapshot: Snapshot) -> bool:
    """Whether the text knows `part` as a word, an editors' term, or as the first part of a
    compound ("gedrag" of "gedragscode"); not as the end of one ("adeur" of "ambassadeur")."""
    if part in STOP_WORDS or len(part) < MIN_REST:
        return False
    return bool(snapshot.thesaurus.groups_of((part,))) or snapshot.vocabulary.is_part(part)

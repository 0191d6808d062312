"""Names in free text: the name finder of the scrubber (see `scrubbing`), by the word lists and
rules in `wordlists` (first names, surnames, places, triggers such as "mijn naam is", "collega",
"mevrouw", particles such as "van der", and what stays)."""

import re
from typing import NamedTuple

from handreiking.zelftoets.wordlists import STREET_SUFFIXES, fold, lexicon


class _Tok(NamedTuple):
    start: int
    end: int
    text: str
    lc: str
    cap: bool
    gap: str  # the text between the previous token and this one


_TOKEN = re.compile(r"\[[a-z-]+\]|['’]t\b|[^\W\d_][^\W_]*(?:['’\-][^\W\d_][^\W_]*)*")
_NOT_INITIALS = {"NB", "PS", "VS", "BV", "NV", "US", "EU"}
_SENTENCE_GAP = re.compile(r"[.!?:;\n]")
_STREET_WORD = re.compile(rf"\w(?:{STREET_SUFFIXES})$")
# A lower-case word right after or before one of these is part of a link, a handle, a file or
# table name or an e-mail address, or ("3 jan") of a date.
_LINK_GAP = re.compile(r"[#@/\\._~=&+]$|\d[ \t]*$")
_LINK_AFTER = re.compile(r"[_@/\\]|\.\w")
_ARTICLES = {"de", "het", "een", "'t"}
_POSSESSIVES = {"mijn", "onze", "ons", "zijn", "haar", "hun", "jouw", "je"}
# "Eerst vond ik": a verb before its subject follows a word that is not the subject.
_SUBJECTS = {"ik", "je", "jij", "hij", "ze", "zij", "we", "wij", "u", "men", "het"}
# "eind jan" is January.
_BEFORE_MONTH = {"begin", "eind", "half", "medio", "midden", "per", "sinds", "tot", "vanaf", "in"}


class _Names:
    """Finds name spans in one text; a small class so the token list is shared by the rules."""

    def __init__(self, text: str):
        self.lex = lexicon()
        self.rules = self.lex.rules
        self.text = text
        self.toks: list[_Tok] = []
        last = 0
        for m in _TOKEN.finditer(text):
            word = m.group().replace("’", "'")
            cap = word[0].isupper() and (len(word) == 1 or not word.isupper())
            self.toks.append(
                _Tok(m.start(), m.end(), word, word.lower(), cap, text[last : m.start()])
            )
            last = m.end()
        self.n = len(self.toks)

    def adjacent(self, k: int) -> bool:
        gap = self.toks[k].gap if 0 < k < self.n else ""
        return bool(gap) and not gap.strip(" \t") and self.toks[k - 1].text[0] != "["

    def particles(self, k: int) -> int:
        for size in (2, 1):
            words = " ".join(self.toks[k + i].lc for i in range(size) if k + i < self.n)
            if words in self.rules["particles"] and (size == 1 or self.adjacent(k + 1)):
                return size
        return 0

    def surname_like(self, k: int, strict: bool, particle: bool = False) -> bool:
        tok = self.toks[k] if k < self.n else None
        if tok is None or not tok.cap or tok.text[0] == "[" or _STREET_WORD.search(tok.lc):
            return False
        if tok.lc in self.rules["not-surname"] or tok.lc in self.rules["institution"]:
            return False
        base = fold(tok.lc.split("-")[0])
        return not strict or base in self.lex.surnames or (particle and base in self.lex.interfix)

    def continuation(self, k: int, strict: bool) -> int:
        """The end of the surname words after a first name, initials or title at k - 1."""
        end = k
        while end < self.n and end - k < 5 and self.adjacent(end):
            p = self.particles(end)
            w = end + p
            if p and not (self.adjacent(w) and not self.is_place(end, w + 1)):
                break
            if not self.surname_like(w, strict or p > 0, particle=p > 0):
                break
            end = w + 1
        return end

    def lower_first(self, k: int) -> bool:
        """A first name in lower case that is no ordinary word: "thijs", "sanne", "ans", but not
        "hoop", "mark" or "storm" (data/name_words.txt, and the [word] and [never] rules), not a
        place, not "de noor" and not part of a link or a date."""
        tok = self.toks[k]
        if tok.cap or len(tok.text) < 3 or not tok.text.islower():
            return False
        lex, rules = self.lex, self.rules
        for part in fold(tok.lc).split("-"):
            if part not in lex.first or part in lex.words or part in rules["word"]:
                return False
            if part in rules["never"] or part in rules["not-surname"] or part in lex.places:
                return False
        if (tok.gap and _LINK_GAP.search(tok.gap)) or _LINK_AFTER.match(self.text, tok.end):
            return False
        before = self.toks[k - 1].lc if k and self.adjacent(k) else ""
        month = tok.lc == "jan" and before in _BEFORE_MONTH
        return not month and before not in _ARTICLES

    def lower_continuation(self, k: int) -> int:
        """The end of the surname after a lower-case first name at k - 1: "sanne bakker" (a
        known surname that is no ordinary word), "lotte van den berg" (a particle with a known
        surname), or a capitalised surname as after any first name."""
        if k >= self.n or not self.adjacent(k):
            return k
        if self.toks[k].cap:
            return self.continuation(k, True)
        p = self.particles(k)
        w = k + p
        if w >= self.n or not self.adjacent(w) or not self.toks[w].text.islower():
            return k
        lc = fold(self.toks[w].lc)
        if len(lc) < 3 or lc in self.rules["not-surname"] or lc in self.rules["institution"]:
            return k
        if p:
            known = lc in self.lex.interfix and not self.is_place(k, w + 1)
        else:
            known = lc in self.lex.surnames and lc not in self.lex.words
        return w + 1 if known else k

    def acts(self, k: int) -> bool:
        """Token k shows that the words before it name a person: a verb such as "zei" or
        "vond", "en ik", or an apposition (", mijn afdelingshoofd")."""
        if k >= self.n:
            return False
        tok = self.toks[k]
        if self.adjacent(k) and tok.lc in self.rules["acts"]:
            return k + 1 == self.n or self.toks[k + 1].lc not in _SUBJECTS
        if self.adjacent(k) and tok.lc == "en" and k + 1 < self.n:
            return self.toks[k + 1].lc == "ik" and self.adjacent(k + 1)
        return tok.gap.strip() == "," and tok.lc in _POSSESSIVES

    def titled_surname(self, k: int) -> bool:
        """After a form of address and a particle, a known surname that is also a word
        ("mevrouw De Koning") or in lower case ("mevrouw van der linden"), though not a role
        ("meneer de Minister", "mevrouw de voorzitter")."""
        tok = self.toks[k] if k < self.n else None
        if tok is None or tok.text[0] == "[" or not (tok.cap or tok.text.islower()):
            return False
        if not tok.cap and (tok.lc in self.rules["not-surname"] or len(tok.lc) < 3):
            return False
        return fold(tok.lc) in self.lex.interfix and tok.lc not in self.rules["functions"]

    def lower_surname(self, k: int) -> bool:
        """A known surname in lower case that is no ordinary word ("collega jansen")."""
        tok = self.toks[k]
        if tok.cap or len(tok.text) < 3 or not tok.text.islower():
            return False
        lc = fold(tok.lc)
        if lc not in self.lex.surnames or lc in self.lex.words or lc in self.lex.places:
            return False
        return lc not in self.rules["not-surname"] and lc not in self.rules["institution"]

    def is_first(self, tok: _Tok) -> bool:
        lc = fold(tok.lc.removesuffix("'s"))
        return lc in self.lex.first or all(p in self.lex.first for p in lc.split("-"))

    def initials(self, k: int) -> int:
        end = k
        while end + 1 < self.n and len(self.toks[end].text) == 1 and self.toks[end].text.isupper():
            if not self.toks[end + 1].gap.startswith("."):
                break
            end += 1
        letters = "".join(t.text for t in self.toks[k:end])
        return k if letters in _NOT_INITIALS else end

    def with_initials(self, i: int, strict: bool) -> int | None:
        """ "J. de Vries", "A.B. Jansen": one initial alone needs a known surname or a particle."""
        k = self.initials(i)
        p = self.particles(k)
        w = k + p
        if w >= self.n or (p and not self.adjacent(w)):
            return None
        if not self.surname_like(w, strict and not p, particle=p > 0):
            return None
        return self.continuation(w + 1, False)

    def is_place(self, k: int, end: int) -> bool:
        """Tokens k..end end a municipality or country ("Den Haag", "van Utrecht", "Alphen aan
        den Rijn"), or any town after a preposition such as "in" ("naar De Meern")."""
        phrases = {" ".join(t.lc for t in self.toks[s:end]) for s in range(max(0, k - 3), end)}
        if phrases & self.lex.municipalities:
            return True
        locative = k > 0 and self.toks[k - 1].lc in self.rules["locative"]
        return locative and bool(phrases & self.lex.places)

    def after_trigger(self, j: int, mode: str) -> int | None:
        """The end of a name that starts at j, right after a trigger word of this mode."""
        tok, lax = self.toks[j], mode in ("title", "naming", "signature")
        if self.initials(j) > j:
            return self.with_initials(j, strict=False)
        p = self.particles(j)
        if p:
            w = j + p
            ok = self.adjacent(w) and (
                self.surname_like(w, strict=not lax, particle=True)
                or (mode == "title" and self.titled_surname(w))
            )
            return self.continuation(j + p + 1, False) if ok else None
        first = tok.cap and self.is_first(tok) and tok.lc not in self.rules["never"]
        if first or (mode != "ik ben" and self.surname_like(j, strict=not lax)):
            return self.continuation(j + 1, False)
        plain = tok.lc not in self.rules["word"] and tok.lc not in self.rules["never"]
        plain = plain and fold(tok.lc) not in self.lex.words
        if mode in ("naming", "function") and fold(tok.lc) in self.lex.first and plain:
            return j + 1
        if mode in ("title", "function", "naming") and self.lower_surname(j):
            return j + 1
        return None

    def trigger(self, i: int) -> tuple[int, int] | None:
        toks, lc = self.toks, self.toks[i].lc
        before = toks[i - 1].lc if i else ""
        after = toks[i + 1] if i + 1 < self.n else None
        j, mode = i + 1, None
        if lc in self.rules["abbreviated-titles"] and after and after.gap.startswith("."):
            mode = "title"
        elif lc in self.rules["titles"] and (lc != "heer" or before == "de"):
            mode = "title"
        elif lc == "naam" and after and (after.lc == "is" or after.gap.strip() == ":"):
            j, mode = (i + 2 if after.lc == "is" else i + 1), "naming"
        elif lc == "heet" and (before == "ik" or (after and after.lc == "ik")):
            j, mode = (i + 2 if before != "ik" else i + 1), "naming"
        elif lc == "ben" and before == "ik":
            mode = "ik ben"
        elif lc in self.rules["functions"] or lc in self.rules["relatives"]:
            mode = "function"
        elif lc in self.rules["signatures"]:
            mode = "signature"
        shouted = len(toks[i].text) > 1 and toks[i].text.isupper()  # "ING. Gisteren"
        if mode is None or j >= self.n or toks[i].text[0] == "[" or shouted:
            return None
        gap = toks[j].gap
        allowed = " \t,\n" if mode in ("function", "signature") else " \t.:,\n"
        if not gap or len(gap) > 4 or any(ch not in allowed for ch in gap):
            return None
        end = self.after_trigger(j, mode)
        return (j, end) if end else None

    def bare(self, i: int) -> tuple[int, int] | None:
        """A name without a trigger: initials, a particle with a surname, or a first name."""
        tok, never, word = self.toks[i], self.rules["never"], self.rules["word"]
        platform = tok.text == "X" and i and self.toks[i - 1].lc in ("op", "via", "en")
        if self.initials(i) > i and not platform:
            end = self.with_initials(i, strict=self.initials(i) == i + 1)
            if end:
                return i, end
        starts_sentence = bool(_SENTENCE_GAP.search(tok.gap)) or i == 0
        if self.particles(i):
            end = self.particle_name(i, starts_sentence)
            return (i, end) if end else None
        if not tok.cap:
            if not self.lower_first(i):
                return None
            end = self.lower_continuation(i + 1)
            return None if self.is_place(i, end) else (i, end)
        if not self.is_first(tok):
            # A known surname that is no ordinary word, before a verb: "Bakker zei".
            known = self.surname_like(i, strict=True) and fold(tok.lc) not in self.lex.words
            if known and self.acts(i + 1) and not self.is_place(i, i + 1):
                return i, i + 1
            return None
        strict = tok.lc in never or (tok.lc in word and starts_sentence)
        end = self.continuation(i + 1, strict or tok.lc in word)
        article = i and self.toks[i - 1].lc in ("de", "het", "een") and self.adjacent(i)
        title = tok.lc in word and self.adjacent(end) and self.toks[end].cap
        if end == i + 1 and (strict or article or title):
            # "Ben je", "de Bob" (who drives), "Summer School"; but "Storm zei", "Roos en ik"
            acting = strict and not article and tok.lc not in never and self.acts(end)
            if not acting:
                return None
        return None if self.is_place(i, end) else (i, end)

    def particle_name(self, i: int, starts_sentence: bool) -> int | None:
        """ "Van Dijk", "volgens De Boer", "met van der Meer". Dutch capitalises the particle of a
        surname without first name; a lower-case "de" or "van de" before a capitalised word is far
        more often a place or a building ("naar de Kuip", "de oever van de Maas")."""
        p = self.particles(i)
        words = " ".join(t.lc for t in self.toks[i : i + p])
        article = words in ("de", "den", "het", "'t", "van de", "van het") or len(words) == 2
        related = i > 0 and self.toks[i - 1].lc in self.rules["relatives"] and self.adjacent(i)
        # "De Kuip was vol" and "naar de Kuip", but "De Jong zei", "De Jong, mijn chef", "toen
        # de Vries belde" and "de zoon van de Boer".
        if self.toks[i].text[0].isupper():
            opening = article and starts_sentence
        else:
            opening = (article or starts_sentence) and not related
        after = self.toks[i + p] if i + p < self.n else self.toks[i]
        # Not "van Mark Rutte": there the first name starts the name.
        full_name = self.is_first(after) and self.adjacent(i + p + 1)
        if not self.adjacent(i + p) or (full_name and self.surname_like(i + p + 1, False)):
            return None
        if fold(after.lc) not in self.lex.interfix or not self.surname_like(i + p, strict=False):
            return None
        if self.is_place(i, i + p + 1):
            return None
        end = self.continuation(i + p + 1, True)
        return None if opening and not self.acts(end) else end

    def institution(self, end: int) -> bool:
        """ "Anne Frank Huis", "Van Gogh Museum", "Johan de Wittlaan": named after someone."""
        if self.toks[end - 1].lc.rsplit("-", 1)[-1] in self.rules["institution"]:
            return True  # "het Justus Lipsius-gebouw"
        if end >= self.n or not self.adjacent(end):
            return False
        return self.toks[end].lc in self.rules["institution"] or bool(
            _STREET_WORD.search(self.toks[end].lc)
        )

    def spans(self) -> list[tuple[int, int]]:
        found, i, phrases = [], 0, self.rules["phrases"]
        while i < self.n:
            tok = self.toks[i]
            if tok.text[0] == "[":
                i += 1
                continue
            starts = tok.cap or tok.lc in self.rules["cues"] or tok.gap.endswith("@")
            if not (starts or tok.lc in self.rules["phrase-starts"] or self.lower_first(i)):
                i += 1  # most tokens: lower-case words that start nothing
                continue
            if tok.lc in self.rules["phrase-starts"]:
                joined = (" ".join(t.lc for t in self.toks[i : i + size]) for size in (4, 3, 2, 1))
                phrase = next((4 - n for n, words in enumerate(joined) if words in phrases), 0)
                if phrase:
                    i += phrase
                    continue
            hit = self.trigger(i) or self.bare(i)
            if hit is None and tok.gap.endswith("@") and tok.cap:
                end = self.continuation(i + 1, False)
                hit = (i, end) if end > i + 1 else None
            if hit is None or self.institution(hit[1]):
                i += 1
                continue
            start, end = hit
            at = 1 if self.toks[start].gap.endswith("@") else 0
            found.append((self.toks[start].start - at, self.toks[end - 1].end))
            i = end
        return found


def name_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every name found in `text`."""
    return _Names(text).spans()

"""A second query set, written for issue 24 before any ranking change, to measure how search
does on questions nobody tuned it for.

Written from the seed text only (not from the team's 313 queries in `search_queries`, not from
the code). Each query names the section that answers it, like `search_queries`: the chapter's
slug, "#anchor" for a section below a heading, or NO_ANSWER when the handreiking says nothing
about it (then search must find nothing). Kinds: vraag (natural questions), tikfout,
samenstelling (inflected or compound words the text does not have), synoniem (synonyms and
paraphrases), engels (English or mixed), kort (1-2 words), lang (10+ words), ruis (accents,
case, punctuation) and geen-antwoord.

The set is split once, deterministically, into a TUNING half and a HELD_OUT half: within each
kind the queries are ordered by the SHA-256 of their text and alternate between the halves.
Ranking may be tuned on TUNING only; HELD_OUT is measured, never looked at to tune."""

import hashlib
from typing import NamedTuple

from tests.search_queries import AMBASSADEUR, GEDRAGSCODE, INTEGRITEIT, LUISTEREN, NO_ANSWER

KINDS = (
    "vraag",
    "tikfout",
    "samenstelling",
    "synoniem",
    "engels",
    "kort",
    "lang",
    "ruis",
    "geen-antwoord",
)


class Query(NamedTuple):
    text: str
    answer: str
    kind: str

    @property
    def chapter(self) -> str:
        return self.answer.split("#")[0]


_WRITTEN: dict[str, list[tuple[str, str]]] = {
    "vraag": [
        ("hoe beslis ik of een tweet te ver gaat", INTEGRITEIT),
        ("kan ik via linkedin experts buiten mijn ministerie vinden", AMBASSADEUR),
        ("moet ik elke dag iets posten", LUISTEREN),
        ("is het erg als ik alleen maar meelees", LUISTEREN),
        ("hoe weet ik of mijn bericht oké is", INTEGRITEIT),
        ("wat doe ik als iemand mij online iets vraagt wat ik niet weet", AMBASSADEUR),
        ("waarom zou ik als ambtenaar online actief zijn", AMBASSADEUR),
        ("mag ik over mijn werk vertellen op internet", AMBASSADEUR),
        ("wat moet ik weten voordat ik iets deel", INTEGRITEIT),
        ("hoe scheid ik mijn privéleven en mijn werk online", GEDRAGSCODE),
        ("gelden de gewone integriteitsregels ook op sociale media", GEDRAGSCODE),
        ("wat kan ik leren van wat burgers online zeggen", LUISTEREN),
        ("hoe vaak mag ik iets plaatsen", GEDRAGSCODE),
        ("wat als mijn collega's mijn post zien", INTEGRITEIT),
        ("waarom zou ik online kijken wat mensen vinden", LUISTEREN),
        ("hoe krijg ik steun voor mijn project", AMBASSADEUR),
        ("wat als mijn baas het niet eens is met mijn bericht", INTEGRITEIT),
    ],
    "tikfout": [
        ("gedragscdoe", GEDRAGSCODE),
        ("ambasadeur rijksoverheid", AMBASSADEUR),
        ("integrteit op sociale media", INTEGRITEIT),
        ("netwerkn online", AMBASSADEUR),
        ("linkdin contacten", AMBASSADEUR),
        ("krantetest", INTEGRITEIT),
        ("luisteren naar de samenlving", LUISTEREN),
        ("vloger worden", LUISTEREN),
        ("toesteming leidinggevende", INTEGRITEIT),
        ("openbaarhied online", INTEGRITEIT),
        ("doorverwijsen", AMBASSADEUR),
    ],
    "samenstelling": [
        ("netwerkmogelijkheden", AMBASSADEUR),
        ("meningen van burgers", LUISTEREN),
        ("luistervaardigheid", LUISTEREN),
        ("integriteitskwesties online", INTEGRITEIT),
        ("krantenkoppen", INTEGRITEIT),
        ("beleidservaringen van burgers", LUISTEREN),
        ("gedragsnormen voor ambtenaren", GEDRAGSCODE),
        ("twijfelgevallen", INTEGRITEIT),
        ("contactpersonen zoeken", AMBASSADEUR),
        ("zorgvuldigheid", GEDRAGSCODE),
        ("volgersaantal", LUISTEREN),
        ("gesprekspartners buiten de organisatie", AMBASSADEUR),
    ],
    "synoniem": [
        ("mag ik mijn chef vragen of mijn post goed is", INTEGRITEIT),
        ("followers verzamelen", LUISTEREN),
        ("als ik twee petten op heb", GEDRAGSCODE),
        ("reputatieschade voorkomen", INTEGRITEIT),
        ("wat denken burgers over het beleid", LUISTEREN),
        ("onderwerp waar ik externe kennis voor nodig heb", AMBASSADEUR),
        ("zichtbaar zijn als overheid", AMBASSADEUR),
        ("mijn persoonlijke account versus mijn werkaccount", GEDRAGSCODE),
        ("schaam ik me voor mijn bericht", INTEGRITEIT),
        ("signalen uit de maatschappij opvangen", LUISTEREN),
        ("mezelf online profileren als vakexpert", AMBASSADEUR),
        ("maat houden met posten", GEDRAGSCODE),
    ],
    "engels": [
        ("social media guidelines civil servants", GEDRAGSCODE),
        ("can I tweet about my job", AMBASSADEUR),
        ("would my boss approve", INTEGRITEIT),
        ("listening to citizens online", LUISTEREN),
        ("networking via LinkedIn", AMBASSADEUR),
        ("integrity on social media", INTEGRITEIT),
        ("do i need many followers", LUISTEREN),
        ("personal vs professional account", GEDRAGSCODE),
        ("lurken op twitter is ook goed", LUISTEREN),
    ],
    "kort": [
        ("updates werk", AMBASSADEUR),
        ("volgers", LUISTEREN),
        ("krant", INTEGRITEIT),
        ("doorverwijzen", AMBASSADEUR),
        ("privé of in functie", GEDRAGSCODE),
        ("ervaringen burgers", LUISTEREN),
        ("gedoseerd posten", GEDRAGSCODE),
        ("rondkijken", LUISTEREN),
    ],
    "lang": [
        (
            "ik werk bij een ministerie en wil via linkedin contact zoeken met mensen van buiten "
            "die verstand hebben van mijn onderwerp, kan dat",
            AMBASSADEUR,
        ),
        (
            "ik twijfel of ik een kritische reactie op een artikel over ons eigen beleid wel op "
            "mijn persoonlijke twitter mag zetten",
            INTEGRITEIT,
        ),
        (
            "moet ik als beleidsmedewerker zelf actief berichten plaatsen of is het ook goed als "
            "ik alleen lees wat mensen zeggen",
            LUISTEREN,
        ),
        (
            "wat zijn de regels uit de gedragscode integriteit rijk die ik moet volgen als ik "
            "online actief ben als ambtenaar",
            GEDRAGSCODE,
        ),
        (
            "hoe kan ik horen wat er in de samenleving speelt over het beleid waar ik zelf aan "
            "werk op het ministerie",
            LUISTEREN,
        ),
        (
            "ik wil laten zien waar ons team mee bezig is zodat mensen buiten de overheid ons "
            "werk beter begrijpen",
            AMBASSADEUR,
        ),
    ],
    "ruis": [
        ("PRIVÉPERSOON!!!", GEDRAGSCODE),
        ("collegas recht in de ogen kijken??", INTEGRITEIT),
        ("Gedragscode-Integriteit-Rijk", GEDRAGSCODE),
        ("twitteraar/vlogger", LUISTEREN),
        ("‘luisteren’ online", LUISTEREN),
        ("linked-in netwerk", AMBASSADEUR),
    ],
    "geen-antwoord": [
        ("hoeveel vakantiedagen heb ik", NO_ANSWER),
        ("thuiswerkvergoeding aanvragen", NO_ANSWER),
        ("reiskosten declareren ov", NO_ANSWER),
        ("wachtwoord rijkspas resetten", NO_ANSWER),
        ("hoe vraag ik ouderschapsverlof aan", NO_ANSWER),
        ("salarisschaal ambtenaren 2026", NO_ANSWER),
        ("mag ik een tweede baan hebben", NO_ANSWER),
        ("wat te doen bij een datalek", NO_ANSWER),
        ("printer op de afdeling kapot", NO_ANSWER),
        ("hoe maak ik een goede powerpoint", NO_ANSWER),
        ("pensioen opbouwen abp", NO_ANSWER),
        ("ziekmelden", NO_ANSWER),
        ("AVG persoonsgegevens bewaren", NO_ANSWER),
        ("cursus Excel", NO_ANSWER),
        ("parkeerplek aanvragen bij het ministerie", NO_ANSWER),
        ("phishing mail melden", NO_ANSWER),
    ],
}

QUERIES: list[Query] = [
    Query(text, answer, kind) for kind in KINDS for text, answer in _WRITTEN[kind]
]


def _split() -> tuple[list[Query], list[Query]]:
    tuning: list[Query] = []
    held_out: list[Query] = []
    for kind in KINDS:
        ordered = sorted(
            (q for q in QUERIES if q.kind == kind),
            key=lambda q: hashlib.sha256(q.text.encode()).hexdigest(),
        )
        tuning += ordered[0::2]
        held_out += ordered[1::2]
    return tuning, held_out


TUNING, HELD_OUT = _split()

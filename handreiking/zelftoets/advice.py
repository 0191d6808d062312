"""The personal advice after the newspaper test (krantentest) of chapter 3.

The rule, for every one of the 27 combinations of answers:

- a "nee" to any of the three questions is a clear signal: don't post it, think again;
- otherwise a "weet ik niet" is doubt: wait, talk it over with a colleague or the manager and read
  the chapters that help;
- three times "ja": go ahead, within the Gedragscode Integriteit Rijk.

A "nee" is never worded as doubt, and a doubt never as a "nee".
"""

from dataclasses import dataclass
from functools import lru_cache

from handreiking.models import Answer, Chapter, ContentVersion, Topic

QUESTIONS = ("colleagues", "manager", "newspaper")

# What the advice concludes.
POST, DONT_POST, WAIT = "post", "dont-post", "wait"

# The anchor of the Gedragscode section in chapter 1, where several answers lead.
CODE_OF_CONDUCT = "wat-zegt-de-gedragscode-integriteit-rijk"

# Which chapter (by number, with a section anchor) helps with which question, when the answer to
# it was "nee" or "weet ik niet".
DOUBT_CHAPTERS = {
    "colleagues": (3, "", "Integriteit en professioneel werken gaan samen"),
    "manager": (1, CODE_OF_CONDUCT, "Wat de Gedragscode zegt over jou als ambtenaar online"),
    "newspaper": (3, "", "De krantentest: drie vragen voor je iets plaatst"),
}
TOPIC_CHAPTERS = {
    Topic.WORK: (1, "", "Laten zien waar je aan werkt"),
    Topic.NEWS: (2, "", "Eerst luisteren: online media als bron"),
    Topic.NETWORK: (1, "", "Online netwerken als ambassadeur"),
    Topic.PRIVATE: (1, CODE_OF_CONDUCT, "Privé en werk gescheiden"),
}
NO_DOUBT_CHAPTER = (1, CODE_OF_CONDUCT, "De regels gelden ook online")

# One line per question answered "nee": what the answer says, without any doubt in it.
NO_TEXT = {
    "colleagues": "Je kunt je collega's niet meer recht in de ogen kijken als dit bericht "
    "online staat.",
    "manager": "Je leidinggevende zou dit bericht niet goedkeuren.",
    "newspaper": "Je voelt je niet op je gemak als dit bericht morgen in de krant staat.",
}
# One line per question answered "weet ik niet".
DOUBT_TEXT = {
    "colleagues": "Je weet niet zeker of je je collega's nog recht in de ogen kunt kijken.",
    "manager": "Je weet niet zeker of je leidinggevende dit bericht zou goedkeuren.",
    "newspaper": "Je weet niet zeker of je je op je gemak voelt als dit bericht morgen in de "
    "krant staat.",
}

HEADLINES = {
    POST: "Je kunt je bericht plaatsen",
    DONT_POST: "Plaats dit bericht niet",
    WAIT: "Twijfel je? Plaats je bericht nog niet",
}
HOW_MANY = {1: "één vraag", 2: "twee vragen", 3: "alle drie de vragen"}

POST_INTRO = (
    "Je kunt je collega's recht in de ogen kijken, je leidinggevende zou het goedkeuren en je "
    "voelt je op je gemak als het morgen in de krant staat. Dat is een goed teken. Blijf wel "
    "binnen de Gedragscode Integriteit Rijk."
)
DONT_POST_INTRO = (
    "Je antwoordde nee op {how_many}. Eén keer nee is al genoeg: doe het niet, en denk er nog "
    "eens goed over na."
)
WAIT_INTRO = (
    "Je weet het bij {how_many} niet zeker. Twijfel is een goede reden om even te wachten en er "
    "met iemand over te praten."
)

POST_STEPS = (
    "De bestaande regels gelden ook online.",
    "Bewaak het onderscheid tussen jou als privépersoon en als ambtenaar.",
    "Houd je deelname zorgvuldig, gericht en gedoseerd.",
    "Twijfel je later toch? Je kunt een bericht meestal nog aanpassen of verwijderen. "
    "Doe dat dan snel.",
)
DONT_POST_STEPS = (
    "Plaats het bericht niet. Dat is een goede keuze.",
    "Wil je toch iets over dit onderwerp zeggen? Schrijf dan een ander bericht en doe de "
    "zelftoets opnieuw. Plaats het pas als je drie keer ja antwoordt.",
    "Staat het bericht al online? Pas het dan aan of haal het weg. Doe dat snel.",
)
DONT_POST_AND_DOUBT_STEP = (
    "Weet je bij een andere vraag iets niet zeker? Bespreek dat met een collega of met je "
    "leidinggevende."
)
WAIT_STEPS = (
    "Bespreek je bericht met een collega of met je leidinggevende.",
    "Lees wat de handreiking zegt over de vragen waarbij je twijfelt. De links staan hieronder.",
    "Pas je bericht aan tot je alle drie de vragen met „ja” kunt beantwoorden.",
    "Of besluit om het niet te plaatsen. Ook dat is een goede keuze.",
)
STEPS_TITLES = {
    POST: "Denk er nog even aan",
    DONT_POST: "Wat kun je doen?",
    WAIT: "Wat kun je doen?",
}


@dataclass(frozen=True)
class AdviceLink:
    title: str
    url: str
    reason: str


@dataclass(frozen=True)
class Advice:
    """What the advice page says. `noes` has a line per question answered "nee", `doubts` one per
    question answered "weet ik niet"; both in the order of the questions."""

    verdict: str
    headline: str
    intro: str
    noes: tuple[str, ...]
    doubts: tuple[str, ...]
    steps_title: str
    steps: tuple[str, ...]
    links: tuple[AdviceLink, ...]

    @property
    def post_now(self) -> bool:
        return self.verdict == POST


def advice_for(
    *, colleagues: str, manager: str, newspaper: str, topic: str = "", version: str | None = None
) -> Advice:
    """The advice for these answers. Memoised in this process per content version (27 × 6
    combinations): nothing about anyone's answers goes to a shared cache. `version`, when the
    caller already read it, saves a query."""
    if version is None:
        version = ContentVersion.objects.current()
    return _advice(version, colleagues, manager, newspaper, topic)


def advice_without_links(*, colleagues: str, manager: str, newspaper: str) -> Advice:
    """The same advice without the chapters to read: for when the database cannot be asked for
    them, after a submission was already kept (its answer must not be an error page)."""
    answers = {"colleagues": colleagues, "manager": manager, "newspaper": newspaper}
    return _compose(answers, links=())


def verdict_for(answers: dict[str, str]) -> str:
    """The newspaper test: one "nee" means don't; otherwise one "weet ik niet" means wait."""
    values = [answers[name] for name in QUESTIONS]
    if Answer.NO in values:
        return DONT_POST
    if any(value != Answer.YES for value in values):
        return WAIT
    return POST


@lru_cache(maxsize=512)
def _advice(version: str, colleagues: str, manager: str, newspaper: str, topic: str) -> Advice:
    answers = {"colleagues": colleagues, "manager": manager, "newspaper": newspaper}
    return _compose(answers, links=_links(answers, topic))


def _compose(answers: dict[str, str], *, links: tuple["AdviceLink", ...]) -> Advice:
    noes = [name for name in QUESTIONS if answers[name] == Answer.NO]
    doubts = [name for name in QUESTIONS if answers[name] not in (Answer.YES, Answer.NO)]
    verdict = verdict_for(answers)
    if verdict == POST:
        intro, steps = POST_INTRO, POST_STEPS
    elif verdict == DONT_POST:
        intro = DONT_POST_INTRO.format(how_many=HOW_MANY[len(noes)])
        steps = DONT_POST_STEPS + ((DONT_POST_AND_DOUBT_STEP,) if doubts else ())
    else:
        intro, steps = WAIT_INTRO.format(how_many=HOW_MANY[len(doubts)]), WAIT_STEPS
    return Advice(
        verdict=verdict,
        headline=HEADLINES[verdict],
        intro=intro,
        noes=tuple(NO_TEXT[name] for name in noes),
        doubts=tuple(DOUBT_TEXT[name] for name in doubts),
        steps_title=STEPS_TITLES[verdict],
        steps=steps,
        links=links,
    )


def _links(answers: dict[str, str], topic: str) -> tuple[AdviceLink, ...]:
    """The chapters that help with each question not answered "ja", then with the topic; with
    three times "ja", the Gedragscode. One link per place, naming every reason to read it."""
    wanted = [DOUBT_CHAPTERS[name] for name in QUESTIONS if answers[name] != Answer.YES]
    all_yes = not wanted
    if topic in TOPIC_CHAPTERS:
        wanted.append(TOPIC_CHAPTERS[topic])
    if all_yes:
        wanted.append(NO_DOUBT_CHAPTER)
    fields = ("pk", "number", "title", "slug", "toc")
    numbers = {number for number, _anchor, _reason in wanted}
    chapters = {
        c.number: c for c in Chapter.objects.published().filter(number__in=numbers).only(*fields)
    }
    titles: dict[str, str] = {}
    reasons: dict[str, list[str]] = {}
    for number, anchor, reason in wanted:
        chapter = chapters.get(number)
        if chapter is None:
            continue
        sections = {entry["id"]: entry["title"] for entry in chapter.toc}
        url = chapter.get_absolute_url() + (f"#{anchor}" if anchor in sections else "")
        if url not in titles:
            # One link text per place (WCAG 2.4.4): a link to a section names the section and
            # its chapter, a link to a whole chapter names the chapter.
            if anchor in sections:
                titles[url] = f"{sections[anchor]} (hoofdstuk {number})"
            else:
                titles[url] = f"Hoofdstuk {number}: {chapter.title}"
            reasons[url] = []
        if reason not in reasons[url]:
            reasons[url].append(reason)
    return tuple(
        AdviceLink(title=titles[url], url=url, reason=_join(reasons[url])) for url in titles
    )


def _join(reasons: list[str]) -> str:
    """ "A" and "B" as "A; b": one sentence for a link that helps in more than one way."""
    first, *rest = reasons
    return "; ".join([first, *(reason[:1].lower() + reason[1:] for reason in rest)])

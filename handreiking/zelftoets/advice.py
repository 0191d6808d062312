"""The personal advice after the newspaper test: which doubts, and which chapters help."""

from dataclasses import dataclass
from functools import lru_cache

from handreiking.models import Answer, Chapter, ContentVersion, Topic

# The anchor of the Gedragscode section in chapter 1, where several answers lead.
CODE_OF_CONDUCT = "wat-zegt-de-gedragscode-integriteit-rijk"

# Which chapter (by number, with a section anchor) helps with which doubt.
DOUBT_CHAPTERS = {
    "colleagues": (3, "", "Integriteit en professioneel werken gaan samen"),
    "manager": (1, CODE_OF_CONDUCT, "Wat de Gedragscode zegt"),
    "newspaper": (3, "", "De krantentest: twijfel over je bijdrage"),
}
TOPIC_CHAPTERS = {
    Topic.WORK: (1, "", "Laten zien waar je aan werkt"),
    Topic.NEWS: (2, "", "Eerst luisteren: online media als bron"),
    Topic.NETWORK: (1, "", "Online netwerken als ambassadeur"),
    Topic.PRIVATE: (1, CODE_OF_CONDUCT, "Privé en werk gescheiden"),
}
NO_DOUBT_CHAPTER = (1, CODE_OF_CONDUCT, "De regels gelden ook online")
DOUBT_TEXT = {
    "colleagues": "je weet niet zeker of je je collega's nog recht in de ogen kunt kijken",
    "manager": "je weet niet zeker of je leidinggevende het goed zou vinden",
    "newspaper": "je voelt je niet helemaal op je gemak als het morgen in de krant staat",
}


@dataclass(frozen=True)
class AdviceLink:
    title: str
    url: str
    reason: str


@dataclass(frozen=True)
class Advice:
    post_now: bool
    doubts: list[str]
    links: list[AdviceLink]


def advice_for(*, colleagues: str, manager: str, newspaper: str, topic: str = "") -> Advice:
    """The advice for these answers. Memoised in this process per content version (27 × 6
    combinations): nothing about anyone's answers goes to a shared cache."""
    return _advice(ContentVersion.objects.current(), colleagues, manager, newspaper, topic)


@lru_cache(maxsize=512)
def _advice(version: str, colleagues: str, manager: str, newspaper: str, topic: str) -> Advice:
    answers = {"colleagues": colleagues, "manager": manager, "newspaper": newspaper}
    doubts = [name for name, answer in answers.items() if answer != Answer.YES]
    wanted = [DOUBT_CHAPTERS[name] for name in doubts]
    if topic in TOPIC_CHAPTERS:
        wanted.append(TOPIC_CHAPTERS[topic])
    if not doubts:
        wanted.append(NO_DOUBT_CHAPTER)
    fields = ("pk", "number", "title", "slug", "toc")
    numbers = {number for number, _anchor, _reason in wanted}
    chapters = {
        c.number: c for c in Chapter.objects.published().filter(number__in=numbers).only(*fields)
    }
    links: list[AdviceLink] = []
    seen: set[str] = set()
    for number, anchor, reason in wanted:
        chapter = chapters.get(number)
        if chapter is None:
            continue
        sections = {entry["id"]: entry["title"] for entry in chapter.toc}
        url = chapter.get_absolute_url() + (f"#{anchor}" if anchor in sections else "")
        if url not in seen:
            seen.add(url)
            # One link text per place (WCAG 2.4.4): a link to a section names the section and
            # its chapter, a link to a whole chapter names the chapter.
            if anchor in sections:
                title = f"{sections[anchor]} (hoofdstuk {number})"
            else:
                title = f"Hoofdstuk {number}: {chapter.title}"
            links.append(AdviceLink(title=title, url=url, reason=reason))
    return Advice(post_now=not doubts, doubts=[DOUBT_TEXT[name] for name in doubts], links=links)

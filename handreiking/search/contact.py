"""Who a reader can ask when search finds no answer: named on the "Geen resultaten" page.

Configurable with the environment variables SEARCH_ASK_WHO (who, in Dutch, as it reads after
"Vraag het") and SEARCH_ASK_URL (an optional link: an intranet page or a mailto: address the
organisation really has). Without them the page names a role every organisation has, and no
address: none is invented."""

from dataclasses import dataclass

from django.conf import settings

DEFAULT_WHO = "de communicatieadviseur van je organisatie"


@dataclass(frozen=True)
class Ask:
    who: str
    url: str = ""


def who_to_ask() -> Ask:
    who = settings.SEARCH_ASK_WHO or DEFAULT_WHO
    url = settings.SEARCH_ASK_URL
    safe = url if url.startswith(("https://", "http://", "mailto:", "/")) else ""
    return Ask(who=who, url=safe)

"""Words readers use for what the handreiking says in its own words: built-in synonym groups,
in the editors' format (terms separated by commas), used next to the editors' own list.

Written from the handreiking's text, word by word (its topics, their usual Dutch synonyms and
paraphrases, and the English a reader may mix in), not from the queries search is measured
on. The editors' list (admin, Synoniemen) adds to it; a term here cannot be switched off in
the admin, so a group belongs here only when it holds whatever the handreiking says. The
Django setting SEARCH_GLOSSARY = False leaves it out (tests that choose their own synonyms)."""

from django.conf import settings

GROUPS = (
    # Chapter 1: networking, outward-looking civil servants, support, approachability.
    "netwerk, netwerken, contacten, connecties, relaties, network, networking, connections",
    "buitenkans, kans, kansen, gelegenheid, opportunity",
    "vraagstuk, kwestie, dossier, issue",
    "informatie, kennis, expertise, information, knowledge",
    "gesprek, gesprekken, conversatie, dialoog, conversation, dialogue",
    "buiten, extern, externe, buitenwereld, buitenstaanders, external",
    "werkzaamheden, taken, bezigheden, projecten, project",
    "draagvlak, steun, support, acceptatie, buy-in",
    "benaderbaar, bereikbaar, aanspreekbaar, toegankelijk, zichtbaar, approachable, visible",
    "doorverwijzen, verwijzen, doorsturen, refer",
    "samenleving, maatschappij, burgers, inwoners, society, citizens",
    "actief, deelnemen, participeren, active",
    "ambassadeur, uithangbord, visitekaartje, vertegenwoordiger, ambassador, representative",
    "ambtenaar, beleidsmedewerker, beleidsmaker, civil servants, public servants, employee",
    # Chapter 1, the code of conduct: rules, private and official roles, measured taking part.
    "gedragscode, gedragsregels, gedragsnormen, integriteitsregels, code of conduct, guidelines",
    "privé, privépersoon, privéleven, persoonlijk, persoonlijke, personal, private",
    "functie, rol, rollen, pet, petten, hoedanigheid, role",
    "zorgvuldig, voorzichtig, bedachtzaam, careful",
    "gedoseerd, met mate, matig, maat houden, beperkt, moderate",
    # Chapter 2: online listening, what lives in society, no need for followers.
    "ervaringen, beleving, belevingen, verhalen, experiences",
    "nieuwsgierig, benieuwd, curious",
    "rondkijken, rond kijken, verkennen, scrollen, browsen",
    "beleid, policy, maatregelen",
    "leeft, speelt, signalen, trends, sentiment",
    "luisteren, horen, listen, listening",
    "twitteraar, tweeter",
    "vlogger, youtuber, influencer, contentmaker, content creator",
    "volgers, followers, fans, achterban, bereik",
    # Chapter 3: in public, thinking before sharing, doubt, the newspaper test.
    "openbaarheid, openbaar, publiek, public",
    "gedachten, ideeën, thoughts, ideas",
    "nadenken, denken, overwegen, afwegen, bedenken, beslissen, think",
    "raadzaam, verstandig, wijs, advisable",
    "twijfel, twijfels, twijfelgeval, twijfelgevallen, doubt, unsure",
    "recht in de ogen kijken, schamen, schaamte, ashamed",
    "goedkeuring, fiat, akkoord, oké, approve, approval",
    "gemak, comfortabel, gerust, comfortable",
    "krant, kranten, krantenkop, krantenkoppen, voorpagina, newspaper, headline, headlines",
)


def groups() -> tuple[str, ...]:
    return GROUPS if settings.SEARCH_GLOSSARY else ()

"""The zelftoets scrubber: readable examples per kind of personal data, and the thresholds over
the corpus in tests/scrub_corpus.py and over both halves of the blind round in
tests/scrub_round3.py (at least 95 % of items removed, at most 1 in 25 ordinary texts changed;
the held-out half was never used for tuning). No database needed."""

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from handreiking.zelftoets import wordlists
from handreiking.zelftoets.scrubbing import (
    REMOVED_DESCRIPTION,
    is_valid_iban,
    passes_eleven_test,
    scrub,
)
from tests.scrub_corpus import CATEGORIES, CORPUS
from tests.scrub_round3 import HOLDOUT, TUNE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail jan.jansen@minbzk.nl even", "Mail [e-mail] even"),
        ("Mail J.de.Vries+werk@rijksoverheid.nl", "Mail [e-mail]"),
        ("stuur het naar jan punt jansen apenstaartje minbzk punt nl", "stuur het naar [e-mail]"),
        ("mail jan[at]minbzk.nl of jan (at) minbzk (dot) nl", "mail [e-mail] of [e-mail]"),
        ("reach me: jan at minbzk dot nl", "reach me: [e-mail]"),
        ("Vragen? info@rijksoverheid.nl", "Vragen? [e-mail]"),
        ("bel 06-12345678", "bel [telefoonnummer]"),
        ("bel 0612345678.", "bel [telefoonnummer]."),
        ("bel 06 1234 5678", "bel [telefoonnummer]"),
        ("bel +31 6 1234 5678", "bel [telefoonnummer]"),
        ("bel +31612345678", "bel [telefoonnummer]"),
        ("bel +31 (0)6 12 34 56 78", "bel [telefoonnummer]"),
        ("bel 0031 6 12345678", "bel [telefoonnummer]"),
        ("bel 020-1234567", "bel [telefoonnummer]"),
        ("bel (070) 123 45 67", "bel [telefoonnummer]"),
        ("bel 070 - 123 45 67", "bel [telefoonnummer]"),
        ("bel +32 470 12 34 56", "bel [telefoonnummer]"),
        ("bel +44 20 7946 0958", "bel [telefoonnummer]"),
        ("mijn bsn is 111222333", "mijn bsn is [bsn]"),
        ("bsn 1112.22.333", "bsn [bsn]"),
        ("bsn 111 222 333", "bsn [bsn]"),
        ("iban NL91ABNA0417164300", "iban [iban]"),
        ("iban NL91 ABNA 0417 1643 00", "iban [iban]"),
        ("iban nl91abna0417164300", "iban [iban]"),
        ("iban DE89370400440532013000", "iban [iban]"),
        ("rekening BE68 5390 0754 7034 want", "rekening [iban] want"),
        ("zie https://www.linkedin.com/in/jan-jansen-1a2b3c/", "zie [profiel]"),
        ("zie linkedin.com/in/janjansen", "zie [profiel]"),
        ("zie https://x.com/janjansen en twitter.com/jj", "zie [profiel] en [profiel]"),
        ("zie https://www.tiktok.com/@janjansen.", "zie [profiel]."),
        ("volg @janjansen op X", "volg [profiel] op X"),
        ("Mastodon: @sanne@mastodon.social", "Mastodon: [profiel]"),
        ("Ik zit op https://social.overheid.nl/@pdekker", "Ik zit op [profiel]"),
        ("Ik woon op de Kerkstraat 12a in Utrecht.", "Ik woon op de [adres] in Utrecht."),
        ("postcode 2511 BT", "postcode [adres]"),
        ("Ik ben geboren op 12-03-1985.", "Ik ben geboren op [geboortedatum]."),
        ("geb. 12 maart 1985", "geb. [geboortedatum]"),
        ("geboortedatum: 1985-03-12", "geboortedatum: [geboortedatum]"),
        ("kenteken AB-12-34 en 12-ABC-3", "kenteken [kenteken] en [kenteken]"),
        ("mijn kenteken is 85TKS8", "mijn kenteken is [kenteken]"),
        ("IP 84.241.12.7 en 2001:db8::8a2e:370:7334", "IP [ip-adres] en [ip-adres]"),
        ("Mijn paspoortnummer is NW92KL8D3.", "Mijn paspoortnummer is [documentnummer]."),
        ("Mijn manager Sanne de Vries vond het goed.", "Mijn manager [naam] vond het goed."),
        ("mijn naam is sanne", "mijn naam is [naam]"),
        ("Ik ben Ahmed en werk bij BZK.", "Ik ben [naam] en werk bij BZK."),
        ("Anouk van 't Hof en Bram in 't Veld", "[naam] en [naam]"),
        ("Ik mailde mw. Bakker en dhr. Van der Linden.", "Ik mailde mw. [naam] en dhr. [naam]."),
        ("De reactie van J. de Vries was fel.", "De reactie van [naam] was fel."),
        ("Ik tagde @Sanne de Vries op LinkedIn.", "Ik tagde [naam] op LinkedIn."),
        ("Volgens Mark is het beter.", "Volgens [naam] is het beter."),
        ("Groetjes, Yvonne", "Groetjes, [naam]"),
    ],
)
def test_personal_data_is_replaced(text, expected):
    result = scrub(text)
    assert result.text == expected
    assert result.had_personal_data


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The misses named in the issue about the second blind round.
        ("ik sprak ans erover bij de koffie", "ik sprak [naam] erover bij de koffie"),
        ("ik vroeg het aan thomas", "ik vroeg het aan [naam]"),
        (
            "laten lezen aan lotte van den berg van communicatie",
            "laten lezen aan [naam] van communicatie",
        ),
        ("Hij is de zoon van de Boer.", "Hij is de zoon [naam]."),
        ("sanne bakker vond het te fel", "[naam] vond het te fel"),
        ("Ik ben op 12 maart 1979 geboren.", "Ik ben op [geboortedatum] geboren."),
        ("Ik woon in 7411 GB en werk in Zwolle.", "Ik woon in [adres] en werk in Zwolle."),
        (
            "mijn rijbewijsnummer 5123456789 stond erop",
            "mijn rijbewijsnummer [documentnummer] stond erop",
        ),
        (
            "mijn personeelsnummer 7654321 in de tweet",
            "mijn personeelsnummer [documentnummer] in de tweet",
        ),
        ("en mijn pers.nr. 1234567 op de badge", "en mijn pers.nr. [documentnummer] op de badge"),
        # The same rules, a little wider.
        ("mijn zus noor snapt het", "mijn zus [naam] snapt het"),
        ("maar jeroen twijfelde", "maar [naam] twijfelde"),
        ("mevrouw van der linden belde", "mevrouw [naam] belde"),
        ("Storm zei dat ik moest posten.", "[naam] zei dat ik moest posten."),
        ("Roos en ik twijfelden.", "[naam] en ik twijfelden."),
        ("De Jong, mijn afdelingshoofd, zag het.", "[naam], mijn afdelingshoofd, zag het."),
        ("Mevrouw De Koning belde me.", "Mevrouw [naam] belde me."),
        ("Bakker zei dat het niet kon.", "[naam] zei dat het niet kon."),
        ("6711 AB Ede", "[adres] Ede"),
        (
            "nummer is nul zes een negen vier vier twee acht zeven drie, bel",
            "nummer is [telefoonnummer], bel",
        ),
        ("mail: jan.jansen@minbzk (zonder .nl)", "mail: [e-mail] (zonder .nl)"),
    ],
)
def test_names_and_numbers_of_the_second_blind_round(text, expected):
    assert scrub(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ik twijfel over een bericht over ons nieuwe beleid.",
        "Sinds 2019 werk ik 36 uur per week; 1.250 volgers.",
        "Zie https://www.rijksoverheid.nl/onderwerpen/ambtenaren",
        "Het nummer 123456789 is geen BSN (elfproef faalt).",
        "Geen iban: DE00370400440532013000.",
        "Ik zag het op LinkedIn en X.",
        "Het overleg is op 01-03-2024 14:30 in Den Haag.",
        "Op 06-03-2024 om 12:00 plaatste ik het bericht.",
        "Het gaat om 130.000.000 euro, of € 1.250,50 per deelnemer.",
        "Volgens artikel 125a en Kamerstuk 36 200 VII, nr. 12.",
        "De wet gaat in op 1 januari 2025; versie 2.1.3 en 12,5% erbij.",
        "Ik ben van 2019 tot 2022 woordvoerder geweest.",
        "Wil je dat ik het eerst aan je voorleg?",
        "Ik ben bang dat het verkeerd valt.",
        "Lieve collega's, bedankt voor jullie reacties.",
        "De Raad van State en de Tweede Kamer in Den Haag.",
        "Koning Willem-Alexander opende het Anne Frank Huis niet.",
        "I looked at the data and it was fine.",
        "Ik volg @Rijksoverheid en @MinBZK op X.",
        "Een NH-90 en een F-35 stonden op de foto, sinds COVID-19.",
        "Windows 11, Python 3.11 en versie 10.0.1.2 van het CMS.",
        "In Rotterdam 12 jaar gewerkt, nu in Den Haag.",
        # Names that are words, in lower case or at the start of a sentence, stay words.
        "Een storm aan reacties, en hoop dat niemand het zag; ik wil het niet.",
        "Hoop dat niemand het screenshot heeft gemaakt.",
        "Daarom koos ik voor een foto van de dia's; eind jan meer.",
        "Eerst vond ik het een goed idee. De Kuip was vol.",
        "Een laptop met 1024 GB, een bestand van 1500 MB; in 2024 AI gaan gebruiken.",
        "Mijn rijbewijs kostte 2350 euro en ik heb het sinds 2005.",
        "Sessies staan in django_session, de foto in thomas.jpg.",
    ],
)
def test_ordinary_text_is_left_alone(text):
    result = scrub(text)
    assert result.text == text
    assert not result.had_personal_data
    assert result.kinds == frozenset()


def test_kinds_name_the_tokens_used():
    result = scrub("Sanne de Vries, sanne@minbzk.nl, 06-12345678, Sanne de Vries")
    assert result.text == "[naam], [e-mail], [telefoonnummer], [naam]"
    assert result.kinds == {"[naam]", "[e-mail]", "[telefoonnummer]"}


def test_the_text_is_normalised_first():
    # Non-breaking space, non-breaking hyphen, full-width digits and a zero-width space.
    result = scrub("bel 06\u00a012345678, 06\u201112345678 of ０６１２３４５６７８\u200b.")
    assert result.text == "bel [telefoonnummer], [telefoonnummer] of [telefoonnummer]."
    assert scrub("Café\u00a0om\u00a09:00").text == "Café om 9:00"


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("111222333", True),
        ("123456782", True),
        ("1112.22.333", True),
        ("123456789", False),
        ("000000000", False),
        ("11122233", False),
    ],
)
def test_eleven_test(number, valid):
    assert passes_eleven_test(number) is valid


@pytest.mark.parametrize(
    ("candidate", "valid"),
    [
        ("NL91ABNA0417164300", True),
        ("nl91 abna 0417 1643 00", True),
        ("DE89370400440532013000", True),
        ("GB29NWBK60161331926819", True),
        ("NL12RABO0123456789", True),  # Dutch-shaped: a typo in the checksum is still personal
        ("DE00370400440532013000", False),
        ("NL91ABNA04171643", False),
    ],
)
def test_iban(candidate, valid):
    assert is_valid_iban(candidate) is valid


def test_the_description_names_every_kind_of_data():
    for word in ("namen", "e-mail", "telefoon", "adres", "postcode", "geboorte", "BSN", "IBAN"):
        assert word in REMOVED_DESCRIPTION
    for word in ("kenteken", "IP-adres", "paspoort", "ID-nummer", "profiel"):
        assert word in REMOVED_DESCRIPTION


def test_the_scrubber_needs_no_django():
    code = "import sys, handreiking.zelftoets.scrubbing; print('django' in sys.modules)"
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# The corpus


def measure(cases=CORPUS) -> tuple[Counter, Counter, list[str], int, list[str]]:
    found, removed, changed, ordinary, lost = Counter(), Counter(), [], 0, []
    for case in cases:
        result = scrub(case.text)
        if not case.remove:
            ordinary += 1
            if result.text != case.text:
                changed.append(case.text)
        for category, item in case.remove:
            found[category] += 1
            removed[category] += item not in result.text
        lost += [keep for keep in case.keep if keep not in result.text]
    return found, removed, changed, ordinary, lost


def test_scrubbing_twice_changes_nothing_more():
    for case in CORPUS + TUNE + HOLDOUT:
        once = scrub(case.text).text
        again = scrub(once)
        assert again.text == once
        assert not again.had_personal_data


def test_the_corpus_is_large_and_annotated():
    assert len(CORPUS) >= 250
    found, _, _, ordinary, _ = measure()
    assert ordinary >= 150
    assert set(found) == set(CATEGORIES)


def test_at_least_95_percent_of_personal_data_is_removed():
    found, removed, *_ = measure()
    assert sum(removed.values()) / sum(found.values()) >= 0.95
    for category in CATEGORIES:  # a category with a handful of items may lose one
        assert removed[category] / found[category] >= 0.9, category


def test_at_most_one_in_25_ordinary_texts_changes():
    _, _, changed, ordinary, lost = measure()
    assert len(changed) / ordinary <= 1 / 25, changed
    assert lost == []  # amounts, dates and numbers in texts with personal data stay too


@pytest.mark.parametrize(("half", "cases"), [("tuned", TUNE), ("held out", HOLDOUT)])
def test_the_blind_round_in_both_halves(half, cases):
    """Round 3 (tests/scrub_round3.py) was written blind and split in two; the scrubber was
    tuned on the first half only. Both halves: at least 95 % of the direct identifiers removed
    (held out: 98 of 101 on 2026-12-07), at most 1 of the 30 ordinary texts changed, and what
    must stay stays. Failures give figures, not texts, so that nobody tunes on the held-out
    half: bench/bench_scrubbing.py lists the tuned half's misses."""
    found, removed, changed, ordinary, lost = measure(cases)
    total, gone = sum(found.values()), sum(removed.values())
    assert total >= 100 and ordinary == 30, half
    assert gone / total >= 0.95, f"{half}: {gone} of {total} removed"
    assert len(changed) <= 1, f"{half}: {len(changed)} of {ordinary} ordinary texts changed"
    assert not lost, f"{half}: {len(lost)} pieces that must stay went missing"


def test_inputs_built_to_be_slow_still_come_back_scrubbed():
    """Backtracking bait gives a normal answer; how fast is measured by
    bench/bench_scrubbing.py, never asserted here (the machine is noisy)."""
    samples = [
        " ".join(case.text for case in CORPUS)[:4000],
        "jan punt jansen punt " * 200,
        "Aa.Bb." * 666,
        "Sanne de Vries van der " * 180,
        "06 12 34 56 78 " * 270,
        "a@" * 2000,
    ]
    for sample in samples:
        result = scrub(sample[:4000])
        assert len(result.text) <= len(sample[:4000]) + 20 * result.text.count("[")


def test_the_lists_load_once_per_process():
    wordlists.lexicon.cache_clear()
    assert wordlists.lexicon() is wordlists.lexicon()

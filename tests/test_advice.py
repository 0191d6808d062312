"""The zelftoets advice for every combination of answers, following the newspaper test
(krantentest): a "nee" means don't post, a "weet ik niet" is doubt, three times "ja" means go
ahead within the Gedragscode."""

import html
import itertools
import re

import pytest

from handreiking.zelftoets import advice as advice_module
from handreiking.zelftoets.advice import DONT_POST, POST, WAIT, advice_for
from handreiking.zelftoets.padding import ADVICE_PAGE_BYTES

pytestmark = pytest.mark.django_db

URL = "/zelftoets/"
ANSWERS = ("ja", "nee", "weet-niet")
QUESTIONS = ("colleagues", "manager", "newspaper")
COMBINATIONS = list(itertools.product(ANSWERS, repeat=3))
TOPICS = ("", "netwerken")
DOUBT_WORDS = re.compile(r"twijfel|niet zeker|weet niet|weet ik niet", re.I)

HEADLINES = {
    POST: "Je kunt je bericht plaatsen",
    DONT_POST: "Plaats dit bericht niet",
    WAIT: "Twijfel je? Plaats je bericht nog niet",
}


def expected_verdict(answers: tuple[str, str, str]) -> str:
    """The newspaper test, written out once more: one "nee" is enough not to post."""
    if "nee" in answers:
        return DONT_POST
    if "weet-niet" in answers:
        return WAIT
    return POST


def advice_of(answers: tuple[str, str, str], topic: str = ""):
    return advice_for(**dict(zip(QUESTIONS, answers, strict=True)), topic=topic)


def advice_main(client, answers: tuple[str, str, str], topic: str = "") -> str:
    data = dict(zip(QUESTIONS, answers, strict=True))
    response = client.post(URL, {**data, "topic": topic, "delen": "nee"})
    assert response.status_code == 200
    return html.unescape(re.search(r"<main.*?</main>", response.content.decode(), re.S)[0])


def test_there_are_27_combinations_and_each_verdict_occurs():
    assert len(set(COMBINATIONS)) == 27
    verdicts = [expected_verdict(answers) for answers in COMBINATIONS]
    assert verdicts.count(POST) == 1
    assert verdicts.count(WAIT) == 7  # ja or weet-niet, at least one weet-niet
    assert verdicts.count(DONT_POST) == 19  # at least one nee


@pytest.mark.parametrize("topic", TOPICS)
@pytest.mark.parametrize("answers", COMBINATIONS, ids="-".join)
def test_headline_and_lines_follow_the_newspaper_test(answers, topic):
    advice = advice_of(answers, topic)
    verdict = expected_verdict(answers)
    assert advice.verdict == verdict
    assert advice.headline == HEADLINES[verdict]
    assert advice.post_now is (answers == ("ja", "ja", "ja"))
    # One line per "nee" and one per "weet ik niet", in the order of the questions.
    assert len(advice.noes) == answers.count("nee")
    assert len(advice.doubts) == answers.count("weet-niet")
    for line in advice.noes:
        assert not DOUBT_WORDS.search(line), line
        assert " niet " in line
    for line in advice.doubts:
        assert "niet zeker" in line
    if verdict == DONT_POST:
        # A "nee" is never worded as doubt: not in the headline, the intro, or its lines.
        assert not DOUBT_WORDS.search(advice.headline + advice.intro)
        assert "nee" in advice.intro
        assert "Plaats het bericht niet." in advice.steps[0]
    elif verdict == WAIT:
        assert "niet zeker" in advice.intro
        assert "Bespreek je bericht met een collega of met je leidinggevende." in advice.steps
    else:
        assert "Gedragscode Integriteit Rijk" in advice.intro
        assert "De bestaande regels gelden ook online." in advice.steps
    assert advice.links


@pytest.mark.parametrize("answers", COMBINATIONS, ids="-".join)
def test_the_page_shows_the_advice_and_nee_never_reads_as_doubt(client, answers):
    main = advice_main(client, answers)
    verdict = expected_verdict(answers)
    panel = re.search(r'<div class="panel panel--([a-z-]+)">\s*<h1>(.*?)</h1>', main)
    assert panel.groups() == (verdict, HEADLINES[verdict])
    assert ("Hier antwoordde je nee" in main) is ("nee" in answers)
    assert ("Hier twijfel je" in main) is ("weet-niet" in answers)
    if "weet-niet" not in answers and "nee" in answers:
        # Only firm answers: no word of doubt anywhere in the advice.
        assert not DOUBT_WORDS.search(main), DOUBT_WORDS.search(main)[0]


def test_three_times_nee_is_a_clear_no(client):
    main = advice_main(client, ("nee", "nee", "nee"))
    assert "Plaats dit bericht niet" in main
    assert "nee op alle drie de vragen" in main
    assert "Je twijfelt" not in main
    assert "weet niet zeker" not in main


def test_a_nee_next_to_doubt_advises_not_to_post_and_links_the_chapters_that_apply(client):
    main = advice_main(client, ("ja", "nee", "weet-niet"), "netwerken")
    assert "Plaats dit bericht niet" in main
    assert "Je leidinggevende zou dit bericht niet goedkeuren." in main
    assert "Bespreek dat met een collega of met je leidinggevende." in main
    links = re.findall(r'<a href="(/handreiking/[^"]+)"', main)
    assert any(link.endswith("#wat-zegt-de-gedragscode-integriteit-rijk") for link in links)
    assert any("integriteit-en-professionele" in link for link in links)
    for link in links:
        assert client.get(link.split("#")[0]).status_code == 200


def test_doubt_without_a_nee_advises_to_wait_and_talk_it_over(client):
    main = advice_main(client, ("ja", "weet-niet", "weet-niet"))
    assert "Plaats je bericht nog niet" in main
    assert "Plaats dit bericht niet" not in main
    assert "Bespreek je bericht met een collega of met je leidinggevende." in main


@pytest.mark.parametrize("question", QUESTIONS)
def test_each_question_not_answered_yes_links_the_chapter_that_helps(client, question):
    number, anchor, reason = advice_module.DOUBT_CHAPTERS[question]
    for answer in ("nee", "weet-niet"):
        answers = tuple(answer if name == question else "ja" for name in QUESTIONS)
        links = advice_of(answers).links
        assert len(links) == 1
        assert links[0].reason == reason
        assert f"hoofdstuk {number}" in links[0].title.lower()
        if anchor:
            assert links[0].url.endswith(f"#{anchor}")
        assert client.get(links[0].url.split("#")[0]).status_code == 200


def test_a_chapter_that_helps_twice_is_linked_once_with_both_reasons():
    links = advice_of(("nee", "ja", "weet-niet")).links
    assert len(links) == 1
    assert links[0].reason.startswith(advice_module.DOUBT_CHAPTERS["colleagues"][2])
    assert "krantentest" in links[0].reason


def test_advice_is_memoised_in_this_process():
    advice_module._advice.cache_clear()
    first = advice_of(("ja", "nee", "weet-niet"), "werk")
    assert advice_of(("ja", "nee", "weet-niet"), "werk") is first
    assert advice_module._advice.cache_info().hits == 1


def test_the_advice_page_has_one_size_for_all_27_combinations(client, settings):
    settings.ZELFTOETS_RATE_LIMIT = "0"
    sizes = set()
    for answers, topic, delen in itertools.product(COMBINATIONS, TOPICS, ("ja", "nee")):
        data = dict(zip(QUESTIONS, answers, strict=True))
        response = client.post(URL, {**data, "topic": topic, "delen": delen})
        assert response.status_code == 200
        sizes.add(len(response.content))
    assert sizes == {ADVICE_PAGE_BYTES}

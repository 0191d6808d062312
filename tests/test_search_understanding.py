"""What issue 24 fixed, against the seed text and its synonyms: ordinary words never veto a
question, compounds split against general Dutch, one tokeniser, whole-word synonyms, a second
pass under an honest heading, and who to ask when nothing answers. Both databases."""

import pytest

from handreiking import search
from handreiking.models import SearchMiss
from handreiking.search.snapshot import forget
from tests.search_queries import GEDRAGSCODE, INTEGRITEIT, LUISTEREN

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_snapshot():
    forget()
    yield
    forget()


def first(query: str) -> str:
    outcome = search.search(query)
    if not outcome.results:
        return ""
    return outcome.results[0].url.removeprefix("/handreiking/").replace("/#", "#").rstrip("/")


def test_twee_is_not_tweet_and_weken_is_not_corrected(client):
    outcome = search.search("twee weken")
    assert (outcome.results, outcome.suggestion) == ([], "")
    assert "Bedoel je" not in client.get("/zoeken/", {"q": "twee weken"}).content.decode()


def test_x_alone_finds_nothing_but_tweets_still_find_twitter():
    assert search.search("x").results == []
    assert search.search("X").results == []
    assert search.search("tweets").results


def test_one_letter_words_count_for_nothing():
    assert first("v/d regels") == first("regels")
    assert first("can I share my opinion") == first("share my opinion")


def test_an_ordinary_word_does_not_veto_a_question():
    assert first("meelezen") == LUISTEREN
    assert first("is meelezen genoeg") == LUISTEREN
    assert first("luisteren naar burgers is dat genoeg") == LUISTEREN


def test_a_rare_word_the_text_lacks_still_counts():
    assert search.search("laptop aanvragen").results == []
    assert search.search("parkeerplek bij het ministerie").results == []


def test_a_compound_is_split_against_general_dutch():
    assert first("gedragsnormen") == GEDRAGSCODE


def test_a_compound_of_ordinary_words_is_not_about_the_text():
    assert search.search("thuiswerken").results == []
    assert search.search("werkdruk").results == []


def test_paraphrases_and_english_find_the_text_words():
    assert first("fiat van mijn manager") == INTEGRITEIT
    assert first("followers") == LUISTEREN


def test_the_second_pass_says_it_answers_part_of_the_question(client):
    query = "hoe beslis ik of een tweet te ver gaat"
    outcome = search.search(query)
    assert outcome.partial and outcome.results
    body = client.get("/zoeken/", {"q": query}).content.decode()
    assert "Geen onderdeel gaat over je hele vraag" in body
    assert "Deze onderdelen gaan over een deel van je vraag" in body
    api = client.get("/api/v1/zoeken", {"q": query}).json()["resultaten"]
    assert [r["url"] for r in api] == [r.url for r in outcome.results]


def test_a_partial_answer_is_counted_for_the_editors():
    search.search("hoe beslis ik of een tweet te ver gaat", record=True)
    assert SearchMiss.objects.filter(query="hoe beslis ik of een tweet te ver gaat").exists()


def test_a_strict_answer_is_not_called_partial(client):
    assert not search.search("goedkeuring baas").partial
    body = client.get("/zoeken/", {"q": "goedkeuring baas"}).content.decode()
    assert "over een deel van je vraag" not in body


def test_no_results_names_who_to_ask(client):
    body = client.get("/zoeken/", {"q": "vakantiedagen"}).content.decode()
    assert "Geen resultaten" in body
    assert "Vraag het de communicatieadviseur van je organisatie" in body


def test_who_to_ask_is_configurable(client, settings):
    settings.SEARCH_ASK_WHO = "de redactie van de handreiking"
    settings.SEARCH_ASK_URL = "/toegankelijkheid/"
    body = client.get("/zoeken/", {"q": "vakantiedagen"}).content.decode()
    assert 'Vraag het <a href="/toegankelijkheid/">de redactie van de handreiking</a>' in body


def test_a_link_to_ask_must_be_a_web_or_mail_address(client, settings):
    settings.SEARCH_ASK_URL = "javascript:alert(1)"
    body = client.get("/zoeken/", {"q": "vakantiedagen"}).content.decode()
    assert "javascript:" not in body

"""General word weights (handreiking.search.lexicon): ordinary words weigh little, rare ones
fully, from wordfreq's lists that ship with the package (no network). No database needed."""

from handreiking.search import lexicon


def test_the_dutch_list_is_there_offline():
    assert lexicon.zipf("genoeg") > 5


def test_an_ordinary_word_weighs_least_and_a_rare_one_fully():
    assert lexicon.generality("genoeg") == lexicon.LEAST
    assert lexicon.generality("help") == lexicon.LEAST
    assert lexicon.generality("vakantiedagen") == 1.0
    assert lexicon.generality("ouderschapsverlof") == 1.0


def test_an_inflected_form_is_as_usual_as_its_most_used_form():
    assert lexicon.zipf("beslis") >= lexicon.zipf("beslissen") - 1e-9
    assert lexicon.generality("beslis") < lexicon.generality("vakantiedagen")


def test_english_words_count_as_usual_too():
    assert lexicon.generality("would") == lexicon.LEAST
    assert lexicon.is_ordinary("would")


def test_a_usual_word_is_no_typo_but_a_misspelling_is():
    assert lexicon.is_usual("weken")
    assert not lexicon.is_usual("linkdin")
    assert not lexicon.is_usual("gedragscdoe")


def test_ordinary_means_every_word_of_a_phrase():
    assert lexicon.is_ordinary("thuis werken")
    assert not lexicon.is_ordinary("online meelezen")


def test_a_compound_part_must_be_a_usual_dutch_word():
    assert lexicon.is_word("normen")
    assert not lexicon.is_word("adeur")

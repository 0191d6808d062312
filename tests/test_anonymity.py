"""Personal data out of free text; a rate-limit key that reveals nothing; safe aggregates."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from handreiking.anonymity import (
    RateLimit,
    passes_eleven_test,
    rate_limit_key,
    rate_limit_setting,
    safe_breakdown,
    scrub,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail jan.jansen@minbzk.nl even", "Mail [e-mail] even"),
        ("Mail J.de.Vries+werk@rijksoverheid.nl", "Mail [e-mail]"),
        ("bel 06-12345678", "bel [telefoonnummer]"),
        ("bel 0612345678.", "bel [telefoonnummer]."),
        ("bel 06 1234 5678", "bel [telefoonnummer]"),
        ("bel +31 6 1234 5678", "bel [telefoonnummer]"),
        ("bel +31612345678", "bel [telefoonnummer]"),
        ("bel 0031 6 12345678", "bel [telefoonnummer]"),
        ("bel 020-1234567", "bel [telefoonnummer]"),
        ("bel (070) 123 45 67", "bel [telefoonnummer]"),
        ("bel 070 - 123 45 67", "bel [telefoonnummer]"),
        ("mijn bsn is 111222333", "mijn bsn is [bsn]"),
        ("bsn 1112.22.333", "bsn [bsn]"),
        ("bsn 111 222 333", "bsn [bsn]"),
        ("iban NL91ABNA0417164300", "iban [iban]"),
        ("iban NL91 ABNA 0417 1643 00", "iban [iban]"),
        ("iban nl91abna0417164300", "iban [iban]"),
        ("iban DE89370400440532013000", "iban [iban]"),
        ("zie https://www.linkedin.com/in/jan-jansen-1a2b3c/", "zie [profiel]"),
        ("zie linkedin.com/in/janjansen", "zie [profiel]"),
        ("zie https://x.com/janjansen en twitter.com/jj", "zie [profiel] en [profiel]"),
        ("zie https://www.facebook.com/jan.jansen.9", "zie [profiel]"),
        ("zie https://www.instagram.com/jan_jansen/", "zie [profiel]"),
        ("zie https://www.tiktok.com/@janjansen", "zie [profiel]"),
        ("volg @janjansen op X", "volg [profiel] op X"),
    ],
)
def test_personal_data_is_replaced(text, expected):
    result = scrub(text)
    assert result.text == expected
    assert result.had_personal_data


@pytest.mark.parametrize(
    "text",
    [
        "Ik twijfel over een bericht over ons nieuwe beleid.",
        "Sinds 2019 werk ik 36 uur per week; 1.250 volgers.",
        "Zie https://www.rijksoverheid.nl/onderwerpen/ambtenaren",
        "Het nummer 123456789 is geen BSN (elfproef faalt).",
        "Geen iban: DE00370400440532013000.",
        "Ik zag het op LinkedIn en X.",
    ],
)
def test_ordinary_text_is_left_alone(text):
    result = scrub(text)
    assert result.text == text
    assert not result.had_personal_data


@pytest.mark.parametrize(
    ("number", "valid"),
    [("111222333", True), ("123456782", True), ("123456789", False), ("000000000", False)],
)
def test_eleven_test(number, valid):
    assert passes_eleven_test(number) is valid


def test_rate_limit_key_is_keyed_and_reveals_no_address():
    key = rate_limit_key("192.0.2.44")
    assert "192.0.2.44" not in key
    assert key == rate_limit_key("192.0.2.44")
    assert key != rate_limit_key("192.0.2.45")


def test_rate_limit_key_depends_on_the_secret(settings):
    before = rate_limit_key("192.0.2.44")
    settings.SECRET_KEY = "another-secret"
    assert rate_limit_key("192.0.2.44") != before


@pytest.mark.parametrize(
    ("value", "expected"),
    [("10/600", RateLimit(10, 600)), ("0", RateLimit(0, 0)), (" 3/60 ", RateLimit(3, 60))],
)
def test_rate_limit_setting(value, expected):
    assert rate_limit_setting(value) == expected


@pytest.mark.parametrize("value", ["tien", "10", "10/0", "-1/60", "1/2/3"])
def test_bad_rate_limit_setting_is_refused(value):
    with pytest.raises(ImproperlyConfigured):
        rate_limit_setting(value)


def test_small_counts_are_shown_as_less_than_five_and_not_derivable():
    cells = safe_breakdown([("Ja", 40), ("Nee", 3), ("Weet ik niet", 12)])
    shown = {cell.label: cell.shown for cell in cells}
    assert shown["Nee"] == "< 5"
    # With the total known, one hidden cell could be worked out: the next smallest hides too.
    assert shown["Weet ik niet"] == "verborgen"
    assert shown["Ja"] == "40"


def test_two_small_counts_need_no_extra_hiding():
    shown = {c.label: c.shown for c in safe_breakdown([("a", 20), ("b", 2), ("c", 1)])}
    assert shown == {"a": "20", "b": "< 5", "c": "< 5"}


def test_a_group_under_five_is_not_shown_at_all():
    assert safe_breakdown([("Ja", 2), ("Nee", 2)]) is None


def test_zero_is_not_a_small_group():
    shown = {c.label: c.shown for c in safe_breakdown([("Ja", 9), ("Nee", 0)])}
    assert shown == {"Ja": "9", "Nee": "0"}

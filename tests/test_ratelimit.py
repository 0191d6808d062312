"""The zelftoets rate limit: its setting and a key that reveals no address."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from handreiking import clients
from handreiking.zelftoets.ratelimit import (
    RateLimit,
    client_address,
    rate_limit_key,
    rate_limit_setting,
)


def test_rate_limit_key_is_keyed_and_reveals_no_address():
    key = rate_limit_key("192.0.2.44", window=7)
    assert "192.0.2.44" not in key
    assert key == rate_limit_key("192.0.2.44", window=7)
    assert key != rate_limit_key("192.0.2.45", window=7)


def test_each_window_has_its_own_key_derived_from_secret_key_and_never_stored(settings):
    before = rate_limit_key("192.0.2.44", window=7)
    assert rate_limit_key("192.0.2.44", window=8).split(":")[-1] != before.split(":")[-1]
    settings.SECRET_KEY = "another-secret"
    assert rate_limit_key("192.0.2.44", window=7) != before
    assert not cache.get("zelftoets-rate-secret:7")


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "198.51.100.1", "10.0.0.9"),
        (1, "", "10.0.0.9"),
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "203.0.113.5, 198.51.100.1", "198.51.100.1"),
        (2, "203.0.113.5, 198.51.100.1", "203.0.113.5"),
        (2, "198.51.100.1", "10.0.0.9"),
    ],
)
def test_the_client_address_is_believed_as_far_as_trusted_proxies_vouch(
    settings, trusted, forwarded, expected
):
    settings.TRUSTED_PROXIES = trusted
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    request = RequestFactory().post("/zelftoets/", headers=headers, REMOTE_ADDR="10.0.0.9")
    assert client_address(request) == expected


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


def test_a_forwarded_header_without_trusted_proxies_warns_the_operator_once(settings, caplog):
    settings.TRUSTED_PROXIES = 0
    clients._Once.said = False
    request = RequestFactory().post(
        "/zelftoets/", headers={"X-Forwarded-For": "198.51.100.1"}, REMOTE_ADDR="10.0.0.9"
    )
    with caplog.at_level("WARNING", logger="handreiking.clients"):
        assert client_address(request) == "10.0.0.9"
        assert client_address(request) == "10.0.0.9"
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 1 and "TRUSTED_PROXIES" in warnings[0]
    assert "198.51.100.1" not in warnings[0] and "10.0.0.9" not in warnings[0]

"""The zelftoets rate limit: its setting and a key that reveals no address."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from handreiking.zelftoets.ratelimit import RateLimit, rate_limit_key, rate_limit_setting


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

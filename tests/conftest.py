import pytest
import redis
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Every test starts with an empty cache (rate-limit counters, cached pages)."""
    cache.clear()
    yield
    cache.clear()


REDIS_TEST_URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def redis_client(settings):
    """The cache switched to a real Redis (database 14), and a client to look inside it as
    another app instance or the operator would; skipped where no Redis runs."""
    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis runs nowhere on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "handreiking.cache.ResilientRedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": "handreiking-test",
        }
    }
    cache.clear()
    yield client
    cache.clear()


ROLE_GROUPS = {
    "anonymous": None,
    "editor": ["Redacteuren"],
    "reviewer": ["Beoordelaars"],
    "hr": ["HR"],
}


@pytest.fixture
def make_user(db):
    from tests.factories import UserFactory

    def make(role: str):
        return UserFactory(groups=ROLE_GROUPS[role])

    return make


@pytest.fixture
def editor(make_user):
    return make_user("editor")


@pytest.fixture
def reviewer(make_user):
    return make_user("reviewer")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def client_as(client, make_user):
    """A test client logged in with a role: anonymous, editor, reviewer or hr."""

    def login(role: str):
        if role != "anonymous":
            client.force_login(make_user(role))
        return client

    return login

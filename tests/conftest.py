import pytest
from django.conf import settings


def pytest_configure(config):
    # The manifest storage needs collectstatic; tests serve static files from the source tree.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Every test starts with an empty cache (rate-limit counters, cached pages)."""
    from django.core.cache import cache

    cache.clear()
    yield
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

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

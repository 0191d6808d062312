"""Settings for the test suite (`pytest --ds=portal.settings_test`, set in pyproject.toml).

Production settings (debug off) over plain HTTP, with a fixed test secret; HTTPS is tested in
separate processes. Static files come from the source tree: the manifest storage would need
`collectstatic` before every run."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("DJANGO_HTTPS", "0")
os.environ.setdefault("DJANGO_DEBUG", "0")

from portal.settings import *  # noqa: E402, F403
from portal.settings import STORAGES  # noqa: E402

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Warming renders in a thread with its own connection, which cannot see a test's transaction:
# the tests that warm turn it on themselves (tests/test_pagecache_warming.py).
PAGE_CACHE_WARM = False

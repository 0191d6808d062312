"""Settings for the test suite (`pytest --ds=portal.settings_test`, set in pyproject.toml).

Production settings (debug off) over plain HTTP, with a fixed test secret; HTTPS is tested in
separate processes. Static files come from the source tree: the manifest storage would need
`collectstatic` before every run."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("DJANGO_HTTPS", "0")
os.environ.setdefault("DJANGO_DEBUG", "0")

from django.contrib.auth.hashers import PBKDF2PasswordHasher  # noqa: E402

from portal.settings import *  # noqa: E402, F403
from portal.settings import STORAGES  # noqa: E402

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Warming renders in a thread with its own connection, which cannot see a test's transaction:
# the tests that warm turn it on themselves (tests/test_pagecache_warming.py).
PAGE_CACHE_WARM = False

# Password hashing at production strength (PBKDF2, a million rounds) costs most of a second per
# user the tests create and per login, hundreds of times over. The same algorithm with few rounds:
# hashes stay `pbkdf2_sha256$…`, so gunicorn on the production settings checks them as usual (and
# upgrades them on a login).
PASSWORD_HASHERS = ["portal.settings_test.QuickPBKDF2PasswordHasher"]


class QuickPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    iterations = 1_000

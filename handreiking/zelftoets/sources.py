"""Telling sources apart without knowing them: keyed hashes of the client address.

The keys are derived from SECRET_KEY and a purpose (a release period, a rate-limit window) in
process memory and never written anywhere: the database and Redis hold only digests. Someone
with a copy of either cannot try every address of 10.0.0.0/8 to find who submitted; that needs
SECRET_KEY, which is kept like any production secret (docs/privacy.md)."""

import hashlib
import hmac
from functools import lru_cache

from django.conf import settings

DIGEST_CHARS = 40


@lru_cache(maxsize=64)
def _derived_key(secret: str, purpose: str) -> bytes:
    return hmac.new(
        secret.encode(), f"handreiking.zelftoets:{purpose}".encode(), hashlib.sha256
    ).digest()


def keyed_digest(address: str, *, purpose: str) -> str:
    key = _derived_key(settings.SECRET_KEY, purpose)
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:DIGEST_CHARS]


def source_tag(address: str, *, period: int) -> str:
    """What marks a source in one release period; another period gives another tag."""
    return keyed_digest(address, purpose=f"source:{period}")

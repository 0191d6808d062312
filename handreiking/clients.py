"""Who is asking, as far as our own proxies vouch for it (TRUSTED_PROXIES): used only for the
zelftoets rate limit and source marks (keyed hashes, never the address) and for the staff login
log and lockout."""

import logging

from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger("handreiking.clients")


class _Once:
    said = False


def client_address(request: HttpRequest) -> str:
    """The client's address as far as our own proxies vouch for it (TRUSTED_PROXIES): each of
    them appends the address it saw to X-Forwarded-For, so with N proxies the client is the N-th
    hop from the end; hops before it are the client's own to invent. With 0, the socket's."""
    trusted = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if trusted:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= trusted:
            return hops[-trusted]
    elif forwarded and not _Once.said:
        # Behind a proxy with TRUSTED_PROXIES=0 every reader is the proxy: one rate limit and
        # one kept reflection per period for everyone. Said once per process, without addresses.
        _Once.said = True
        logger.warning(
            "Verzoeken komen binnen met X-Forwarded-For, maar TRUSTED_PROXIES is 0: alle "
            "bezoekers lijken dan één computer. Zet TRUSTED_PROXIES op het aantal proxy's "
            "voor het portaal (docs/deployment.md)."
        )
    return request.META.get("REMOTE_ADDR", "")

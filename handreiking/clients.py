"""Who is asking, as far as our own proxies vouch for it (TRUSTED_PROXIES): used only for the
zelftoets rate limit (hashed, never stored) and for the staff login log and lockout."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address as far as our own proxies vouch for it (TRUSTED_PROXIES): each of
    them appends the address it saw to X-Forwarded-For, so with N proxies the client is the N-th
    hop from the end; hops before it are the client's own to invent. With 0, the socket's."""
    trusted = settings.TRUSTED_PROXIES
    if trusted:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= trusted:
            return hops[-trusted]
    return request.META.get("REMOTE_ADDR", "")

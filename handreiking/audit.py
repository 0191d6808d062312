"""The staff login log, as the BIO asks: who, what, result, origin and time of every staff login
attempt, never the password. Lockouts after repeated failures are django-axes's (database
handler, so they hold across app servers); this module only writes the log lines."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from handreiking.clients import client_address

logger = logging.getLogger("handreiking.audit")


def _origin(request: HttpRequest | None) -> str:
    return client_address(request) if request is not None else "onbekend"


def logged_in(sender, request=None, user=None, **kwargs) -> None:
    logger.info("Inloggen gelukt: gebruiker=%s bron=%s", user.get_username(), _origin(request))


def login_failed(sender, credentials=None, request=None, **kwargs) -> None:
    # django cleanses credentials (the password is replaced); only the username is logged.
    username = (credentials or {}).get("username", "")
    logger.warning(
        "Inloggen mislukt: gebruiker=%s bron=%s", username[:150] or "-", _origin(request)
    )


def logged_out(sender, request=None, user=None, **kwargs) -> None:
    name = user.get_username() if user is not None else "-"
    logger.info("Uitgelogd: gebruiker=%s bron=%s", name, _origin(request))


def connect() -> None:
    """Called once from HandreikingConfig.ready()."""
    user_logged_in.connect(logged_in, dispatch_uid="handreiking-audit-login")
    user_login_failed.connect(login_failed, dispatch_uid="handreiking-audit-login-failed")
    user_logged_out.connect(logged_out, dispatch_uid="handreiking-audit-logout")

"""Single sign-on for staff through the intranet proxy (docs/sso.md); off unless STAFF_SSO_HEADER
names the header in which the proxy passes the username it authenticated.

On /admin/ only, the portal then logs in the existing, active staff account of that name: no
account is ever created, and groups and permissions stay managed in the portal. Public pages never
look at the header, so they never get a session and stay in the page cache for every reader.

A client can send the header itself: the proxy must overwrite it on every request (docs/sso.md),
and the portal believes it only from the proxies in STAFF_SSO_PROXIES: addresses or networks
compared with the socket's peer (REMOTE_ADDR), which a client cannot choose; never with
X-Forwarded-For, which it can. From any other peer the header is removed before anything reads
it, and the operator is told once per process (without the address or the header's value). A
password login (a break-glass account) is left alone; with STAFF_SSO_ONLY there is none, and
/admin/ answers 403 to anyone the proxy did not name as staff.

Every SSO login attempt is written to the staff login log (handreiking.audit): who, result,
origin; the time is the log line's own. django-axes does not count SSO refusals: the proxy
vouched for the name, nobody guessed a password, and a refused reader must not lock out a staff
member behind the same address."""

import ipaddress
import logging
import re

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import RemoteUserBackend
from django.contrib.auth.middleware import RemoteUserMiddleware
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponse

from handreiking.clients import client_address

logger = logging.getLogger("handreiking.audit")
notices = logging.getLogger("handreiking.sso")

BACKEND = "handreiking.sso.StaffSSOBackend"
ADMIN_PREFIX = "/admin/"
HEADER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
NEEDS_PROXY = (
    "STAFF_SSO_HEADER is set but TRUSTED_PROXIES is 0: behind the SSO proxy every login would "
    "be logged and locked out as the proxy's address. Set TRUSTED_PROXIES=1 (docs/sso.md), or "
    "unset STAFF_SSO_HEADER."
)
# STAFF_SSO_PROXIES entry for a proxy that reaches gunicorn over a unix socket (REMOTE_ADDR "").
UNIX_SOCKET = "unix"
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def proxy_networks(entries: list[str]) -> tuple[tuple[Network, ...], bool]:
    """STAFF_SSO_PROXIES -> (networks, whether the unix socket counts). Refuses an empty list,
    anything that is not an address or a network, and a network that is everyone."""
    if not entries:
        raise ImproperlyConfigured(
            "STAFF_SSO_HEADER is set but STAFF_SSO_PROXIES is empty: name the address of the "
            "proxy that sets the header, e.g. STAFF_SSO_PROXIES=127.0.0.1 (docs/sso.md)."
        )
    networks: list[Network] = []
    for entry in entries:
        if entry == UNIX_SOCKET:
            continue
        try:
            network = ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"STAFF_SSO_PROXIES: {entry!r} is not an address or a network; use e.g. "
                f"10.0.0.5, 10.0.0.0/28, ::1 or {UNIX_SOCKET} (docs/sso.md)."
            ) from None
        if network.prefixlen == 0:
            raise ImproperlyConfigured(
                f"STAFF_SSO_PROXIES: {entry} would believe the header from every address."
            )
        networks.append(network)
    return tuple(networks), UNIX_SOCKET in entries


def meta_key(name: str) -> str:
    """'X-Remote-User' or 'HTTP_X_REMOTE_USER' -> 'HTTP_X_REMOTE_USER': always a request header,
    never a variable of the server's own environment such as REMOTE_USER."""
    if not HEADER_NAME.fullmatch(name):
        raise ImproperlyConfigured(
            f"STAFF_SSO_HEADER={name!r}: use a header name such as X-Remote-User."
        )
    key = name.upper().replace("-", "_")
    return key if key.startswith("HTTP_") else f"HTTP_{key}"


def printable(name: str) -> str:
    """A header value as it may go into a log line: one line, at most a username's length."""
    return "".join(ch if ch.isprintable() else "?" for ch in name[:150]) or "-"


class StaffSSOBackend(RemoteUserBackend):
    """The account the proxy named, if it exists, is active and is staff; never a new one."""

    create_unknown_user = False

    def clean_username(self, username: str) -> str:
        return username.strip()

    def user_can_authenticate(self, user) -> bool:
        # Also decides whether a kept SSO session still counts (ModelBackend.get_user): an
        # account that lost its staff status is signed out on its next request.
        return user is not None and super().user_can_authenticate(user) and user.is_staff

    def refusal_reason(self, username: str) -> str:
        """Why `authenticate` said no, for the log (a second query, only on a refusal)."""
        model = get_user_model()
        user = model._default_manager.filter(**{model.USERNAME_FIELD: username}).first()
        if user is None:
            return "onbekend account"
        if not user.is_active:
            return "account staat uit"
        return "geen stafaccount"


class StaffSSOMiddleware(RemoteUserMiddleware):
    """Django's RemoteUserMiddleware with our header, for /admin/ only, and only for a request
    whose socket peer is one of STAFF_SSO_PROXIES. Goes right after AuthenticationMiddleware."""

    # The portal runs under WSGI; the async path would bypass the checks below.
    async_capable = False

    def __init__(self, get_response):
        super().__init__(get_response)
        if settings.TRUSTED_PROXIES < 1:
            raise ImproperlyConfigured(NEEDS_PROXY)
        self.header = meta_key(settings.STAFF_SSO_HEADER)
        self.proxies, self.unix_socket = proxy_networks(settings.STAFF_SSO_PROXIES)
        self.said_ignored = False
        self.sso_only = settings.STAFF_SSO_ONLY
        self.backend = StaffSSOBackend()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.header in request.META and not self._from_proxy(request):
            # Whatever the path: nothing further in may ever read a header the proxy did not set.
            del request.META[self.header]
            self._say_ignored()
        if not request.path_info.startswith(ADMIN_PREFIX):
            # Public pages: the header is not read, no session is touched or made.
            return self.get_response(request)
        return super().__call__(request)

    def process_request(self, request: HttpRequest) -> None:
        username = self._vouched_username(request)
        user = request.user
        sso_session = _signed_in_by_sso(request)
        if user.is_authenticated and not sso_session:
            return  # a password login (break-glass account) is the person's own choice
        if sso_session:
            if user.is_authenticated and user.get_username() == self._clean(username):
                return
            # The proxy names nobody (its session ended), someone else, or an account that no
            # longer counts (no longer staff or active): this session ends.
            auth.logout(request)
        if username:
            self._log_in(request, username)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        # Here, not in process_request: the 403 page then passes the whole stack (CSP included).
        if self.sso_only and request.path_info.startswith(ADMIN_PREFIX):
            if not request.user.is_authenticated:
                raise PermissionDenied("Alleen aanmelden via het intranet (SSO).")

    def _vouched_username(self, request: HttpRequest) -> str:
        """The header's value; __call__ removed it already unless a proxy of ours sent it."""
        return request.META.get(self.header, "").strip()

    def _from_proxy(self, request: HttpRequest) -> bool:
        """Whether the socket's peer is one of STAFF_SSO_PROXIES. REMOTE_ADDR is the address
        of the TCP connection (gunicorn's, "" on a unix socket); X-Forwarded-For plays no part."""
        peer = request.META.get("REMOTE_ADDR", "")
        if not peer:
            return self.unix_socket
        try:
            address = ipaddress.ip_address(peer)
        except ValueError:
            return False
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped  # ::ffff:10.0.0.5 when gunicorn listens on IPv6
        return any(address in network for network in self.proxies)

    def _say_ignored(self) -> None:
        # Once per process, and neither the address nor the value: a spoofer must not be able
        # to fill the log, and the operator needs the fact, not the text a stranger sent.
        if self.said_ignored:
            return
        self.said_ignored = True
        notices.warning(
            "De SSO-header %s kwam binnen van een adres dat niet in STAFF_SSO_PROXIES staat en "
            "is genegeerd. Is gunicorn rechtstreeks bereikbaar (bind het aan 127.0.0.1 of een "
            "unix-socket), of staat het adres van de proxy niet in STAFF_SSO_PROXIES? Zie "
            "docs/sso.md. Deze melding komt één keer per proces.",
            settings.STAFF_SSO_HEADER,
        )

    def _clean(self, username: str) -> str:
        return self.backend.clean_username(username)

    def _log_in(self, request: HttpRequest, username: str) -> None:
        # The backend directly, not auth.authenticate(): that would let django-axes count a
        # refusal as a failed password and lock out everyone behind the same address.
        origin = client_address(request)
        user = self.backend.authenticate(request, remote_user=username)
        if user is None:
            logger.warning(
                "Inloggen via SSO geweigerd: gebruiker=%s bron=%s reden=%s",
                printable(username),
                origin,
                self.backend.refusal_reason(self._clean(username)),
            )
            return
        user.backend = BACKEND
        request.user = user
        auth.login(request, user)  # user_logged_in: the audit log's "Inloggen gelukt" line
        logger.info("Inloggen via SSO gelukt: gebruiker=%s bron=%s", user.get_username(), origin)


def _signed_in_by_sso(request: HttpRequest) -> bool:
    return request.session.get(auth.BACKEND_SESSION_KEY) == BACKEND

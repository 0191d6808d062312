"""Broken links: `manage.py check_links` against a real HTTP server on 127.0.0.1, what it stores
and prints, and the editors' list in the admin; and that it never reaches an internal address
unless the operator allows it."""

import ipaddress
import logging
import re
import shutil
import socket
import ssl
import subprocess
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import anyio
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from handreiking.linkcheck import asking, checking, finding
from handreiking.linkcheck.addresses import Reach, is_public, numeric_host
from handreiking.models import ExternalLink, OnboardingMaterial
from tests.factories import ChapterFactory, UserFactory

pytestmark = pytest.mark.django_db

PORTAL = "https://handreiking.example.nl"
REDIRECTS = {
    "/oud": (301, "/nieuw"),
    "/keten": (302, "/keten-2"),
    "/keten-2": (302, "/eind"),
    "/verhuisd-en-weg": (308, "/weg"),
    "/rondje": (302, "/rondje"),
}


class Site(ThreadingHTTPServer):
    """A small web server with one page per kind of answer, recording what it was asked and
    every connection made to it (even one that never sends a request)."""

    daemon_threads = True

    def __init__(self, host: str = "127.0.0.1") -> None:
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, 0), Answer)
        self.host = host
        self.connections = 0
        self.redirects: dict[str, tuple[int, str]] = {}  # per test, on top of REDIRECTS
        self.requests: list[tuple[str, str, str]] = []
        self.release = threading.Event()  # lets the hanging page go when the test is done
        self.hanging = 0
        self.hung_up = 0  # hanging pages that got to answer
        self.active = 0
        self.most_active = 0
        self.lock = threading.Lock()

    @property
    def port(self) -> int:
        return self.server_address[1]

    def url(self, path: str, host: str = "") -> str:
        host = host or (f"[{self.host}]" if ":" in self.host else self.host)
        return f"http://{host}:{self.port}{path}"

    def get_request(self):
        accepted = super().get_request()
        with self.lock:
            self.connections += 1
        return accepted


class Answer(BaseHTTPRequestHandler):
    server: Site

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def do_HEAD(self) -> None:
        self.answer(body=False)

    def do_GET(self) -> None:
        self.answer(body=True)

    def answer(self, *, body: bool) -> None:
        site = self.server
        path = self.path.split("?")[0]
        with site.lock:
            site.requests.append((self.command, path, self.headers.get("User-Agent", "")))
        if path in site.redirects or path in REDIRECTS:
            status, target = site.redirects.get(path) or REDIRECTS[path]
            return self.reply(status, body=body, location=target)
        if path == "/weg":
            return self.reply(404, body=body)
        if path == "/geen-head" and not body:
            return self.reply(405, body=body)
        if path == "/hangt":
            with site.lock:
                site.hanging += 1
            site.release.wait(30)
            with site.lock:
                site.hung_up += 1
            return self.reply(200, body=body)
        if path.startswith("/langzaam"):
            with site.lock:
                site.active += 1
                site.most_active = max(site.most_active, site.active)
            site.release.wait(0.2)  # long enough for others to overlap, if allowed to
            with site.lock:
                site.active -= 1
        return self.reply(200, body=body)

    def reply(self, status: int, *, body: bool, location: str = "") -> None:
        content = b"<!doctype html><title>Pagina</title>"
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if body:
            self.wfile.write(content)


def serve(host: str = "127.0.0.1") -> Site:
    server = Site(host)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


def stop(server: Site) -> None:
    server.release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def outside(settings, monkeypatch):
    """A portal whose own address is somewhere else, and no proxy from the environment."""
    settings.PORTAL_BASE_URL = PORTAL
    settings.LINK_CHECK_ALLOWED_HOSTS = []
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def site(outside, settings):
    """The web server, with 127.0.0.1 allowed as an internal address the operator wants
    checked: it then stands in for an outside website."""
    settings.LINK_CHECK_ALLOWED_HOSTS = ["127.0.0.1"]
    server = serve()
    yield server
    stop(server)


def run(*options: str) -> str:
    out = StringIO()
    call_command("check_links", *options, stdout=out)
    return out.getvalue()


def requested(site: Site, path: str) -> list[str]:
    return [method for method, asked, _agent in site.requests if asked == path]


def test_checks_every_external_link_once_and_stores_what_it_found(site):
    first = ChapterFactory(
        title="Sociale media",
        body=(
            f"Lees [de regels]({site.url('/goed')}) en [het oude stuk]({site.url('/weg')}).\n\n"
            f"Het [archief]({site.url('/oud')}) is verhuisd. [Een ander hoofdstuk]"
            f"({PORTAL}/handreiking/integriteit/), [vaste link](/h/1/), "
            "[mail ons](mailto:redactie@example.nl) en [telefoon](tel:+31701234567)."
        ),
    )
    second = ChapterFactory(
        title="Integriteit",
        body=(
            f"Weer [de regels]({site.url('/goed#kop')}), [een keten]({site.url('/keten')}), "
            f"[zonder HEAD]({site.url('/geen-head')}) en [traag]({site.url('/hangt')})."
        ),
    )
    ChapterFactory(is_published=False, body=f"[Concept]({site.url('/ongepubliceerd')})")
    material = OnboardingMaterial.objects.create(
        chapter=first,
        title="Introductiedag",
        url=site.url("/goed"),
        description=f"Oefen met de casus op {site.url('/weg')}.",
    )
    ExternalLink.objects.create(url="https://verdwenen.example.org/", checked_at=timezone.now())
    ExternalLink.objects.create(url=site.url("/weg"), checked_at=timezone.now())

    output = run("--timeout", "1")

    # The run did not wait for the hanging page: it is still waiting to answer.
    assert site.hanging == 1
    assert site.hung_up == 0
    links = {link.url: link for link in ExternalLink.objects.all()}
    assert set(links) == {
        site.url(path) for path in ("/goed", "/weg", "/oud", "/keten", "/geen-head", "/hangt")
    }
    chapter = {"kind": "chapter", "id": first.pk, "title": "Sociale media"}
    other = {"kind": "chapter", "id": second.pk, "title": "Integriteit"}
    onboarding = {"kind": "onboarding", "id": material.pk, "title": "Introductiedag"}

    good = links[site.url("/goed")]
    assert (good.is_broken, good.status_code, good.problem) == (False, 200, "")
    assert good.locations == [chapter, other, onboarding]
    gone = links[site.url("/weg")]
    assert (gone.is_broken, gone.status_code) == (True, 404)
    assert gone.problem == "Pagina niet gevonden (404)"
    assert gone.locations == [chapter, onboarding]
    moved = links[site.url("/oud")]
    assert (moved.is_broken, moved.status_code) == (False, 200)
    assert moved.redirects_to == site.url("/nieuw")
    assert moved.problem == f"Stuurt door naar {site.url('/nieuw')}"
    chain = links[site.url("/keten")]
    assert (chain.is_broken, chain.status_code, chain.redirects_to) == (False, 200, "")
    no_head = links[site.url("/geen-head")]
    assert (no_head.is_broken, no_head.status_code) == (False, 200)
    hanging = links[site.url("/hangt")]
    assert (hanging.is_broken, hanging.status_code) == (True, None)
    assert hanging.problem == "Geen antwoord binnen 1 seconde"
    assert hanging.locations == [other]
    assert len({link.checked_at for link in links.values()}) == 1

    # Once per address, however often it stands anywhere; GET only where HEAD was refused.
    assert requested(site, "/goed") == ["HEAD"]
    assert requested(site, "/geen-head") == ["HEAD", "GET"]
    assert requested(site, "/keten") == ["HEAD"]
    assert requested(site, "/eind") == ["HEAD"]
    assert requested(site, "/ongepubliceerd") == []
    agents = {agent for _method, _path, agent in site.requests}
    assert agents == {f"Handreiking-portaal linkcontrole (+{PORTAL})"}

    assert "6 links gecontroleerd, 2 werken niet, 1 stuurt door." in output
    assert (
        f"Werkt niet: {site.url('/weg')} (Pagina niet gevonden (404)), in hoofdstuk "
        "„Sociale media”, onboardingmateriaal „Introductiedag”"
    ) in output
    assert f"Werkt niet: {site.url('/hangt')} (Geen antwoord binnen 1 seconde)" in output
    assert f"Stuurt door: {site.url('/oud')} naar {site.url('/nieuw')}" in output


def test_exit_code_for_monitoring(site):
    chapter = ChapterFactory(body=f"[Goed]({site.url('/goed')})")
    assert "1 link gecontroleerd, 0 werken niet." in run("--fail-on-broken")

    chapter.body = f"[Goed]({site.url('/goed')}) en [weg]({site.url('/weg')})"
    chapter.save()
    out = StringIO()
    with pytest.raises(SystemExit) as stopped:
        call_command("check_links", "--fail-on-broken", stdout=out)
    assert stopped.value.code == 1
    assert "2 links gecontroleerd, 1 werkt niet." in out.getvalue()
    # Without the option the same run ends normally.
    assert "1 werkt niet" in run()


def test_a_link_that_is_gone_everywhere_leaves_the_list(site):
    chapter = ChapterFactory(body=f"[Weg]({site.url('/weg')})")
    run()
    assert ExternalLink.objects.get().url == site.url("/weg")
    chapter.is_published = False
    chapter.save()
    assert "Geen externe links gevonden." in run()
    assert not ExternalLink.objects.exists()


def test_never_more_links_at_once_than_asked(site):
    ChapterFactory(body=" ".join(f"[{n}]({site.url(f'/langzaam-{n}')})" for n in range(6)))
    assert "6 links gecontroleerd, 0 werken niet." in run("--concurrency", "2")
    assert 1 <= site.most_active <= 2


def test_redirect_trouble(site):
    ChapterFactory(
        body=f"[Rondje]({site.url('/rondje')}) en [verhuisd]({site.url('/verhuisd-en-weg')})"
    )
    run()
    loop = ExternalLink.objects.get(url=site.url("/rondje"))
    assert loop.is_broken
    assert loop.problem == "Te veel doorverwijzingen (meer dan 5)"
    assert len(requested(site, "/rondje")) == 6
    moved_and_gone = ExternalLink.objects.get(url=site.url("/verhuisd-en-weg"))
    assert (moved_and_gone.is_broken, moved_and_gone.status_code) == (True, 404)
    assert moved_and_gone.redirects_to == site.url("/weg")


def test_a_server_that_is_not_there(site):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}/"
    ChapterFactory(body=f"[Dicht]({closed})")
    run("--timeout", "5")
    link = ExternalLink.objects.get()
    assert link.is_broken
    assert (link.status_code, link.problem) == (None, "De server weigert de verbinding")


def test_dns_failure_and_certificate_trouble_in_dutch():
    class Wrapped(Exception):
        pass

    def chained(cause: BaseException) -> Exception:
        try:
            try:
                raise cause
            except BaseException as error:
                raise Wrapped("verbinding") from error
        except Wrapped as wrapped:
            return wrapped

    problem = asking.connection_problem
    assert problem(error=chained(socket.gaierror(-2, "Name or service not known"))) == (
        "Server niet gevonden"
    )
    assert problem(error=chained(ssl.SSLCertVerificationError("bad"))).startswith(
        "Beveiligde verbinding mislukt"
    )
    assert problem(error=Wrapped("iets anders")) == "Geen verbinding met de server"


def test_what_counts_as_external(settings):
    settings.PORTAL_BASE_URL = PORTAL
    hosts = finding.portal_hosts()
    external = finding.external_url
    assert external(url="https://www.rijksoverheid.nl/a#b", hosts=hosts) == (
        "https://www.rijksoverheid.nl/a"
    )
    assert external(url=f"{PORTAL}/handreiking/x/", hosts=hosts) == ""
    assert external(url="HTTPS://HANDREIKING.EXAMPLE.NL/h/1/", hosts=hosts) == ""
    for internal in ("/h/1/", "#kop", "mailto:a@example.nl", "tel:0701234567", "http://[x"):
        assert external(url=internal, hosts=hosts) == ""
    assert external(url="https://example.org/" + "a" * 2000, hosts=hosts) == ""
    # Without a public address: the hosts the portal answers to, never the wildcard.
    settings.PORTAL_BASE_URL = ""
    settings.ALLOWED_HOSTS = ["localhost", "*", ".intranet.example"]
    hosts = finding.portal_hosts()
    assert external(url="http://localhost:8000/", hosts=hosts) == ""
    assert external(url="https://handreiking.intranet.example/", hosts=hosts) == ""
    assert external(url="https://example.org/", hosts=hosts) == "https://example.org/"


def test_addresses_in_plain_text():
    text = "Zie https://example.org/a. En (https://example.org/b), of https://nl.wikipedia.org/wiki/X_(y)!"
    assert finding.links_in_text(text=text) == [
        "https://example.org/a",
        "https://example.org/b",
        "https://nl.wikipedia.org/wiki/X_(y)",
    ]


def test_bad_options_get_a_dutch_answer():
    with pytest.raises(CommandError, match="--concurrency een getal van 1 tot en met 32"):
        call_command("check_links", "--concurrency", "0")
    with pytest.raises(CommandError, match="--timeout een aantal seconden"):
        call_command("check_links", "--timeout", "0")
    assert not ExternalLink.objects.exists()


# The editors' list.


@pytest.fixture
def editors_see_links(db):
    """The view permission the editors' group gets by data migration."""
    permission = Permission.objects.get(
        content_type__app_label="handreiking", codename="view_externallink"
    )
    Group.objects.get(name="Redacteuren").permissions.add(permission)


LIST = "/admin/handreiking/externallink/"


def stored_links() -> tuple:
    chapter = ChapterFactory(title="Sociale media")
    material = OnboardingMaterial.objects.create(chapter=chapter, title="Introductiedag")
    checked = timezone.now() - timedelta(hours=2)
    ExternalLink.objects.create(
        url="https://example.org/goed", status_code=200, checked_at=checked,
        locations=[{"kind": "chapter", "id": chapter.pk, "title": chapter.title}],
    )  # fmt: skip
    ExternalLink.objects.create(
        url="https://example.org/weg", is_broken=True, status_code=404,
        problem="Pagina niet gevonden (404)", checked_at=checked,
        locations=[
            {"kind": "chapter", "id": chapter.pk, "title": chapter.title},
            {"kind": "onboarding", "id": material.pk, "title": material.title},
        ],
    )  # fmt: skip
    ExternalLink.objects.create(
        url="https://example.org/oud", status_code=200, checked_at=checked,
        redirects_to="https://example.org/nieuw", problem="Stuurt door naar https://example.org/nieuw",
        locations=[{"kind": "chapter", "id": chapter.pk, "title": chapter.title}],
    )  # fmt: skip
    return chapter, material


def test_editor_sees_broken_links_first_with_where_they_are(client, editors_see_links):
    chapter, material = stored_links()
    client.force_login(UserFactory(groups=["Redacteuren"]))
    response = client.get(LIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("https://example.org/weg") < page.index("https://example.org/goed")
    assert "Werkt niet" in page
    assert "Pagina niet gevonden (404)" in page
    assert (
        f'<a href="/admin/handreiking/chapter/{chapter.pk}/change/">Hoofdstuk „Sociale media”</a>'
        in page
    )
    # Editors cannot open HR's material in the admin: its name, without a link.
    assert "Onboardingmateriaal „Introductiedag”" in page
    assert f"/admin/handreiking/onboardingmaterial/{material.pk}/change/" not in page
    assert 'Stuurt door naar <a href="https://example.org/nieuw"' in page
    assert "Laatste controle:" in page
    assert f"{LIST}add/" not in page
    assert "delete_selected" not in page  # nothing to delete for an editor, only to recheck

    broken_only = client.get(LIST, {"werkt": "nee"}).content.decode()
    assert "https://example.org/weg" in broken_only
    assert "https://example.org/goed" not in broken_only
    working = client.get(LIST, {"werkt": "ja"}).content.decode()
    assert "https://example.org/weg" not in working
    assert "https://example.org/goed" in working


def test_superuser_links_to_hr_material_and_may_delete(client):
    _chapter, material = stored_links()
    client.force_login(UserFactory(is_superuser=True))
    page = client.get(LIST).content.decode()
    assert f"/admin/handreiking/onboardingmaterial/{material.pk}/change/" in page
    assert 'name="action"' in page


def test_empty_list_says_whether_the_check_ran(client, editors_see_links):
    client.force_login(UserFactory(groups=["Redacteuren"]))
    page = client.get(LIST).content.decode()
    assert "Er zijn nog geen externe links gecontroleerd" in page
    assert "python manage.py check_links" in page

    ExternalLink.objects.create(
        url="https://example.org/", status_code=200, checked_at=timezone.now()
    )
    page = client.get(LIST, {"werkt": "nee"}).content.decode()
    assert "Bij de laatste controle werkten alle links." in page
    assert "Laatste controle:" in page


def test_only_staff_with_permission_see_the_list(client, client_as):
    stored_links()
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client_as("hr").get(LIST).status_code == 403


def test_read_only_for_editors(client, editors_see_links):
    stored_links()
    link = ExternalLink.objects.get(url="https://example.org/weg")
    client.force_login(UserFactory(groups=["Redacteuren"]))
    assert client.get(f"{LIST}add/").status_code == 403
    assert client.post(f"{LIST}{link.pk}/delete/", {"post": "yes"}).status_code == 403
    assert ExternalLink.objects.filter(pk=link.pk).exists()


def test_the_run_is_bounded_by_the_time_out_per_link(site):
    """Two hanging links with room for one at a time: each is given up after its time-out, so
    both are reported, and neither got to answer."""
    ChapterFactory(body=f"[A]({site.url('/hangt?a')}) [B]({site.url('/hangt?b')})")
    output = run("--timeout", "0.5", "--concurrency", "1")
    assert "2 links gecontroleerd, 2 werken niet." in output
    assert site.hung_up == 0
    problems = set(ExternalLink.objects.values_list("problem", flat=True))
    assert problems == {"Geen antwoord binnen 0,5 seconden"}


def test_an_editor_rechecks_selected_links_after_fixing_them(site, client, editors_see_links):
    fixed = ExternalLink.objects.create(
        url=site.url("/goed"),
        is_broken=True,
        status_code=404,
        problem="Pagina niet gevonden (404)",
        locations=[],
        checked_at=timezone.now() - timedelta(days=1),
    )
    client.force_login(UserFactory(groups=["Redacteuren"]))
    response = client.post(LIST, {"action": "recheck", "_selected_action": [fixed.pk]}, follow=True)
    assert "1 links opnieuw gecontroleerd; 0 werken niet." in response.content.decode()
    fixed.refresh_from_db()
    assert not fixed.is_broken and fixed.status_code == 200 and fixed.problem == ""


# Only the outside world: an internal address is never asked (issue 23).

# The listener's own addresses, spelled as an editor could put them in a link.
LOOPBACK_SPELLINGS = [
    "127.0.0.1",
    "localhost",
    "0.0.0.0",  # noqa: S104  (a link, not a bind: it reaches the machine itself)
    "2130706433",  # decimal
    "0177.0.0.1",  # octal
    "0x7f000001",  # hexadecimal
    "0x7f.1",
    "127.1",  # short
    "127.0.0.1.",
    "[::ffff:127.0.0.1]",  # IPv4-mapped IPv6
    "[::ffff:7f00:1]",
]
# Internal addresses nothing listens on here: the connection itself is watched instead.
OTHER_INTERNAL = [
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "0251.0376.0251.0376",  # the same, octal
    "2852039166",  # the same, decimal
    "100.64.0.1",  # carrier-grade NAT
    "224.0.0.1",  # multicast
    "240.0.0.1",  # reserved
    "255.255.255.255",
    "[::]",
    "[fc00::1]",
    "[fd12:3456::1]",
    "[fe80::1]",
    "[ff02::1]",
    "[::ffff:10.1.2.3]",
    "[::ffff:169.254.169.254]",
    "[64:ff9b::a9fe:a9fe]",  # NAT64 of 169.254.169.254
    "[2002:a9fe:a9fe::1]",  # 6to4 of 169.254.169.254
]
PUBLIC_LOOKING = "nieuws.example.com"


@pytest.fixture
def listeners(outside):
    """Web servers on 127.0.0.1 and ::1, with nothing allowed: links to them are internal."""
    servers = {"4": serve("127.0.0.1"), "6": serve("::1")}
    yield servers
    for server in servers.values():
        stop(server)


@pytest.fixture
def connections(monkeypatch):
    """Every outgoing connection httpcore opens, refused on the spot: nothing leaves."""
    made: list[tuple[str, int]] = []

    async def connect_tcp(remote_host, remote_port, **kwargs):
        made.append((str(remote_host), remote_port))
        raise ConnectionRefusedError(111, "Connection refused (test)")

    monkeypatch.setattr(anyio, "connect_tcp", connect_tcp)
    return made


class FakeDNS:
    """socket.getaddrinfo with answers of the test's choosing (there is no DNS here): names it
    does not know do not exist; numeric hosts and localhost (/etc/hosts) are handled by the
    real function."""

    def __init__(self, real) -> None:
        self.real = real
        self.answers: dict[str, list[list[str]]] = {}
        self.asked: list[str] = []

    def add(self, name: str, *answers: list[str]) -> None:
        """Each lookup gets the next answer; the last one stays."""
        self.answers[name] = list(answers)

    def __call__(self, host, port, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name == "localhost" or numeric_host(name) is not None:
            return self.real(host, port, *args, **kwargs)
        self.asked.append(name)
        if name not in self.answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        queue = self.answers[name]
        addresses = queue.pop(0) if len(queue) > 1 else queue[0]
        result = []
        for address in addresses:
            if ":" in address:
                result.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port, 0, 0)))
            else:
                result.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)))
        return result


@pytest.fixture
def dns(monkeypatch):
    fake = FakeDNS(socket.getaddrinfo)
    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return fake


def outcome_of(url: str) -> ExternalLink:
    return ExternalLink.objects.get(url=url)


def assert_not_checked(link: ExternalLink, problem: str = asking.INTERNAL) -> None:
    assert (link.is_broken, link.status_code, link.problem) == (False, None, problem)
    assert link.redirects_to == ""
    assert checking.is_not_checked(link)


@pytest.mark.parametrize(
    ("family", "spelling"), [("4", spelling) for spelling in LOOPBACK_SPELLINGS] + [("6", "[::1]")]
)
def test_a_link_to_the_machine_itself_is_never_asked(listeners, family, spelling):
    listener = listeners[family]
    url = listener.url("/goed", host=spelling)
    ChapterFactory(title="Sociale media", body=f"[Binnen]({url})")

    output = run()

    assert listener.connections == 0
    assert listener.requests == []
    assert_not_checked(outcome_of(url))
    assert f"Niet gecontroleerd: {url} (intern adres), in hoofdstuk „Sociale media”" in output
    assert "0 links gecontroleerd, 0 werken niet; 1 link niet gecontroleerd (intern adres" in output


@pytest.mark.parametrize(
    ("family", "spelling"),
    # 0177.0.0.1 is left out: httpx itself refuses it (leading zeros), allowed or not.
    [("4", spelling) for spelling in LOOPBACK_SPELLINGS if spelling != "0177.0.0.1"]
    + [("6", "[::1]")],
)
def test_the_operator_may_allow_internal_addresses(listeners, settings, family, spelling):
    """The same links, with the machine's addresses on the allow-list: asked, and they work
    (which also shows the links above would have reached the listener)."""
    settings.LINK_CHECK_ALLOWED_HOSTS = ["127.0.0.0/8", "0.0.0.0/32", "::1"]
    listener = listeners[family]
    url = listener.url("/goed", host=spelling)
    ChapterFactory(body=f"[Binnen]({url})")

    assert "1 link gecontroleerd, 0 werken niet." in run()

    assert listener.connections >= 1
    assert requested(listener, "/goed") == ["HEAD"]
    link = outcome_of(url)
    assert (link.is_broken, link.status_code, link.problem) == (False, 200, "")


@pytest.mark.parametrize("host", OTHER_INTERNAL)
def test_no_connection_to_any_internal_address(outside, connections, host):
    url = f"http://{host}/latest/meta-data/"
    ChapterFactory(body=f"[Binnen]({url})")
    run()
    assert connections == []
    assert_not_checked(outcome_of(url))


def test_a_name_that_resolves_inside_is_not_asked(listeners, dns):
    listener = listeners["4"]
    dns.add(PUBLIC_LOOKING, ["127.0.0.1"])
    dns.add("dubbel.example.com", ["93.184.215.14", "127.0.0.1"])  # one inside is enough
    dns.add("zes.example.com", ["::1"])
    urls = [
        listener.url("/goed", host=PUBLIC_LOOKING),
        listener.url("/goed", host="dubbel.example.com"),
        listeners["6"].url("/goed", host="zes.example.com"),
    ]
    ChapterFactory(body=" ".join(f"[{n}]({url})" for n, url in enumerate(urls)))

    run()

    assert listener.connections == 0
    assert listeners["6"].connections == 0
    for url in urls:
        assert_not_checked(outcome_of(url))


def test_the_connection_goes_to_the_address_that_was_vetted(outside, dns, connections):
    """A DNS rebind: the name answers with an outside address first and with 127.0.0.1 after.
    It is resolved once, and the connection goes to that outside address (refused here, so
    nothing leaves the machine), never to a second answer."""
    dns.add(PUBLIC_LOOKING, ["93.184.215.14"], ["127.0.0.1"])
    url = f"http://{PUBLIC_LOOKING}:8080/pagina"
    ChapterFactory(body=f"[Nieuws]({url})")

    run()

    assert dns.asked == [PUBLIC_LOOKING]
    assert connections == [("93.184.215.14", 8080)]
    link = outcome_of(url)
    assert (link.is_broken, link.problem) == (True, "De server weigert de verbinding")


@pytest.fixture
def secure_site(outside, tmp_path, monkeypatch):
    """The web server over TLS with a certificate for intranet.test only, which the check
    trusts (SSL_CERT_FILE)."""
    openssl = shutil.which("openssl")
    if not openssl:
        pytest.skip("openssl is not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(  # noqa: S603
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=intranet.test",
         "-addext", "subjectAltName=DNS:intranet.test"],
        check=True, capture_output=True,
    )  # fmt: skip
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    server = Site()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    yield server
    stop(server)


def test_tls_is_checked_against_the_name_while_connecting_to_the_vetted_address(
    secure_site, settings, dns
):
    settings.LINK_CHECK_ALLOWED_HOSTS = ["intranet.test", "ander.test"]
    dns.add("intranet.test", ["127.0.0.1"])
    dns.add("ander.test", ["127.0.0.1"])
    right = f"https://intranet.test:{secure_site.port}/goed"
    wrong = f"https://ander.test:{secure_site.port}/goed"
    ChapterFactory(body=f"[Goed]({right}) [Ander certificaat]({wrong})")

    run()

    link = outcome_of(right)
    assert (link.is_broken, link.status_code) == (False, 200)
    link = outcome_of(wrong)
    assert link.is_broken
    assert link.problem.startswith("Beveiligde verbinding mislukt")
    assert requested(secure_site, "/goed") == ["HEAD"]


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:{port}/goed",
        "http://2130706433:{port}/goed",
        "http://localhost:{port}/goed",
        "http://[::ffff:127.0.0.1]:{port}/goed",
        f"http://{PUBLIC_LOOKING}:{{port}}/goed",
    ],
)
def test_every_redirect_is_vetted(listeners, settings, dns, target):
    """An allowed intranet site that sends the check on to another port of the machine: the
    site is asked, the redirect is not followed."""
    settings.LINK_CHECK_ALLOWED_HOSTS = ["intranet.test"]
    dns.add("intranet.test", ["127.0.0.1"])
    dns.add(PUBLIC_LOOKING, ["127.0.0.1"])
    allowed = listeners["4"]
    other = serve("127.0.0.1")
    try:
        allowed.redirects["/naar-binnen"] = (302, target.format(port=other.port))
        url = allowed.url("/naar-binnen", host="intranet.test")
        works = allowed.url("/goed", host="intranet.test")
        ChapterFactory(body=f"[Doorsturen]({url}) en [intranet]({works})")

        output = run()

        assert other.connections == 0
        assert requested(allowed, "/naar-binnen") == ["HEAD"]
        assert_not_checked(outcome_of(url), asking.REDIRECT_INTERNAL)
        good = outcome_of(works)
        assert (good.is_broken, good.status_code) == (False, 200)
        assert "1 link gecontroleerd, 0 werken niet; 1 link niet gecontroleerd" in output
    finally:
        stop(other)


def test_allowed_by_a_domain_below_which_every_host_counts(listeners, settings, dns):
    settings.LINK_CHECK_ALLOWED_HOSTS = [".Intranet.Test."]
    dns.add("www.intranet.test", ["127.0.0.1"])
    dns.add("intranet.test.example.com", ["127.0.0.1"])
    listener = listeners["4"]
    allowed = listener.url("/goed", host="www.intranet.test")
    lookalike = listener.url("/goed", host="intranet.test.example.com")
    ChapterFactory(body=f"[Ja]({allowed}) [Nee]({lookalike})")
    run()
    assert outcome_of(allowed).status_code == 200
    assert_not_checked(outcome_of(lookalike))
    assert listener.requests == [("HEAD", "/goed", listener.requests[0][2])]


def test_a_refused_link_shows_in_the_admin_and_is_not_broken(listeners, client, editors_see_links):
    listener = listeners["4"]
    url = listener.url("/goed")
    ChapterFactory(body=f"[Binnen]({url})")
    out = StringIO()
    call_command("check_links", "--fail-on-broken", stdout=out)  # no SystemExit: not broken
    assert_not_checked(outcome_of(url))

    client.force_login(UserFactory(groups=["Redacteuren"]))
    page = client.get(LIST).content.decode()
    assert asking.INTERNAL in page
    assert url not in client.get(LIST, {"werkt": "nee"}).content.decode()

    # Checking it again from the list asks nothing either.
    link = outcome_of(url)
    client.post(LIST, {"action": "recheck", "_selected_action": [link.pk]})
    assert_not_checked(outcome_of(url))
    assert listener.connections == 0


def test_what_is_internal():
    public = [
        "8.8.8.8",
        "145.7.191.1",
        "2001:4860:4860::8888",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808",
    ]
    for address in public:
        assert is_public(ipaddress.ip_address(address)), address
    for host in LOOPBACK_SPELLINGS + OTHER_INTERNAL:
        address = numeric_host(host)
        if host != "localhost":
            assert address is not None and not is_public(address), host
    assert numeric_host("0x7f000001") == ipaddress.ip_address("127.0.0.1")
    assert numeric_host("0251.0376.0251.0376") == ipaddress.ip_address("169.254.169.254")
    assert numeric_host("8.8.2056") == ipaddress.ip_address("8.8.8.8")
    for name in ("www.example.org", "1.2.3.4.5", "08.0.0.1", "256.1.1.1", "1.2.3.4x", "+1", "1_0"):
        assert numeric_host(name) is None, name


def test_the_allow_list_setting():
    reach = Reach.from_entries([" .Intranet.Example. ", "10.1.0.0/16", "fd00::/8", ""])
    inside = ipaddress.ip_address("10.9.9.9")
    assert reach.permits("wiki.intranet.example", inside)
    assert not reach.permits("intranet.example.evil.org", inside)
    assert reach.permits("ergens.example", ipaddress.ip_address("10.1.2.3"))
    assert reach.permits("ergens.example", ipaddress.ip_address("::ffff:10.1.2.3"))
    assert reach.permits("ergens.example", ipaddress.ip_address("fd12::1"))
    assert not reach.permits("ergens.example", inside)
    for wrong in ("10.1.0.0/33", "10.1.2.300", "fd00::/200"):
        with pytest.raises(ImproperlyConfigured, match="LINK_CHECK_ALLOWED_HOSTS"):
            Reach.from_entries([wrong])


# Without a network, and what the command tells while it works.


def test_without_a_network_nothing_is_marked_broken(outside, dns, connections):
    ChapterFactory(
        body="[Rijksoverheid](https://www.rijksoverheid.nl/) [Voorbeeld](https://example.org/x) "
        "[Intern](http://10.1.2.3/)"
    )
    before = timezone.now() - timedelta(days=1)
    ExternalLink.objects.create(
        url="https://www.rijksoverheid.nl/", status_code=200, checked_at=before
    )
    ExternalLink.objects.create(
        url="https://elders.example.org/", status_code=200, checked_at=before
    )

    output = run()

    assert "Geen netwerk: niets gecontroleerd." in output
    assert "gecontroleerd, " not in output
    assert connections == []
    assert set(ExternalLink.objects.values_list("url", "is_broken", "checked_at")) == {
        ("https://www.rijksoverheid.nl/", False, before),
        ("https://elders.example.org/", False, before),
    }
    with pytest.raises(SystemExit) as stopped:
        call_command("check_links", "--fail-on-broken", stdout=StringIO())
    assert stopped.value.code == 1


def test_one_unknown_name_among_working_links_is_broken(site, dns):
    ChapterFactory(body=f"[Goed]({site.url('/goed')}) [Typfout](https://www.rijksoverhied.nl/)")
    assert "2 links gecontroleerd, 1 werkt niet." in run()
    typo = outcome_of("https://www.rijksoverhied.nl/")
    assert (typo.is_broken, typo.problem) == (True, "Server niet gevonden")


def test_a_network_failure_is_told_from_a_server_that_refuses():
    unreachable = OSError(101, "Network is unreachable")
    assert asking.without_network(error=unreachable)
    assert asking.without_network(error=socket.gaierror(-3, "Temporary failure"))
    assert not asking.without_network(error=ConnectionRefusedError(111, "refused"))
    assert not asking.without_network(error=ssl.SSLCertVerificationError("bad"))


def test_the_command_tells_how_far_it_is_without_httpx_log_lines(site, caplog):
    ChapterFactory(body=" ".join(f"[{n}]({site.url(f'/goed-{n}')})" for n in range(12)))
    httpx_logger = logging.getLogger("httpx")
    level = httpx_logger.level
    with caplog.at_level(logging.DEBUG):
        output = run()
    assert output.startswith("12 externe links gevonden; de controle begint.\n")
    assert "10 van 12 links gecontroleerd" in output
    assert output.rstrip().endswith("12 links gecontroleerd, 0 werken niet.")
    assert not [
        record for record in caplog.records if record.name.startswith(("httpx", "httpcore"))
    ]
    assert httpx_logger.level == level


# The list says what the check did: a refused link was not checked, and without a network the
# editors' recheck changes nothing, as the command does.


def works_column(page: str) -> list[str]:
    return re.findall(r'<td class="field-works">(.*?)</td>', page)


def test_an_editor_sees_a_refused_internal_link_as_not_checked(
    outside, connections, client, editors_see_links
):
    internal = "http://10.1.2.3/intranet"
    ChapterFactory(title="Sociale media", body=f"[Intranet]({internal})")
    run()
    assert_not_checked(outcome_of(internal))
    ExternalLink.objects.create(
        url="https://example.org/goed", status_code=200, checked_at=timezone.now()
    )

    client.force_login(UserFactory(groups=["Redacteuren"]))
    page = client.get(LIST).content.decode()
    assert sorted(works_column(page)) == ["Niet gecontroleerd", "Werkt"]
    assert connections == []

    refused = client.get(LIST, {"werkt": "niet-gecontroleerd"}).content.decode()
    assert works_column(refused) == ["Niet gecontroleerd"]
    assert internal in refused and "https://example.org/goed" not in refused
    working = client.get(LIST, {"werkt": "ja"}).content.decode()
    assert works_column(working) == ["Werkt"]
    assert internal not in working
    assert internal not in client.get(LIST, {"werkt": "nee"}).content.decode()


def stored_rows() -> set[tuple]:
    fields = ("url", "is_broken", "status_code", "problem", "redirects_to", "checked_at")
    return set(ExternalLink.objects.values_list(*fields))


def test_an_editors_recheck_without_a_network_changes_nothing(
    outside, dns, connections, client, editors_see_links
):
    before = timezone.now() - timedelta(days=1)
    working = ExternalLink.objects.create(
        url="https://www.rijksoverheid.nl/", status_code=200, checked_at=before
    )
    broken = ExternalLink.objects.create(
        url="https://example.org/weg", is_broken=True, status_code=404,
        problem="Pagina niet gevonden (404)", checked_at=before,
    )  # fmt: skip
    internal = ExternalLink.objects.create(
        url="http://10.1.2.3/", problem=asking.INTERNAL, checked_at=before
    )
    stored = stored_rows()

    client.force_login(UserFactory(groups=["Redacteuren"]))
    response = client.post(
        LIST,
        {"action": "recheck", "_selected_action": [working.pk, broken.pk, internal.pk]},
        follow=True,
    )

    page = response.content.decode()
    assert "Geen netwerk: niets gecontroleerd." in page
    assert "opnieuw gecontroleerd" not in page
    assert connections == []
    assert stored_rows() == stored


def test_an_editors_recheck_counts_a_refused_link_apart(site, client, editors_see_links):
    good = ExternalLink.objects.create(
        url=site.url("/goed"), status_code=200, checked_at=timezone.now() - timedelta(days=1)
    )
    inside = ExternalLink.objects.create(
        url="http://10.1.2.3/", problem=asking.INTERNAL, checked_at=timezone.now()
    )
    client.force_login(UserFactory(groups=["Redacteuren"]))
    response = client.post(
        LIST, {"action": "recheck", "_selected_action": [good.pk, inside.pk]}, follow=True
    )
    page = response.content.decode()
    said = "1 links opnieuw gecontroleerd; 0 werken niet. 1 niet gecontroleerd (intern adres"
    assert said in page
    assert_not_checked(outcome_of("http://10.1.2.3/"))
    assert outcome_of(site.url("/goed")).status_code == 200

"""Broken links: `manage.py check_links` against a real HTTP server on 127.0.0.1, what it stores
and prints, and the editors' list in the admin."""

import socket
import ssl
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from handreiking import linkcheck
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
    """A small web server with one page per kind of answer, recording what it was asked."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Answer)
        self.requests: list[tuple[str, str, str]] = []
        self.release = threading.Event()  # lets the hanging page go when the test is done
        self.hanging = 0
        self.hung_up = 0  # hanging pages that got to answer
        self.active = 0
        self.most_active = 0
        self.lock = threading.Lock()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


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
        if path in REDIRECTS:
            status, target = REDIRECTS[path]
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


@pytest.fixture
def site(settings, monkeypatch):
    """The web server, and a portal whose own address is somewhere else: 127.0.0.1 is then an
    outside website, as far as the link check knows."""
    settings.PORTAL_BASE_URL = PORTAL
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    server = Site()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


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

    problem = linkcheck.connection_problem
    assert problem(error=chained(socket.gaierror(-2, "Name or service not known"))) == (
        "Server niet gevonden"
    )
    assert problem(error=chained(ssl.SSLCertVerificationError("bad"))).startswith(
        "Beveiligde verbinding mislukt"
    )
    assert problem(error=Wrapped("iets anders")) == "Geen verbinding met de server"


def test_what_counts_as_external(settings):
    settings.PORTAL_BASE_URL = PORTAL
    hosts = linkcheck.portal_hosts()
    external = linkcheck.external_url
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
    hosts = linkcheck.portal_hosts()
    assert external(url="http://localhost:8000/", hosts=hosts) == ""
    assert external(url="https://handreiking.intranet.example/", hosts=hosts) == ""
    assert external(url="https://example.org/", hosts=hosts) == "https://example.org/"


def test_addresses_in_plain_text():
    text = "Zie https://example.org/a. En (https://example.org/b), of https://nl.wikipedia.org/wiki/X_(y)!"
    assert linkcheck.links_in_text(text=text) == [
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

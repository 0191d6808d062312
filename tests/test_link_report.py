"""„Wie linkt hierheen?”: links from other chapters on the change page, where each lands with the
text being typed, and the live endpoint that keeps the report up to date."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from handreiking.admin.links import FOUND, MISSING, MOVES, OLD, WHOLE, link_report
from handreiking.models import AnchorAlias, ChapterSlug
from tests.factories import ChapterFactory, UserFactory

pytestmark = pytest.mark.django_db

PORTAL = "https://handreiking.intranet.example"
TARGET_BODY = (
    "Inleiding.\n\n## Eerste deel\n\nTekst een.\n\n## Tweede deel\n\nTekst twee.\n\n"
    "## Derde deel\n\nTekst drie."
)
# The queries of one report through the endpoint, the same with one and with many linking
# chapters: the admin's five (session, user, chapter, user and group permissions) and the
# report's four (former addresses, HR's material, old anchors, the linking chapters).
MAX_QUERIES = 9


@pytest.fixture
def target(settings):
    settings.PORTAL_BASE_URL = PORTAL
    chapter = ChapterFactory(title="Online netwerken", slug="online-netwerken", body=TARGET_BODY)
    ChapterSlug.objects.create(chapter=chapter, slug="netwerken-oud")
    return chapter


def linking_body(target) -> str:
    return (
        "Lees eerst [netwerken op LinkedIn](/handreiking/online-netwerken/#eerste-deel).\n\n"
        "Zie ook [het oude adres](/handreiking/netwerken-oud/).\n\n"
        f"Of de [vaste link naar het tweede deel](/h/{target.pk}/#tweede-deel).\n\n"
        f"Of [het derde deel]({PORTAL}/handreiking/online-netwerken/#derde-deel).\n\n"
        # Not to the target: another chapter, a permanent link that only starts the same, an
        # earlier version, another site with the same path.
        "Niet: [een ander hoofdstuk](/handreiking/online-netwerken-extra/),\n"
        f"[een ander nummer](/h/{target.pk}0/),\n"
        "[een oude versie](/handreiking/online-netwerken/versie/2024-01-01/),\n"
        "[een andere site](https://elders.example/handreiking/online-netwerken/)."
    )


@pytest.fixture
def linking(target):
    return ChapterFactory(title="Privé en werk", body=linking_body(target))


def url(chapter) -> str:
    return f"/admin/handreiking/chapter/{chapter.pk}/wie-linkt-hierheen/"


def change_url(chapter) -> str:
    return f"/admin/handreiking/chapter/{chapter.pk}/change/"


def report_for(chapter, body: str):
    request = RequestFactory().post("/")
    return link_report(request, chapter, body, chapter.title)


def rows(report) -> list[tuple]:
    return [
        (link.text, link.via, link.anchor, link.status, link.lands_on) for link in report.incoming
    ]


# ---- Which links are listed ----


def test_links_to_the_address_a_former_address_and_the_permanent_link_are_listed(target, linking):
    assert rows(report_for(target, TARGET_BODY)) == [
        ("netwerken op LinkedIn", "address", "eerste-deel", FOUND, "eerste-deel"),
        ("het oude adres", "former", "", WHOLE, ""),
        ("vaste link naar het tweede deel", "permalink", "tweede-deel", FOUND, "tweede-deel"),
        ("het derde deel", "address", "derde-deel", FOUND, "derde-deel"),
    ]
    [link, *_] = report_for(target, TARGET_BODY).incoming
    assert link.chapter_title == f"{linking.number}. Privé en werk"
    assert link.admin_url == change_url(linking)


def test_unpublished_chapters_and_the_chapter_itself_are_not_listed(target):
    ChapterFactory(body=linking_body(target), is_published=False)
    target.body = f"{TARGET_BODY}\n\nTerug naar [het begin](/handreiking/online-netwerken/)."
    target.save()
    assert report_for(target, target.body).incoming == []


def test_the_change_page_lists_the_links_without_javascript(client_as, target, linking):
    html = client_as("editor").get(change_url(target)).content.decode()
    assert "Links uit andere hoofdstukken" in html
    assert f'<a href="{change_url(linking)}">{linking.number}. Privé en werk</a>' in html
    assert "„netwerken op LinkedIn” naar <code>#eerste-deel</code>" in html
    assert "via een oud adres (/handreiking/netwerken-oud/) dat doorstuurt" in html
    assert "via de vaste link" in html
    assert "Landt op de kop „Tweede deel”." in html
    assert f'data-link-report-url="{url(target)}"' in html
    assert 'role="status" aria-live="polite" data-link-report-status' in html
    # Nothing to warn about: the block stays closed; its heading stays a heading, outside the
    # summary that opens it.
    assert "<details>" in html
    summary = html.split("<summary>", 1)[1].split("</summary>", 1)[0]
    assert "<h2" not in summary
    assert html.index('<h2 id="wie-linkt-hierheen">') < html.index("<details>")


def test_no_links_says_so(client_as, target):
    html = client_as("editor").get(change_url(target)).content.decode()
    assert "Geen enkel ander gepubliceerd hoofdstuk linkt naar dit hoofdstuk." in html


# ---- Where each link lands with the typed text ----


def test_a_link_to_a_heading_the_typed_text_renames_is_flagged(editor_client, target, linking):
    typed = TARGET_BODY.replace("## Tweede deel", "## Werk en privé")
    html = editor_client.post(url(target), {"body": typed, "title": target.title}).content.decode()
    assert (
        "<strong>Let op:</strong> deze link landt straks op de nieuwe kop „Werk en privé” "
        "(<code>#werk-en-prive</code>) in plaats van op „Tweede deel”."
    ) in html
    assert "1 link landt straks anders" in html
    assert 'data-attention="ja"' in html
    assert "Let op: 1 link landt straks op een andere plek." in html  # the summary
    assert (
        "vaste link naar het tweede deel",
        "permalink",
        "tweede-deel",
        MOVES,
        "werk-en-prive",
    ) in rows(report_for(target, typed))
    assert [link.kind for link in report_for(target, typed).moving] == ["renamed"]


def test_a_link_to_a_section_the_typed_text_removes_is_flagged(editor_client, target, linking):
    typed = TARGET_BODY.replace("## Derde deel\n\nTekst drie.", "")
    html = editor_client.post(url(target), {"body": typed}).content.decode()
    assert (
        "deze link landt straks op de plek waar het onderdeel stond, na „Tweede deel” "
        "(<code>#tweede-deel</code>), met een korte uitleg, in plaats van op „Derde deel”."
    ) in html
    # The same retirement as the list of anchors this edit changes.
    assert "<code>#derde-deel</code> („Derde deel”) leidt dan naar de plek" in html


def test_removing_the_first_heading_leads_to_the_top(target, linking):
    typed = TARGET_BODY.replace("## Eerste deel\n\n", "")
    [moved] = report_for(target, typed).moving
    assert (moved.anchor, moved.lands_on, moved.was_title) == ("eerste-deel", "", "Eerste deel")


def test_a_fixed_anchor_on_the_new_heading_keeps_the_link_in_place(target, linking):
    typed = TARGET_BODY.replace("## Tweede deel", "## Werk en privé {#tweede-deel}")
    report = report_for(target, typed)
    assert report.moving == []
    assert (
        "vaste link naar het tweede deel",
        "permalink",
        "tweede-deel",
        FOUND,
        "tweede-deel",
    ) in (rows(report))


def test_an_old_anchor_leads_where_it_led_and_follows_a_heading_that_retires(target):
    AnchorAlias.objects.create(
        chapter=target,
        anchor="eerste-stap",
        title="Eerste stap",
        target="eerste-deel",
        kind="renamed",
    )
    ChapterFactory(body="[Eerste stap](/handreiking/online-netwerken/#eerste-stap)")
    assert rows(report_for(target, TARGET_BODY)) == [
        ("Eerste stap", "address", "eerste-stap", OLD, "eerste-deel")
    ]
    typed = TARGET_BODY.replace("## Eerste deel", "## Beginnen")
    [moved] = report_for(target, typed).moving
    assert (moved.anchor, moved.lands_on, moved.was_title) == (
        "eerste-stap",
        "beginnen",
        "Eerste deel",
    )


def test_a_link_to_an_anchor_that_does_not_exist_is_flagged(editor_client, target):
    ChapterFactory(body="[Kwijt](/handreiking/online-netwerken/#bestaat-niet)")
    html = editor_client.post(url(target), {"body": TARGET_BODY}).content.decode()
    assert "<strong>Let op:</strong> dit anker staat niet in uw tekst." in html
    assert [link.status for link in report_for(target, TARGET_BODY).incoming] == [MISSING]


def test_everything_is_escaped(editor_client, target):
    ChapterFactory(
        title="Vragen & <script>alert(1)</script>",
        body="[Lees <b>dit</b> & meer](/handreiking/online-netwerken/#eerste-deel)",
    )
    typed = TARGET_BODY.replace("## Eerste deel", "## <script>alert(2)</script> deel")
    html = editor_client.post(url(target), {"body": typed}).content.decode()
    assert "<script>" not in html
    assert "<b>dit" not in html
    assert "Vragen &amp; &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "„Lees &lt;b&gt;dit&lt;/b&gt; &amp; meer”" in html


def test_an_unpublished_chapter_compares_with_the_typed_text(target):
    target.is_published = False
    target.save()
    ChapterFactory(body="[Tweede](/handreiking/online-netwerken/#tweede-deel)")
    assert [link.status for link in report_for(target, TARGET_BODY).incoming] == [FOUND]


# ---- The live endpoint ----


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 401), ("editor", 200), ("reviewer", 403), ("hr", 403)]
)
def test_only_those_who_may_change_the_chapter_get_a_report(client_as, target, role, status):
    response = client_as(role).post(url(target), {"body": TARGET_BODY})
    assert response.status_code == status
    assert ("data-link-report" in response.content.decode()) is (status == 200)


def test_a_logged_out_editor_gets_401_json_not_a_login_page(client, target):
    response = client.post(url(target), {"body": TARGET_BODY})
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "U bent uitgelogd. Log opnieuw in."}
    assert "no-store" in response["Cache-Control"]


def test_a_user_who_is_not_staff_gets_401(client, target):
    user = UserFactory(is_staff=False, groups=["Redacteuren"])
    client.force_login(user)
    assert client.post(url(target), {"body": TARGET_BODY}).status_code == 401


def test_a_view_only_user_gets_403_and_no_live_updates(client, target, linking):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_chapter"))
    client.force_login(user)
    assert client.post(url(target), {"body": TARGET_BODY}).status_code == 403
    html = client.get(change_url(target)).content.decode()
    assert "Wie linkt hierheen?" in html
    assert "netwerken op LinkedIn" in html
    assert "data-link-report-url" not in html


def test_the_fragment_is_the_report_never_stored(editor_client, target, linking):
    response = editor_client.post(url(target), {"body": TARGET_BODY})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "data-link-report-badges" in html
    assert 'data-summary="Wie linkt hierheen: 4 links uit andere hoofdstukken."' in html
    # Only the report: the heading, the open/closed block and the live region stay on the page.
    assert "<h2" not in html
    assert "<details" not in html
    assert "aria-live" not in html


def test_the_endpoint_refuses_get(editor_client, target):
    assert editor_client.get(url(target)).status_code == 405


def test_the_endpoint_needs_the_csrf_token(editor, target):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(url(target), {"body": TARGET_BODY}).status_code == 403
    # The change page sets the token the script sends along.
    client.get(change_url(target))
    token = client.cookies["csrftoken"].value
    response = client.post(url(target), {"body": TARGET_BODY}, headers={"X-CSRFToken": token})
    assert response.status_code == 200


def test_too_much_text_gets_a_dutch_message(editor_client, target):
    response = editor_client.post(url(target), {"body": "x" * 200_001})
    assert response.status_code == 413
    assert "te lang om tijdens het typen bij te werken" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_an_unknown_chapter_is_404(editor_client):
    assert (
        editor_client.post("/admin/handreiking/chapter/999999/wie-linkt-hierheen/").status_code
        == 404
    )


# ---- Cheap, and a read never writes ----


def endpoint_queries(client, chapter) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url(chapter), {"body": TARGET_BODY})
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_the_number_of_queries_does_not_grow_with_the_chapters(
    editor_client, target, django_assert_max_num_queries
):
    ChapterFactory(body=linking_body(target))
    one = endpoint_queries(editor_client, target)
    for _ in range(15):
        ChapterFactory(body=linking_body(target))
    ChapterFactory.create_batch(10)  # chapters that link elsewhere
    with django_assert_max_num_queries(MAX_QUERIES):
        many = endpoint_queries(editor_client, target)
    assert len(many) == len(one)
    assert len(report_for(target, TARGET_BODY).incoming) == 16 * 4


def test_the_report_never_writes(editor_client, target, linking):
    queries = endpoint_queries(editor_client, target)
    writes = [sql for sql in queries if sql.split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []

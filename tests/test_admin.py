"""The editors' admin: who may do what, drafts, publishing, history, diff and restore."""

import pytest
from django.urls import reverse

from handreiking.editorial import review
from handreiking.models import ChangeNote, Chapter, Revision, Synonym
from tests.factories import ChapterFactory, UserFactory, publish_change

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/handreiking/chapter/"


def form_data(chapter: Chapter, **changes) -> dict:
    data = {
        "number": chapter.number,
        "title": chapter.title,
        "slug": chapter.slug,
        "summary": chapter.summary,
        "body": chapter.body,
        "change_kind": "minor",
        "change_note": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("editor", 200), ("reviewer", 403), ("hr", 403)]
)
def test_only_editors_reach_the_chapter_admin(client_as, role, status):
    response = client_as(role).get(CHANGELIST)
    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 401), ("editor", 200), ("reviewer", 403), ("hr", 403)]
)
def test_markdown_preview_is_for_editors_only(client_as, role, status):
    client = client_as(role)
    response = client.post("/admin/markdown-voorbeeld/", {"content": "**vet** <script>x</script>"})
    assert response.status_code == status
    if status == 200:
        # Raw HTML is shown as text, through the same sanitiser as readers get.
        assert response.content.decode().strip() == (
            "<p><strong>vet</strong> &lt;script&gt;x&lt;/script&gt;</p>"
        )
    else:
        assert b"<strong>" not in response.content


def test_markdown_preview_refuses_get(editor_client):
    assert editor_client.get("/admin/markdown-voorbeeld/").status_code == 405


@pytest.mark.parametrize("path", ["/markdownx/upload/", "/markdownx/markdownify/"])
def test_markdownx_own_endpoints_are_not_routed(editor_client, path):
    assert editor_client.post(path, {"content": "x"}).status_code == 404


def test_editor_cannot_delete_a_chapter(editor_client):
    chapter = ChapterFactory()
    response = editor_client.post(f"{CHANGELIST}{chapter.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Chapter.objects.filter(pk=chapter.pk).exists()


def test_change_form_shows_markdown_editor_and_content_warnings(editor_client):
    chapter = ChapterFactory(body="Lees de gedragscode [hier](#).")
    body = editor_client.get(f"{CHANGELIST}{chapter.pk}/change/").content.decode()
    assert "markdownx-editor" in body
    assert 'data-markdownx-urls-path="/admin/markdown-voorbeeld/"' in body
    assert "Controleer de tekst" in body
    assert "wijst nog nergens naar (#)" in body
    assert 'name="_save_draft"' in body
    assert 'name="_request_review"' in body
    # Nothing approved, no right to skip review: nothing to publish yet.
    assert 'name="_publish"' not in body


def test_seed_placeholder_link_is_flagged_in_the_change_form(editor_client):
    """The seed text: chapter 1 of the shipped handreiking still links "hier" to "#"."""
    chapter = Chapter.objects.get(number=1)
    body = editor_client.get(f"{CHANGELIST}{chapter.pk}/change/").content.decode()
    assert "Controleer de tekst" in body
    assert "wijst nog nergens naar (#)" in body


def test_saving_a_draft_keeps_readers_on_the_published_text(client, editor_client):
    chapter = ChapterFactory()
    published_body = chapter.body
    url = f"{CHANGELIST}{chapter.pk}/change/"
    response = editor_client.post(
        url, {**form_data(chapter, body="Concepttekst van de redactie."), "_save_draft": "1"}
    )
    assert response.status_code == 302
    assert response["Location"] == url
    chapter.refresh_from_db()
    assert chapter.body == published_body
    assert Revision.objects.open().get(chapter=chapter).body == "Concepttekst van de redactie."
    # The editor continues with the draft ...
    assert "Concepttekst van de redactie." in editor_client.get(url).content.decode()
    # ... and can preview it exactly as readers will see it ...
    preview = editor_client.get(f"{CHANGELIST}{chapter.pk}/voorbeeld/")
    assert preview.status_code == 200
    assert "Voorbeeld van het concept" in preview.content.decode()
    assert "<p>Concepttekst van de redactie.</p>" in preview.content.decode()
    assert "no-store" in preview["Cache-Control"]
    # ... while readers still get the published text.
    reader = client.get(chapter.get_absolute_url()).content.decode()
    assert "Concepttekst" not in reader


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("reviewer", 403)])
def test_draft_preview_is_closed_to_others(client_as, role, status):
    chapter = ChapterFactory()
    assert client_as(role).get(f"{CHANGELIST}{chapter.pk}/voorbeeld/").status_code == status


def test_publishing_a_major_change_needs_a_note(editor_client):
    chapter = ChapterFactory()
    url = f"{CHANGELIST}{chapter.pk}/change/"
    response = editor_client.post(
        url, {**form_data(chapter, body="Nieuw.", change_kind="major"), "_publish": "1"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Schrijf bij een belangrijke wijziging een korte notitie" in page
    # The title says so in Dutch (Django's own catalogue lacks the word: handreiking/locale).
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.startswith("Fout: ") and "Error" not in title
    chapter.refresh_from_db()
    assert chapter.body != "Nieuw."


def test_publishing_a_major_change_updates_date_notes_and_clears_draft(
    client, editor_client, settings
):
    # Publishing mechanics; the second pair of eyes is tested in test_workflow.py.
    settings.EDITING_REVIEW_REQUIRED = False
    chapter = ChapterFactory()
    before = chapter.last_major_change_at
    url = f"{CHANGELIST}{chapter.pk}/change/"
    editor_client.post(url, {**form_data(chapter, body="Concept."), "_save_draft": "1"})
    response = editor_client.post(
        url,
        {
            **form_data(
                chapter,
                body=chapter.body + "\n\nOok luisteren op LinkedIn hoort erbij.",
                change_kind="major",
                change_note="Alinea over LinkedIn toegevoegd.",
            ),
            # Continuing on the draft just saved (the page hands back the version it opened).
            "opened_revision": Revision.objects.open().get(chapter=chapter).pk,
            "_publish": "1",
        },
    )
    assert response.status_code == 302
    chapter.refresh_from_db()
    assert chapter.last_major_change_at > before
    assert not Revision.objects.open().filter(chapter=chapter).exists()
    assert ChangeNote.objects.filter(chapter=chapter, note="Alinea over LinkedIn toegevoegd.")
    latest = chapter.history.first()
    assert "Alinea over LinkedIn toegevoegd." in latest.history_change_reason
    assert latest.history_user.groups.filter(name="Redacteuren").exists()
    page = client.get(chapter.get_absolute_url()).content.decode()
    assert "Ook luisteren op LinkedIn hoort erbij." in page
    assert "Alinea over LinkedIn toegevoegd." in page


def test_publishing_a_minor_change_keeps_the_date(editor_client, settings):
    settings.EDITING_REVIEW_REQUIRED = False
    chapter = ChapterFactory(body="Delen gaat erg makkelijk.")
    before = chapter.last_major_change_at
    notes = ChangeNote.objects.count()
    editor_client.post(
        f"{CHANGELIST}{chapter.pk}/change/",
        {**form_data(chapter, body=chapter.body.replace("erg makkelijk", "heel makkelijk"))},
    )
    chapter.refresh_from_db()
    assert "heel makkelijk" in chapter.body
    assert chapter.last_major_change_at == before
    assert ChangeNote.objects.count() == notes


def test_renaming_the_slug_in_the_admin_keeps_old_links_working(client, editor_client, settings):
    settings.EDITING_REVIEW_REQUIRED = False
    chapter = ChapterFactory()
    old = chapter.get_absolute_url()
    editor_client.post(f"{CHANGELIST}{chapter.pk}/change/", form_data(chapter, slug="krantentest"))
    assert client.get(old)["Location"] == "/handreiking/krantentest/"


def test_a_former_slug_of_another_chapter_cannot_be_taken(editor_client, settings):
    settings.EDITING_REVIEW_REQUIRED = False
    one, two = ChapterFactory(), ChapterFactory()
    old_one = one.slug
    editor_client.post(f"{CHANGELIST}{one.pk}/change/", form_data(one, slug="ambassadeur"))
    response = editor_client.post(f"{CHANGELIST}{two.pk}/change/", form_data(two, slug=old_one))
    assert response.status_code == 200
    assert "was eerder van een ander hoofdstuk" in response.content.decode()


def test_new_chapter_can_be_drafted_then_published(client, editor_client, settings):
    # Publishing mechanics; the second pair of eyes is tested in test_workflow.py.
    settings.EDITING_REVIEW_REQUIRED = False
    data = {
        "number": 4,
        "title": "Omgaan met reacties",
        "slug": "omgaan-met-reacties",
        "summary": "Wat doe je als iemand reageert?",
        "body": "Blijf vriendelijk.",
        "change_kind": "minor",
        "change_note": "",
    }
    editor_client.post(f"{CHANGELIST}add/", {**data, "_save_draft": "1"})
    chapter = Chapter.objects.get(slug="omgaan-met-reacties")
    assert chapter.number == 4
    assert not chapter.is_published
    assert client.get("/handreiking/omgaan-met-reacties/").status_code == 404
    editor_client.post(f"{CHANGELIST}{chapter.pk}/change/", {**data, "_publish": "1"})
    chapter.refresh_from_db()
    assert chapter.is_published
    assert client.get("/handreiking/omgaan-met-reacties/").status_code == 200
    assert chapter.change_notes.get().is_first_publication


def test_history_lists_versions_and_compare_shows_a_readable_diff(editor_client, settings):
    # Publishing mechanics; the second pair of eyes is tested in test_workflow.py.
    settings.EDITING_REVIEW_REQUIRED = False
    chapter = ChapterFactory(body="De blik van buiten kan verfrissend zijn.")
    editor_client.post(
        f"{CHANGELIST}{chapter.pk}/change/",
        form_data(
            chapter,
            body=chapter.body.replace("verfrissend", "verhelderend"),
            change_kind="major",
            change_note="Woordkeuze.",
        ),
    )
    history = editor_client.get(f"{CHANGELIST}{chapter.pk}/history/").content.decode()
    assert "Woordkeuze." in history
    assert "Vergelijk de gekozen versies" in history
    diff = editor_client.get(f"{CHANGELIST}{chapter.pk}/vergelijken/")
    assert diff.status_code == 200
    text = diff.content.decode()
    assert "<del>verfrissend</del>" in text
    assert "<ins>verhelderend</ins>" in text


def test_diff_escapes_markup_from_the_text(editor_client):
    chapter = ChapterFactory()
    publish_change(chapter=chapter, body=chapter.body + "\n\n<script>alert(1)</script>")
    text = editor_client.get(f"{CHANGELIST}{chapter.pk}/vergelijken/").content.decode()
    assert "<script>alert(1)" not in text
    assert "&lt;script&gt;" in text


def test_restoring_an_old_version_is_itself_a_new_version(client, editor_client):
    chapter = ChapterFactory(body="De samenleving bevindt zich ook online.")
    original = chapter.body
    first_version = chapter.history.last()
    publish_change(chapter=chapter, body="Korte nieuwe tekst.")
    versions = chapter.history.count()
    url = reverse("admin:handreiking_chapter_restore", args=[chapter.pk, first_version.pk])
    confirm = editor_client.get(url)
    assert confirm.status_code == 200
    assert "Terugzetten en ter controle aanbieden" in confirm.content.decode()
    response = editor_client.post(url, {"change_kind": "minor", "change_note": ""})
    assert response.status_code == 302
    chapter.refresh_from_db()
    assert chapter.body == "Korte nieuwe tekst."  # waits for a colleague
    waiting = Revision.objects.get(chapter=chapter, state="submitted")
    review.approve(revision_id=waiting.pk, user=UserFactory(groups=["Redacteuren"]))
    chapter.refresh_from_db()
    assert chapter.body == original
    assert chapter.history.count() == versions + 1
    assert "teruggezet" in chapter.history.first().history_change_reason
    assert "De samenleving bevindt zich" in client.get(chapter.get_absolute_url()).content.decode()


def test_reviewer_cannot_restore(client_as):
    chapter = ChapterFactory()
    record = chapter.history.first()
    url = reverse("admin:handreiking_chapter_restore", args=[chapter.pk, record.pk])
    assert client_as("reviewer").post(url, {"change_kind": "minor"}).status_code == 403


def test_preview_without_a_draft_says_so(editor_client):
    chapter = ChapterFactory(body="Twijfel over je bijdrage? Doe de zelftoets.")
    body = editor_client.get(f"{CHANGELIST}{chapter.pk}/voorbeeld/").content.decode()
    assert "Er is geen concept." in body
    assert "Twijfel over je bijdrage?" in body


def test_admin_screens_name_the_portals_icon_so_browsers_do_not_ask_for_favicon_ico(client):
    page = client.get("/admin/login/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in page


def test_the_synonym_history_speaks_dutch(admin_client):
    synonym = Synonym.objects.create(terms="baas, leidinggevende")
    synonym.terms = "baas, leidinggevende, manager"
    synonym.save()
    page = admin_client.get(f"/admin/handreiking/synonym/{synonym.pk}/history/").content.decode()
    assert "Aangemaakt" in page and "Gewijzigd" in page
    assert "Created" not in page and "Changed by" not in page

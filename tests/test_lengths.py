"""Every text a form accepts fits where it is stored, on PostgreSQL too (SQLite does not enforce
lengths, so a suite on SQLite alone hides the overflow): each form field against its column, and
the editors' whole workflow with every field at its maximum length."""

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import models
from django.test import Client, RequestFactory
from django.urls import reverse

from handreiking.admin.workflow import CheckedForm, ReviewForm
from handreiking.forms import ChapterAdminForm, RestoreForm
from handreiking.models import Chapter, Revision
from tests.factories import ChapterFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/handreiking/chapter/"


def column_limit(model, name: str) -> int | None:
    """The longest value the column takes: None for a text column without a limit."""
    try:
        field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a form field without a column of that name
        return None
    if isinstance(field, models.CharField):
        return field.max_length
    return None


def test_every_admin_form_field_fits_its_column(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_add_permission(request) and not model_admin.has_change_permission(
            request
        ):
            continue
        form = model_admin.get_form(request)()
        for name, field in form.fields.items():
            limit = column_limit(model, name)
            if limit is None or not isinstance(field, forms.CharField):
                continue  # choices and dates cannot outgrow their column
            checked += 1
            assert field.max_length is not None and field.max_length <= limit, (model, name)
    assert checked >= 5


def test_the_workflow_forms_fit_where_they_are_stored():
    """Their texts land in text columns (change notes and review comments in the revision and
    the history's change reason, a text column since migration 0013)."""
    history = Chapter.history.model
    assert not isinstance(history._meta.get_field("history_change_reason"), models.CharField)
    for form, name, target in (
        (ChapterAdminForm, "change_note", (Revision, "change_note")),
        (ChapterAdminForm, "urgent_reason", (Revision, "unreviewed_reason")),
        (RestoreForm, "change_note", (Revision, "change_note")),
        (ReviewForm, "comment", (Revision, "review_comment")),
    ):
        field = form.base_fields[name]
        model, column = target
        assert field.max_length <= model._meta.get_field(column).max_length
    assert CheckedForm.base_fields["note"].max_length == 500


def test_every_field_at_its_maximum_goes_through_the_whole_workflow():
    anna = UserFactory(groups=["Redacteuren"])
    bram = UserFactory(groups=["Redacteuren"])
    anna.user_permissions.add(Permission.objects.get(codename="publish_without_review"))
    a, b = Client(), Client()
    a.force_login(anna)
    b.force_login(bram)
    chapter = ChapterFactory()
    data = {
        "number": chapter.number,
        "title": "T" * 200,
        "slug": "s" * 100,
        "summary": "S" * 400,
        "body": "Tekst. " * 1000,
        "change_kind": "major",
        "change_note": "N" * 1000,
        "_request_review": "1",
    }
    response = a.post(f"{CHANGELIST}{chapter.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    revision = Revision.objects.get(chapter=chapter, state="submitted")
    review_url = reverse("admin:handreiking_chapter_review", args=[chapter.pk, revision.pk])
    assert b.post(review_url, {"approve": "1", "comment": "C" * 2000}).status_code == 302
    chapter.refresh_from_db()
    assert chapter.title == "T" * 200 and chapter.slug == "s" * 100
    assert chapter.history.first().history_change_reason.count("N") == 1000

    checked = b.post(
        reverse("admin:handreiking_chapter_checked", args=[chapter.pk]),
        {"checked-note": "K" * 500},
    )
    assert checked.status_code == 302
    assert chapter.history.first().history_change_reason.endswith("K" * 500)

    first = chapter.history.last()
    restore = reverse("admin:handreiking_chapter_restore", args=[chapter.pk, first.history_id])
    response = a.post(
        restore,
        {"change_kind": "major", "change_note": "R" * 1000, "urgent_reason": "U" * 1000},
    )
    assert response.status_code == 302
    chapter.refresh_from_db()
    assert chapter.needs_check
    assert Revision.objects.get(pk=chapter.live_revision_id).unreviewed_reason == "U" * 1000


def test_a_too_long_note_is_refused_in_dutch_and_changes_nothing(client):
    editor = UserFactory(groups=["Redacteuren"])
    client.force_login(editor)
    chapter = ChapterFactory()
    revisions = Revision.objects.count()
    data = {
        "number": chapter.number,
        "title": chapter.title,
        "slug": chapter.slug,
        "summary": chapter.summary,
        "body": "Nieuw.",
        "change_kind": "major",
        "change_note": "N" * 1001,
        "_save_draft": "1",
    }
    response = client.post(f"{CHANGELIST}{chapter.pk}/change/", data)
    assert response.status_code == 200
    assert "niet meer dan 1000 tekens" in response.content.decode()
    assert Revision.objects.count() == revisions

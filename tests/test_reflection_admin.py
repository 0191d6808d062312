"""The reviewers' side: who may read reflections, the queue, export, overview, retention."""

import csv
import io
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from handreiking.models import HeldReflection, Reflection, ReflectionStatus, week_start
from tests.factories import ReflectionFactory as reflection

pytestmark = pytest.mark.django_db

LIST = "/admin/handreiking/reflection/"


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("editor", 403), ("reviewer", 200), ("hr", 403)]
)
@pytest.mark.parametrize("path", ["", "overzicht/", "export/"])
def test_only_reviewers_read_reflections(client_as, role, status, path):
    reflection(text="Leesbaar voor beoordelaars")
    response = client_as(role).get(LIST + path)
    assert response.status_code == status
    if status != 200:
        assert b"Leesbaar voor beoordelaars" not in response.content


def test_reviewer_sees_the_queue_with_answers_topic_status_and_deletion_date(client_as):
    reflection(text="Ik twijfelde over een tweet.", topic="werk", manager="nee")
    body = client_as("reviewer").get(LIST).content.decode()
    assert "Ik twijfelde over een tweet." in body
    assert "Een bericht over mijn werk" in body
    assert "Nieuw" in body
    assert "Wordt verwijderd op" in body
    assert "Exporteer deze lijst (CSV)" in body


def test_reviewer_filters_and_searches(client_as):
    reflection(text="over beleid", status=ReflectionStatus.READ)
    reflection(text="over netwerken")
    client = client_as("reviewer")
    body = client.get(LIST, {"status__exact": "nieuw"}).content.decode()
    assert "over netwerken" in body
    assert "over beleid" not in body
    body = client.get(LIST, {"q": "beleid"}).content.decode()
    assert "over beleid" in body
    assert "over netwerken" not in body


def test_bulk_actions_mark_read_and_archive(client_as):
    first, second = reflection(text="een"), reflection(text="twee")
    client = client_as("reviewer")
    client.post(LIST, {"action": "mark_read", "_selected_action": [first.pk]})
    client.post(LIST, {"action": "archive", "_selected_action": [second.pk]})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (ReflectionStatus.READ, ReflectionStatus.ARCHIVED)


def test_reviewer_cannot_add_or_delete_or_change_the_text(client_as):
    item = reflection(text="origineel")
    client = client_as("reviewer")
    assert client.get(LIST + "add/").status_code == 403
    assert client.post(f"{LIST}{item.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(f"{LIST}{item.pk}/change/", {"status": "gelezen", "text": "veranderd"})
    item.refresh_from_db()
    assert item.text == "origineel"
    assert item.status == ReflectionStatus.READ


def test_export_gives_the_filtered_list_as_safe_csv(client_as):
    reflection(text='=HYPERLINK("https://evil.example")', topic="prive")
    reflection(text="gelezen al", status=ReflectionStatus.READ)
    response = client_as("reviewer").get(LIST + "export/", {"status__exact": "nieuw"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0][0] == "week"
    assert re.fullmatch(r"\d{4}-W\d{2}", rows[1][0])
    assert len(rows) == 2
    assert rows[1][-1] == '\'=HYPERLINK("https://evil.example")'
    assert rows[1][4] == "Iets wat ik als privépersoon wil delen"


def test_overview_shows_counts_and_hides_small_cells(client_as):
    for _ in range(12):
        reflection()
    for _ in range(2):
        reflection(manager="nee", topic="werk")
    body = client_as("reviewer").get(LIST + "overzicht/").content.decode()
    assert "In totaal 14 reflecties." in body
    assert "&lt; 5" not in body  # one mark for every hidden cell, whatever hides it
    assert "verborgen" in body
    assert "<svg" in body
    assert "<table" in body
    assert '<th scope="col">Maand</th>' in body


def test_the_list_has_no_day_filter_and_no_facet_counts(client_as):
    reflection()
    client = client_as("reviewer")
    body = client.get(LIST).content.decode()
    assert "Vandaag" not in body
    assert "released_week__gte" not in body
    facets = client.get(LIST, {"_facets": "1"}).content.decode()
    assert "(1)" not in facets


def test_overview_shows_nothing_for_fewer_than_five(client_as):
    for _ in range(3):
        reflection()
    body = client_as("reviewer").get(LIST + "overzicht/").content.decode()
    assert "In totaal" not in body
    assert body.count("Te weinig reflecties om deze verdeling te tonen.") == 5


def held(since):
    answers = {"colleagues": "ja", "manager": "nee", "newspaper": "ja"}
    return HeldReflection.objects.create(**answers, held_since=since)


def test_purge_deletes_exactly_the_reflections_past_retention_held_ones_too(settings):
    settings.REFLECTION_RETENTION_DAYS = 365
    today = timezone.localdate()
    keep = [
        reflection(released_week=today),
        reflection(released_week=today - timedelta(days=365)),
    ]
    reflection(released_week=today - timedelta(days=366))
    reflection(released_week=today - timedelta(days=800))
    kept_held = held(today - timedelta(days=300))
    held(today - timedelta(days=400))
    out = StringIO()
    call_command("purge_reflections", stdout=out)
    assert "3 reflecties verwijderd" in out.getvalue()
    assert set(Reflection.objects.values_list("pk", flat=True)) == {r.pk for r in keep}
    assert list(HeldReflection.objects.all()) == [kept_held]


def test_purge_honours_a_shorter_period():
    today = timezone.localdate()
    reflection(released_week=today - timedelta(days=31))
    reflection(released_week=today - timedelta(days=30))
    call_command("purge_reflections", "--days", "30", stdout=StringIO())
    assert Reflection.objects.count() == 1


def test_the_deletion_date_follows_the_week_of_release(settings):
    settings.REFLECTION_RETENTION_DAYS = 365
    item = reflection(released_week=week_start(timezone.localdate()))
    assert item.delete_on() == item.released_week + timedelta(days=366)

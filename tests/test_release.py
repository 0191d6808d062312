"""Release in groups, played as the reviewer who knows who was at the office today: nothing a
reviewer sees changes after one submission, and when it changes it grows by a whole group."""

import re

import pytest
from django.test import Client

from handreiking.models import HeldReflection, Reflection

pytestmark = pytest.mark.django_db

URL = "/zelftoets/"
LIST = "/admin/handreiking/reflection/"
VOLATILE = re.compile(r'(name="csrfmiddlewaretoken" value=|nonce=)"[^"]*"')


def submit(client: Client, number: int, **answers) -> None:
    data = {"colleagues": "nee", "manager": "ja", "newspaper": "weet-niet", "delen": "ja"}
    response = client.post(URL, {**data, "text": f"Wachtend {number}", **answers})
    assert response.status_code == 200


def snapshot(reviewer: Client) -> dict[str, str]:
    """Everything a reviewer can see: every page of the list, unfiltered and filtered on each
    answer, the overview, the export and each reflection's own page."""
    seen: dict[str, str] = {}
    queries = [{}] + [
        {f"{field}__exact": value}
        for field in ("colleagues", "manager", "newspaper")
        for value in ("ja", "nee", "weet-niet")
    ]
    for query in queries:
        page = 0
        while True:
            body = reviewer.get(LIST, {**query, "p": page}).content.decode()
            seen[f"list {query} {page}"] = VOLATILE.sub("", body)
            if f"?p={page + 1}" not in body and f"p={page + 1}" not in body:
                break
            page += 1
    seen["overview"] = VOLATILE.sub("", reviewer.get(LIST + "overzicht/").content.decode())
    export = reviewer.get(LIST + "export/")
    seen["export"] = b"".join(export.streaming_content).decode("utf-8-sig")
    for pk in Reflection.objects.values_list("pk", flat=True):
        seen[f"detail {pk}"] = VOLATILE.sub(
            "", reviewer.get(f"{LIST}{pk}/change/").content.decode()
        )
    return seen


def test_one_submission_changes_nothing_a_reviewer_sees_and_a_release_adds_a_group(
    client, client_as, settings
):
    settings.ZELFTOETS_RATE_LIMIT = "0"
    reviewer = client_as("reviewer")
    visitor = Client()
    for number in range(7):
        submit(visitor, number)
    assert (Reflection.objects.count(), HeldReflection.objects.count()) == (5, 2)

    before = snapshot(reviewer)
    submit(visitor, 7, colleagues="ja", topic="prive")
    assert snapshot(reviewer) == before

    submit(visitor, 8)
    assert snapshot(reviewer) == before
    submit(visitor, 9)  # the fifth waiting: the group is released
    after = snapshot(reviewer)
    assert after != before
    assert Reflection.objects.count() == 10
    new = Reflection.objects.exclude(text__in=[f"Wachtend {n}" for n in range(5)])
    assert new.count() == 5
    assert len(set(new.values_list("released_week", flat=True))) == 1
    assert HeldReflection.objects.count() == 0


def test_held_reflections_are_in_no_count_filter_overview_or_export(client, client_as):
    visitor = Client()
    for number in range(4):
        submit(visitor, number, topic="werk")
    reviewer = client_as("reviewer")
    assert "Wachtend" not in reviewer.get(LIST).content.decode()
    assert "Wachtend" not in reviewer.get(LIST, {"topic__exact": "werk"}).content.decode()
    assert "In totaal" not in reviewer.get(LIST + "overzicht/").content.decode()
    export = b"".join(reviewer.get(LIST + "export/").streaming_content).decode("utf-8-sig")
    assert export.count("\n") == 1  # the header row only


def test_a_larger_group_setting_holds_more(client, settings):
    settings.ZELFTOETS_MIN_GROUP = 8
    visitor = Client()
    for number in range(7):
        submit(visitor, number)
    assert Reflection.objects.count() == 0
    submit(visitor, 7)
    assert Reflection.objects.count() == 8

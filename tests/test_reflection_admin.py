"""The reviewers' side: who may read reflections, the queue, export, overview, retention."""

import csv
import io
import re
from datetime import date, timedelta
from html.parser import HTMLParser
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


def test_the_list_has_no_day_filter_and_no_facet_counts(client_as):
    reflection()
    client = client_as("reviewer")
    body = client.get(LIST).content.decode()
    assert "Vandaag" not in body
    assert "released_week__gte" not in body
    facets = client.get(LIST, {"_facets": "1"}).content.decode()
    assert "(1)" not in facets


class Page(HTMLParser):
    """The overview as a reviewer's screen reader meets it: each table's rows (cell texts) by
    the table's id, and the weekly chart's role, name and bar labels."""

    def __init__(self, body: str):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.svg: dict[str, str] = {}
        self.ids: dict[str, str] = {}
        self.chart_counts: list[int] = []
        self.chart_weeks: list[int] = []
        self._table = self._cell = self._text = self._id = None
        self.feed(body)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._table = attrs.get("id")
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag in ("th", "td") and self._table:
            self._cell = []
        elif tag == "svg" and attrs.get("role") == "img":
            self.svg = attrs
        elif tag == "text":
            self._text = attrs.get("class")
        if tag in ("title", "desc") and attrs.get("id"):
            self._id, self.ids[attrs["id"]] = attrs["id"], ""

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None
        elif tag in ("th", "td") and self._cell is not None:
            self.tables[self._table][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "text":
            self._text = None
        elif tag in ("title", "desc"):
            self._id = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._text == "overview-chart__count":
            self.chart_counts.append(int(data))
        elif self._text == "overview-chart__week":
            self.chart_weeks.append(int(data))
        if self._id:
            self.ids[self._id] += data

    def name(self) -> str:
        return " ".join(self.ids[i] for i in self.svg["aria-labelledby"].split())


def overview(client_as) -> tuple[str, Page]:
    body = client_as("reviewer").get(LIST + "overzicht/").content.decode()
    return body, Page(body)


def this_monday():
    return week_start(timezone.localdate())


def label(monday) -> str:
    year, week, _day = monday.isocalendar()
    return f"week {week}, {year}"


def test_overview_shows_the_true_counts_per_question_and_topic(client_as):
    reflection.create_batch(4, newspaper="nee", topic="werk")
    reflection.create_batch(2, newspaper="weet-niet", manager="nee")
    reflection(colleagues="nee", topic="prive")
    body, page = overview(client_as)
    assert "In totaal 7 reflecties." in body
    assert page.tables["tabel-colleagues"][1:] == [
        ["Ja", "6", "86%"],
        ["Nee", "1", "14%"],
        ["Weet ik niet", "0", "0%"],
    ]
    assert page.tables["tabel-manager"][2] == ["Nee", "2", "29%"]
    assert page.tables["tabel-newspaper"][1:] == [
        ["Ja", "1", "14%"],
        ["Nee", "4", "57%"],
        ["Weet ik niet", "2", "29%"],
    ]
    topics = {row[0]: row[1:] for row in page.tables["tabel-onderwerpen"][1:]}
    assert topics["Een bericht over mijn werk"] == ["4", "57%"]
    assert topics["Iets wat ik als privépersoon wil delen"] == ["1", "14%"]
    assert topics["Netwerken of contact leggen, bijvoorbeeld op LinkedIn"] == ["0", "0%"]
    assert topics["Geen onderwerp gekozen"] == ["2", "29%"]
    assert "verborgen" not in body.lower()


def test_overview_per_week_chart_and_table_show_the_same_numbers(client_as):
    now = this_monday()
    three_weeks_ago = now - timedelta(weeks=3)
    reflection.create_batch(5, released_week=now, newspaper="nee")
    reflection.create_batch(6, released_week=three_weeks_ago)
    reflection.create_batch(2, released_week=three_weeks_ago, newspaper="nee", manager="nee")
    reflection.create_batch(5, released_week=now - timedelta(weeks=40))  # before the chart
    body, page = overview(client_as)

    rows = page.tables["tabel-weken"]
    assert rows[0] == ["Week", "Begint op", "Aantal", "Collega's: nee", "Leidinggevende: nee",
                       "Krant: nee"]  # fmt: skip
    weeks = rows[1:]
    assert len(weeks) == 26
    assert [row[0] for row in weeks] == [label(now - timedelta(weeks=n)) for n in range(25, -1, -1)]
    counts = {row[0]: row[2:] for row in weeks}
    assert counts[label(now)] == ["5", "0 (0%)", "0 (0%)", "5 (100%)"]
    assert counts[label(three_weeks_ago)] == ["8", "0 (0%)", "2 (25%)", "2 (25%)"]
    empty = counts[label(now - timedelta(weeks=1))]
    assert empty[0] == "0"
    assert "geen reflecties" in empty[3]
    assert sum(int(row[2]) for row in weeks) == 13
    assert "Uit de weken vóór" in body and "er nog 5" in body
    assert "In totaal 18 reflecties." in body

    # The chart: one labelled bar per row of the table, in the same order, gaps as 0.
    assert page.chart_counts == [int(row[2]) for row in weeks]
    assert page.chart_counts.count(0) == 24
    assert page.chart_weeks == [
        (now - timedelta(weeks=n)).isocalendar()[1] for n in range(25, -1, -1)
    ]
    assert body.count('class="overview-chart__bar"') == 2
    assert page.svg["role"] == "img"
    name = page.name()
    assert name.startswith("Aantal reflecties per week")
    assert "kwamen er 13 reflecties binnen" in name
    assert f"Het meest in {label(three_weeks_ago)}: 8." in name
    assert "In 24 van de 26 weken kwamen er geen reflecties binnen." in name
    assert "style=" not in body.split('id="content-main"')[1]  # the CSP allows no style attribute
    assert "verborgen" not in body.lower()


def test_the_list_names_weeks_in_plain_dutch(client_as):
    item = reflection(released_week=date(2026, 12, 7))
    client = client_as("reviewer")
    assert '<td class="field-week">week 50, 2026</td>' in client.get(LIST).content.decode()
    change = client.get(f"{LIST}{item.pk}/change/").content.decode()
    assert re.search(r'<div class="readonly">week 50, 2026</div>', change)


def test_overview_without_reflections_says_so_kindly(client_as):
    body, page = overview(client_as)
    assert "Er zijn nog geen reflecties vrijgegeven." in body
    assert "In totaal" not in body
    assert not [name for name in page.tables if name and name.startswith("tabel-")]
    assert not page.svg


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

"""The guidance on any day: /handreiking/<slug>/versie/<YYYY-MM-DD>/."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import ChapterFactory, publish, publish_change

pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def three_versions():
    """A chapter published on three different days (history dates set as they would be)."""
    today = timezone.localdate()
    days = [
        today - dt.timedelta(days=20),
        today - dt.timedelta(days=10),
        today - dt.timedelta(days=2),
    ]
    chapter = publish(number=50, title="Versies", body="Eerste tekst.", slug="versies")
    publish_change(chapter=chapter, user=None, body="Tweede tekst.", major=True,
                             change_note="Tweede versie.")  # fmt: skip
    publish_change(chapter=chapter, user=None, body="Derde tekst.")
    records = list(chapter.history.filter(is_published=True).order_by("history_date", "history_id"))
    for record, day in zip(records, days, strict=True):
        type(record).objects.filter(pk=record.pk).update(history_date=at(day))
    return chapter, days


def url(chapter, day: dt.date) -> str:
    return f"/handreiking/{chapter.slug}/versie/{day.isoformat()}/"


def test_each_day_shows_the_text_readers_saw_at_its_end(client, three_versions):
    chapter, days = three_versions
    expected = {
        days[0]: "Eerste tekst.",
        days[0] + dt.timedelta(days=5): "Eerste tekst.",
        days[1]: "Tweede tekst.",
        days[2]: "Derde tekst.",
        timezone.localdate(): "Derde tekst.",
    }
    for day, text in expected.items():
        response = client.get(url(chapter, day))
        assert response.status_code == 200, day
        body = response.content.decode()
        assert text in body
        assert "Dit is een eerdere versie" in body
        assert 'name="robots" content="noindex"' in body
        assert response["X-Robots-Tag"] == "noindex"
        assert f'href="{chapter.get_absolute_url()}"' in body


def test_the_banner_says_from_when_until_when(client, three_versions):
    chapter, days = three_versions
    body = client.get(url(chapter, days[1])).content.decode()
    assert f"Deze tekst gold van {days[1].day} " in body
    assert f"tot {days[2].day} " in body
    latest = client.get(url(chapter, days[2])).content.decode()
    assert "tot nu: het is ook de huidige versie" in latest


@pytest.mark.parametrize("offset", [-1, None])
def test_before_the_first_publication_and_in_the_future_there_is_no_version(
    client, three_versions, offset
):
    chapter, days = three_versions
    day = days[0] + dt.timedelta(days=-1) if offset else timezone.localdate() + dt.timedelta(1)
    assert client.get(url(chapter, day)).status_code == 404


@pytest.mark.parametrize("day", ["2026-02-30", "gisteren", "2026-1-5"])
def test_a_date_that_is_no_date_is_a_404(client, day):
    chapter = ChapterFactory()
    assert client.get(f"/handreiking/{chapter.slug}/versie/{day}/").status_code == 404


def test_a_former_slug_redirects_to_the_same_day(client, three_versions):
    chapter, days = three_versions
    publish_change(chapter=chapter, user=None, slug="nieuwe-naam")
    response = client.get(f"/handreiking/versies/versie/{days[1].isoformat()}/")
    assert response.status_code == 301
    assert response["Location"] == f"/handreiking/nieuwe-naam/versie/{days[1].isoformat()}/"


def test_the_change_list_links_each_change_to_its_version(client, three_versions):
    chapter, days = three_versions
    body = client.get(chapter.get_absolute_url()).content.decode()
    for note in chapter.change_notes.all():
        day = timezone.localtime(note.changed_at).date()
        assert f'href="{url(chapter, day)}"' in body

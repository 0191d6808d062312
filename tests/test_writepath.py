"""The chapter write path: whatever saves a chapter gets rendering, redirects, search and a new
content version, once and in one transaction."""

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from handreiking import search
from handreiking.editorial import revisions
from handreiking.models import ChapterSlug, ContentVersion, Revision, SearchSection
from tests.factories import ChapterFactory

pytestmark = pytest.mark.django_db


def test_a_slug_changed_by_save_alone_redirects_the_old_address(client):
    chapter = ChapterFactory(slug="oude-naam")
    chapter.slug = "nieuwe-naam"
    chapter.save()

    response = client.get("/handreiking/oude-naam/")
    assert response.status_code == 301
    assert response["Location"] == "/handreiking/nieuwe-naam/"
    short = client.get(f"/h/{chapter.pk}/", follow=True)
    assert short.redirect_chain[-1][0] == "/handreiking/nieuwe-naam/"
    assert short.status_code == 200


def test_renaming_back_takes_the_redirect_away(client):
    chapter = ChapterFactory(slug="eerst")
    chapter.slug = "later"
    chapter.save()
    chapter.slug = "eerst"
    chapter.save()

    assert client.get("/handreiking/eerst/").status_code == 200
    assert client.get("/handreiking/later/").status_code == 301
    assert set(ChapterSlug.objects.values_list("slug", flat=True)) == {"later"}


def test_an_unpublished_slug_gets_no_redirect():
    chapter = ChapterFactory(slug="concept-adres", is_published=False)
    chapter.slug = "definitief"
    chapter.save()
    assert not ChapterSlug.objects.filter(slug="concept-adres").exists()


def test_a_heading_added_by_save_alone_is_searchable_at_once(client):
    chapter = ChapterFactory(body="Een inleiding.")
    assert search.search("zeppelinvaart").count == 0

    chapter.body += "\n\n## Zeppelinvaart voor beginners\n\nLuchtschepen en hun regels."
    chapter.save()

    outcome = search.search("zeppelinvaart")
    assert [r.url for r in outcome.results] == [
        f"{chapter.get_absolute_url()}#zeppelinvaart-voor-beginners"
    ]
    page = client.get(chapter.get_absolute_url()).content.decode()
    assert 'id="zeppelinvaart-voor-beginners"' in page


def test_every_save_gives_a_new_content_version():
    chapter = ChapterFactory()
    before = ContentVersion.objects.current()
    chapter.title = "Nieuwe titel"
    chapter.save()
    assert ContentVersion.objects.current() not in {before, ""}


def test_save_with_update_fields_also_writes_what_it_derives():
    chapter = ChapterFactory(body="Oud.")
    chapter.body = "## Nieuw kopje\n\nNieuwe tekst."
    chapter.save(update_fields=["body"])
    chapter.refresh_from_db()
    assert 'id="nieuw-kopje"' in chapter.body_html
    assert chapter.toc[0]["id"] == "nieuw-kopje"


def test_a_failed_save_leaves_no_derived_writes_behind():
    chapter = ChapterFactory(slug="blijft")
    version = ContentVersion.objects.current()
    sections = list(SearchSection.objects.filter(chapter=chapter).values_list("body", flat=True))
    with pytest.raises(RuntimeError), transaction.atomic():
        chapter.slug = "weg"
        chapter.body = "Heel andere tekst."
        chapter.save()
        raise RuntimeError("the caller's transaction fails after the save")
    assert not ChapterSlug.objects.exists()
    assert ContentVersion.objects.current() == version
    assert list(SearchSection.objects.filter(chapter=chapter).values_list("body", flat=True)) == (
        sections
    )


def test_a_data_migration_saving_the_historical_model_gets_the_same_write_path(client):
    chapter = ChapterFactory(slug="voor-migratie", body="Tekst.")
    executor = MigrationExecutor(connection)
    leaf = executor.loader.graph.leaf_nodes("handreiking")[0]
    historical = executor.loader.project_state(leaf).apps.get_model("handreiking", "Chapter")

    old = historical.objects.get(pk=chapter.pk)
    old.slug = "na-migratie"
    old.body = "## Uit een migratie\n\nNieuwe tekst."
    old.save()

    assert client.get("/handreiking/voor-migratie/")["Location"] == "/handreiking/na-migratie/"
    page = client.get("/handreiking/na-migratie/").content.decode()
    assert 'id="uit-een-migratie"' in page
    assert search.search("migratie").count == 1


def test_a_direct_save_is_recorded_as_the_live_revision():
    """`chapter.body = …; chapter.save()` from a shell: the history and the editors' starting
    point match what readers see."""
    chapter = ChapterFactory(body="Eerst.")
    first = chapter.live_revision_id
    assert Revision.objects.get(pk=first).body == "Eerst."
    chapter.body = "Direct veranderd."
    chapter.save()
    chapter.refresh_from_db()
    live = Revision.objects.get(pk=chapter.live_revision_id)
    assert live.pk != first and live.body == "Direct veranderd." and live.state == "published"
    assert live.parent_id == first
    assert revisions.head(chapter) == live
    # A save that changes no text records nothing new.
    chapter.review_by = None
    chapter.save()
    chapter.refresh_from_db()
    assert chapter.live_revision_id == live.pk

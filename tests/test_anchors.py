"""Anchors that survive: every anchor a chapter published keeps leading somewhere sensible."""

import re

import pytest

from handreiking import anchors
from handreiking.models import AnchorAlias
from tests.factories import ChapterFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Inleiding.\n\n## Eerste deel\n\nTekst een.\n\n## Tweede deel\n\nTekst twee.\n\n"
    "## Derde deel\n\nTekst drie."
)


def page(client, chapter) -> str:
    return client.get(chapter.get_absolute_url()).content.decode()


def test_a_renamed_heading_keeps_its_old_anchor_right_before_the_new_heading(client):
    chapter = ChapterFactory(body=BODY)
    chapter.body = BODY.replace("## Tweede deel", "## Het tweede deel, nu beter")
    chapter.save()
    html = page(client, chapter)
    assert re.search(
        r'<span class="anchor-alias" id="tweede-deel"></span><h2 id="het-tweede-deel-nu-beter">',
        html,
    )
    assert html.count('id="tweede-deel"') == 1
    alias = AnchorAlias.objects.get(chapter=chapter)
    assert (alias.anchor, alias.target, alias.kind) == (
        "tweede-deel",
        "het-tweede-deel-nu-beter",
        "renamed",
    )


def test_a_removed_section_leads_to_where_it_was_with_a_note(client):
    chapter = ChapterFactory(body=BODY)
    chapter.body = BODY.replace("## Tweede deel\n\nTekst twee.\n\n", "")
    chapter.save()
    html = page(client, chapter)
    note = re.search(r'<p class="anchor-note" id="tweede-deel">(.*?)</p>', html)
    assert "„Tweede deel” staat niet meer in dit hoofdstuk" in note.group(1)
    # Where the section was: after the first part, before the third.
    assert html.index("Tekst een.") < note.start() < html.index('id="derde-deel"')


def test_anchors_follow_a_chain_of_renames_and_removals(client):
    chapter = ChapterFactory(body=BODY)
    for body in (
        BODY.replace("## Tweede deel", "## Tweede versie"),
        BODY.replace("## Tweede deel", "## Derde versie van twee"),
    ):
        chapter.body = body
        chapter.save()
    targets = dict(AnchorAlias.objects.values_list("anchor", "target"))
    assert targets == {
        "tweede-deel": "derde-versie-van-twee",
        "tweede-versie": "derde-versie-van-twee",
    }
    chapter.body = BODY.replace("## Tweede deel\n\nTekst twee.\n\n", "")
    chapter.save()
    targets = dict(AnchorAlias.objects.values_list("anchor", "target"))
    assert set(targets.values()) == {"eerste-deel"}
    html = page(client, chapter)
    for anchor in ("tweede-deel", "tweede-versie", "derde-versie-van-twee"):
        assert f'id="{anchor}"' in html


def test_renaming_back_makes_the_anchor_a_heading_again(client):
    chapter = ChapterFactory(body=BODY)
    chapter.body = BODY.replace("## Tweede deel", "## Anders")
    chapter.save()
    chapter.body = BODY
    chapter.save()
    assert not AnchorAlias.objects.filter(chapter=chapter, anchor="tweede-deel").exists()
    assert page(client, chapter).count('id="tweede-deel"') == 1


def test_an_explicit_anchor_survives_any_rename(client):
    chapter = ChapterFactory(body="## Wat zegt de code? {#gedragscode}\n\nTekst.")
    assert chapter.toc[0] == {"level": 2, "id": "gedragscode", "title": "Wat zegt de code?"}
    chapter.body = "## Wat staat er in de gedragscode? {#gedragscode}\n\nTekst."
    chapter.save()
    html = page(client, chapter)
    assert '<h2 id="gedragscode">Wat staat er in de gedragscode?' in html
    assert "{#" not in html
    assert not AnchorAlias.objects.exists()


def test_unpublished_edits_retire_nothing():
    chapter = ChapterFactory(body=BODY, is_published=False)
    chapter.body = "## Iets heel anders\n\nTekst."
    chapter.save()
    assert not AnchorAlias.objects.exists()


def test_the_short_link_lands_on_the_old_anchor_after_a_rename(client):
    chapter = ChapterFactory(body=BODY)
    chapter.body = BODY.replace("## Derde deel", "## Laatste deel")
    chapter.save()
    response = client.get(f"/h/{chapter.pk}/", follow=True)
    assert 'id="derde-deel"' in response.content.decode()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (["A", "B", "C"], ["A", "B2", "C"], [("b", "b2", "renamed")]),
        (["A", "B", "C"], ["A", "C"], [("b", "a", "removed")]),
        (["A", "B"], ["B"], [("a", "", "removed")]),
        (["A", "B", "C"], ["A", "X", "Y", "C"], [("b", "x", "renamed")]),
        (["A", "B"], ["B", "A"], []),
    ],
)
def test_which_anchors_retire_and_where_they_lead(old, new, expected):
    toc = [{"id": t.lower(), "title": t} for t in old]
    new_toc = [{"id": t.lower(), "title": t} for t in new]
    retired = anchors.retire(toc, new_toc)
    assert [(r.anchor, r.target, r.kind) for r in retired] == expected


def test_the_editor_sees_who_links_here_and_which_anchors_an_edit_retires(client_as):
    from handreiking.models import OnboardingMaterial

    chapter = ChapterFactory(body=BODY)
    OnboardingMaterial.objects.create(chapter=chapter, title="Introductiedag, module 3")
    client = client_as("editor")
    url = f"/admin/handreiking/chapter/{chapter.pk}/change/"
    page_before = client.get(url).content.decode()
    assert "Wie linkt hierheen?" in page_before
    assert "Introductiedag, module 3" in page_before
    assert f"/h/{chapter.pk}/" in page_before
    assert "#tweede-deel" in page_before
    assert "verdwijnt een kop" not in page_before

    edited = {
        "number": chapter.number,
        "title": chapter.title,
        "slug": chapter.slug,
        "summary": chapter.summary,
        "body": BODY.replace("## Tweede deel", "## Nieuwe naam"),
        "change_kind": "minor",
        "change_note": "",
        "_save_draft": "Concept opslaan",
    }
    client.post(url, edited)
    page_after = client.get(url).content.decode()
    assert "verdwijnt een kop" in page_after
    assert "wijst dan naar de nieuwe kop <code>#nieuwe-naam</code>" in page_after

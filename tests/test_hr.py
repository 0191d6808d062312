"""HR's page: permanent links and QR codes for every chapter and section, and HR's material."""

import pytest

from handreiking.models import Chapter, OnboardingMaterial
from tests.factories import ChapterFactory, publish_change, save_draft

pytestmark = pytest.mark.django_db

# A chapter with one section, whose anchor is "wat-zegt-de-gedragscode-integriteit-rijk".
WITH_SECTION = "Inleiding.\n\n## Wat zegt de Gedragscode Integriteit Rijk?\n\n- Wees zorgvuldig."


def test_hr_page_lists_every_chapter_and_section_with_permanent_links(client):
    first = ChapterFactory(body=WITH_SECTION)
    ChapterFactory()
    body = client.get("/voor-hr/").content.decode()
    for chapter in Chapter.objects.published():
        assert f"http://testserver/h/{chapter.pk}/" in body
        assert f'src="/voor-hr/qr/{chapter.pk}.svg"' in body
    anchor = "wat-zegt-de-gedragscode-integriteit-rijk"
    assert f"http://testserver/h/{first.pk}/#{anchor}" in body
    assert f"/voor-hr/qr/{first.pk}.svg?onderdeel={anchor}" in body


def test_permanent_section_link_survives_a_rename(client):
    chapter = ChapterFactory(body=WITH_SECTION)
    publish_change(chapter=chapter, user=None, slug="ambassadeur")
    response = client.get(f"/h/{chapter.pk}/")
    assert response["Location"] == "/handreiking/ambassadeur/"
    # The browser keeps the #anchor of /h/<id>/#anker across the redirect.
    assert (
        "wat-zegt-de-gedragscode-integriteit-rijk"
        in client.get(response["Location"]).content.decode()
    )


def test_qr_code_is_an_svg_for_the_permanent_link(client):
    chapter = ChapterFactory(body=WITH_SECTION)
    response = client.get(f"/voor-hr/qr/{chapter.pk}.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<?xml")
    assert b'<rect width="100%" height="100%" fill="#fff"/>' in response.content
    section = client.get(
        f"/voor-hr/qr/{chapter.pk}.svg", {"onderdeel": "wat-zegt-de-gedragscode-integriteit-rijk"}
    )
    assert section.status_code == 200
    assert section.content != response.content


def test_qr_code_only_for_real_sections_of_published_chapters(client, editor):
    chapter = ChapterFactory(body=WITH_SECTION)
    assert client.get(f"/voor-hr/qr/{chapter.pk}.svg", {"onderdeel": "x" * 500}).status_code == 404
    draft = Chapter(number=9)
    save_draft(chapter=draft, title="Concept", slug="concept", summary="", body="x",
                        user=editor)  # fmt: skip
    assert client.get(f"/voor-hr/qr/{draft.pk}.svg").status_code == 404
    assert "Concept" not in client.get("/voor-hr/").content.decode()


def test_hr_material_appears_under_its_chapter(client):
    chapter = ChapterFactory()
    OnboardingMaterial.objects.create(
        chapter=chapter, title="Introductiedag, module 3", url="https://intranet.example/intro",
        description="We bespreken de krantentest.",
    )  # fmt: skip
    body = client.get("/voor-hr/").content.decode()
    assert '<a href="https://intranet.example/intro">Introductiedag, module 3</a>' in body
    assert "We bespreken de krantentest." in body


@pytest.mark.parametrize(
    ("role", "material", "chapters", "reflections"),
    [("hr", 200, 403, 403), ("editor", 403, 200, 403), ("reviewer", 403, 403, 200)],
)
def test_each_group_reaches_only_its_own_admin(client_as, role, material, chapters, reflections):
    client = client_as(role)
    assert client.get("/admin/handreiking/onboardingmaterial/add/").status_code == material
    assert client.get("/admin/handreiking/chapter/").status_code == chapters
    assert client.get("/admin/handreiking/reflection/").status_code == reflections


def test_hr_adds_material_only_with_a_web_address(client_as):
    client = client_as("hr")
    chapter = ChapterFactory()
    bad = client.post(
        "/admin/handreiking/onboardingmaterial/add/",
        {"chapter": chapter.pk, "title": "Les", "url": "ftp://intranet.example/x"},
    )
    assert bad.status_code == 200
    assert not OnboardingMaterial.objects.exists()
    good = client.post(
        "/admin/handreiking/onboardingmaterial/add/",
        {"chapter": chapter.pk, "title": "Les", "url": "https://intranet.example/x"},
    )
    assert good.status_code == 302
    assert OnboardingMaterial.objects.get().chapter == chapter

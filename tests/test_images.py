"""Editors' images: only real PNG/JPEG/WebP, with alt text, served safely by every app server."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PillowImage
from PIL import ImageCms

from handreiking.models import Image
from tests.factories import ChapterFactory, ImageFactory, publish_change

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/handreiking/image/add/"


def picture(kind: str = "PNG", size=(40, 30)) -> bytes:
    buffer = BytesIO()
    PillowImage.new("RGB", size, (21, 66, 115)).save(buffer, format=kind)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("kind", "content_type", "extension"),
    [("PNG", "image/png", "png"), ("JPEG", "image/jpeg", "jpg"), ("WEBP", "image/webp", "webp")],
)
def test_editor_uploads_a_real_image_with_alt_text(editor_client, kind, content_type, extension):
    response = editor_client.post(
        ADD_URL,
        {
            # The browser's name and type are ignored: only the content counts.
            "upload": upload("foto.bin", picture(kind), "application/octet-stream"),
            "alt_text": "Schermafbeelding van een LinkedIn-profiel",
        },
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.content_type, image.width, image.height) == (content_type, 40, 30)
    assert image.get_absolute_url() == f"/afbeeldingen/{image.pk}.{extension}"
    assert (
        image.markdown
        == f"![Schermafbeelding van een LinkedIn-profiel](/afbeeldingen/{image.pk}.{extension})"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("nep.png", b"<script>alert(1)</script>", "geen PNG-, JPEG- of WebP-afbeelding"),
        (
            "tekening.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "geen PNG-, JPEG- of WebP-afbeelding",
        ),
        ("animatie.gif", picture("GIF"), "geen PNG-, JPEG- of WebP-afbeelding"),
        ("half.png", picture("PNG", (400, 400))[:200], "geen PNG-, JPEG- of WebP-afbeelding"),
        ("groot.png", b"\x89PNG" + b"0" * (5 * 1024 * 1024 + 1), "te groot"),
    ],
)
def test_anything_but_a_real_image_is_refused(editor_client, name, content, message):
    response = editor_client.post(ADD_URL, {"upload": upload(name, content), "alt_text": "Iets"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Image.objects.exists()


@pytest.mark.parametrize("alt", ["", "   ", "foto", "plaatje"])
def test_alt_text_is_required(editor_client, alt):
    response = editor_client.post(ADD_URL, {"upload": upload("a.png", picture()), "alt_text": alt})
    assert response.status_code == 200
    assert not Image.objects.exists()


@pytest.mark.parametrize(("role", "status"), [("reviewer", 403), ("hr", 403), ("editor", 200)])
def test_only_editors_manage_images(client_as, role, status):
    assert client_as(role).get(ADD_URL).status_code == status


def test_image_is_served_with_its_own_type_and_long_cache(client):
    image = ImageFactory(alt_text="Blauw vlak")
    ChapterFactory(body=f"Een plaatje:\n\n{image.markdown}")
    response = client.get(image.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "immutable" in response["Cache-Control"]
    assert response.content == bytes(image.data)
    assert client.get(f"/afbeeldingen/{image.pk}.jpg").status_code == 404
    assert client.get("/afbeeldingen/99999.png").status_code == 404


def test_chapter_shows_an_image_with_its_alt_text(client):
    image = ImageFactory(alt_text="Blauw vlak")
    chapter = ChapterFactory()
    publish_change(chapter=chapter, user=None, body=chapter.body + "\n\n" + image.markdown)
    body = client.get(chapter.get_absolute_url()).content.decode()
    assert f'<img alt="Blauw vlak" src="/afbeeldingen/{image.pk}.png">' in body


def test_an_image_no_published_text_uses_is_for_staff_only(editor_client):
    image = ImageFactory(alt_text="Nog niet gebruikt")
    assert Client().get(image.get_absolute_url()).status_code == 404
    staff = editor_client.get(image.get_absolute_url())
    assert staff.status_code == 200
    assert "private" in staff["Cache-Control"]


def test_uploaded_photos_lose_their_metadata_and_stay_upright(editor_client):
    photo = PillowImage.new("RGB", (40, 20), "navy")
    exif = PillowImage.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to show upright
    exif[0x013B] = "Jan Fotograaf"  # artist
    exif[0xA431] = "SERIENUMMER-123"  # camera body serial number
    buffer = BytesIO()
    # A JPEG comment (COM) can carry a name too; Pillow would copy it into what it saves.
    photo.save(buffer, format="JPEG", exif=exif.tobytes(), comment=b"Gemaakt door Piet Puk")
    upload = SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")
    response = editor_client.post(
        ADD_URL, {"upload": upload, "alt_text": "Een blauw vlak, gedraaid"}
    )
    assert response.status_code == 302
    stored = Image.objects.get()
    data = bytes(stored.data)
    assert b"Jan Fotograaf" not in data
    assert b"SERIENUMMER-123" not in data
    assert b"Piet Puk" not in data
    with PillowImage.open(BytesIO(data)) as saved:
        assert not saved.getexif()
        assert "comment" not in saved.info
        assert saved.size == (20, 40)  # turned upright
    assert (stored.width, stored.height) == (20, 40)


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP"])
def test_a_colour_profile_goes_and_the_colours_are_kept_in_srgb(editor_client, kind):
    """A profile is an opaque blob: bytes hidden after its tables must not reach readers."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    marked = profile + b"VERBORGEN-IN-PROFIEL-42"
    buffer = BytesIO()
    PillowImage.new("RGB", (30, 30), (200, 30, 40)).save(buffer, format=kind, icc_profile=marked)
    upload = SimpleUploadedFile(f"profiel.{kind.lower()}", buffer.getvalue())
    response = editor_client.post(ADD_URL, {"upload": upload, "alt_text": "Een rood vlak"})
    assert response.status_code == 302
    data = bytes(Image.objects.get().data)
    assert b"VERBORGEN-IN-PROFIEL-42" not in data
    with PillowImage.open(BytesIO(data)) as saved:
        assert not saved.info.get("icc_profile")
        red, green, blue = saved.convert("RGB").getpixel((15, 15))[:3]
        assert abs(red - 200) <= 6 and green <= 40 and blue <= 50

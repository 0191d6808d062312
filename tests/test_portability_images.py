"""Importing content: images pass the upload's check and are stored as an upload stores them
(re-encoded, whatever they carry), and a document that is wrong in a specific way is refused with
a Dutch message that says where, before anything is written (handreiking.portability.images,
.document, .reading, .revisions and .restore).

Every image is made in memory with Pillow; a segment or chunk Pillow does not write is put in
by hand, with its length (and for PNG its CRC) right, so the file is still a valid image."""

import base64
import copy
import struct
import zlib
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PillowImage
from PIL import ImageCms, PngImagePlugin

from handreiking.forms.uploads import inspect_image
from handreiking.models import (
    BestAnswer,
    Chapter,
    ContentVersion,
    Image,
    Revision,
    RevisionState,
    Synonym,
)
from handreiking.portability import (
    PortabilityError,
    delete_content,
    export_content,
    import_content,
)
from handreiking.portability.images import check_image
from tests.factories import ImageFactory, UserFactory, publish_change, save_draft

S = RevisionState
SECRET = "Jan Jansen, Lange Voorhout 9, Den Haag"  # what metadata gives away about a person
ALT = "Een teal vlak als voorbeeld"
NOT_AN_IMAGE = "Dit bestand is geen PNG-, JPEG- of WebP-afbeelding"
MARKER = b"VERBORGEN-LADING-0xC0FFEE"  # bytes someone hid in a file that looks like a picture
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}


# Images, made in memory.


def picture(size=(6, 4), color="teal", mode="RGB") -> PillowImage.Image:
    return PillowImage.new(mode, size, color)


def noise(size=(48, 32)) -> PillowImage.Image:
    """A picture whose compressed data is long enough to hold stuffed bytes and restarts."""
    return PillowImage.effect_noise(size, 64).convert("RGB")


def encoded(image: PillowImage.Image, kind: str, **options) -> bytes:
    buffer = BytesIO()
    image.save(buffer, format=kind, **options)
    return buffer.getvalue()


def png(**options) -> bytes:
    return encoded(picture(), "PNG", **options)


def jpeg(image=None, **options) -> bytes:
    return encoded(image or picture(), "JPEG", **options)


def webp(image=None, **options) -> bytes:
    return encoded(image or picture(), "WEBP", **options)


def exif(orientation: int | None = None) -> bytes:
    data = PillowImage.Exif()
    data[0x013B] = SECRET  # Artist
    if orientation is not None:
        data[0x0112] = orientation
    return data.tobytes()


def text_chunks(kind: str) -> PngImagePlugin.PngInfo:
    info = PngImagePlugin.PngInfo()
    if kind == "tEXt":
        info.add_text("Author", SECRET)
    else:
        info.add_itxt("Author", SECRET, lang="nl")
    return info


def srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload)
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def png_with_chunk(kind: bytes, payload: bytes) -> bytes:
    """A PNG with one more chunk right after its header (signature 8 bytes, IHDR 25)."""
    data = png()
    return data[:33] + png_chunk(kind, payload) + data[33:]


def jpeg_with_segment(marker: int, payload: bytes, data: bytes | None = None) -> bytes:
    """A JPEG with one more segment right after its start (SOI)."""
    data = data or jpeg()
    segment = bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload
    return data[:2] + segment + data[2:]


def animated(kind: str) -> bytes:
    frames = [picture(color="red"), picture(color="blue")]
    return encoded(frames[0], kind, save_all=True, append_images=frames[1:], duration=200)


# What a reader of the stored image gets.


def opened(data: bytes) -> tuple[str, tuple[int, int], dict, dict]:
    with PillowImage.open(BytesIO(data)) as image:
        image.load()
        return image.format, image.size, dict(image.getexif()), dict(image.info)


def assert_without_metadata(data: bytes) -> None:
    assert SECRET.encode() not in data
    assert SECRET.encode("utf-16-be") not in data
    _kind, _size, tags, info = opened(data)
    assert tags == {}
    assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "Author"} & set(info)


def imported(data: bytes) -> Image:
    """An image as a document brings it, through the import's check. The document's content
    type is the true one; its dimensions and size are deliberately wrong: they are derived."""
    claimed = FORMATS[opened(data)[0]]
    image = Image(
        pk=7, alt_text=ALT, data=data, content_type=claimed, width=1, height=1, size=12345
    )
    check_image(image, where="afbeelding 3")
    return image


# Images that carry more than their pixels: stored re-encoded, as an upload stores them.

DIRTY = {
    "png-tEXt": lambda: png(pnginfo=text_chunks("tEXt")),
    "png-iTXt": lambda: png(pnginfo=text_chunks("iTXt")),
    "png-eXIf": lambda: png(exif=exif()),
    "png-private-chunk": lambda: png_with_chunk(b"prVt", SECRET.encode()),
    "png-bytes-after-IEND": lambda: png() + SECRET.encode(),
    "apng": lambda: animated("PNG"),
    "jpeg-exif-app1": lambda: jpeg(exif=exif()),
    "jpeg-xmp-app1": lambda: jpeg_with_segment(
        0xE1, b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>" + SECRET.encode() + b"</x:xmpmeta>"
    ),
    "jpeg-com": lambda: jpeg(comment=SECRET.encode()),
    "jpeg-app13-photoshop": lambda: jpeg_with_segment(
        0xED, b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x26" + SECRET.encode()
    ),
    "jpeg-jfif-with-thumbnail": lambda: jpeg_with_segment(
        0xE0,
        b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x01\x01" + bytes([255, 0, 0]),
        data=jpeg()[:2] + jpeg()[20:],  # its own APP0 replaced by one with a 1 x 1 thumbnail
    ),
    "jpeg-bytes-after-EOI": lambda: jpeg() + SECRET.encode(),
    "jpeg-bytes-between-segments": lambda: jpeg()[:20] + b"\x00\x00" + jpeg()[20:],
    "jpeg-without-EOI": lambda: jpeg()[:-2],
    "webp-lossless-exif": lambda: webp(lossless=True, exif=exif()),
    "webp-lossy-exif": lambda: webp(quality=80, exif=exif()),
    "webp-lossless-xmp": lambda: webp(lossless=True, xmp=f"<x:xmpmeta>{SECRET}</x:xmpmeta>"),
    "webp-lossy-xmp": lambda: webp(quality=80, xmp=f"<x:xmpmeta>{SECRET}</x:xmpmeta>"),
    "webp-animated": lambda: animated("WEBP"),
    "webp-bytes-after-RIFF": lambda: webp(lossless=True) + SECRET.encode(),
}
TYPES = {"png": "image/png", "apng": "image/png", "jpeg": "image/jpeg", "webp": "image/webp"}


# Pillow writes an image's own JPEG comment into every JPEG it saves unless told not to; the
# upload's re-encoding (forms.uploads._without_metadata) clears it, so "jpeg-com" is clean too.
@pytest.mark.parametrize("kind", list(DIRTY))
def test_an_image_with_more_than_pixels_is_stored_as_an_upload_would_store_it(kind):
    original = DIRTY[kind]()
    image = imported(original)
    data = bytes(image.data)
    assert image.content_type == TYPES[kind.split("-")[0]]
    assert (image.width, image.height) == (6, 4)  # the same picture
    assert opened(data)[1] == (6, 4)
    assert data != original
    assert image.size == len(data)
    assert data == inspect_image(ContentFile(original))[3]  # exactly what an upload keeps
    assert_without_metadata(data)


def test_an_animation_keeps_its_first_frame_only():
    for kind in ("PNG", "WEBP"):
        data = bytes(imported(animated(kind)).data)
        with PillowImage.open(BytesIO(data)) as image:
            assert getattr(image, "n_frames", 1) == 1
            red, green, blue = image.convert("RGB").getpixel((0, 0))
            assert red > 240 and green < 16 and blue < 16  # red, the first frame (lossy WebP)


def test_an_image_turned_by_its_exif_is_stored_upright_without_the_exif():
    sideways = jpeg(exif=exif(orientation=6))  # turn 90 degrees to show it
    image = imported(sideways)
    assert (image.width, image.height) == (4, 6)
    assert opened(bytes(image.data))[1] == (4, 6)
    assert_without_metadata(bytes(image.data))


# Images with nothing but their pixels (and a colour profile): re-encoded all the same. Whether
# a chunk or segment is harmless cannot be told from its type: only decoding and encoding again
# makes sure nothing else comes along (the known note: crafted bytes in "clean-looking" chunks).

CLEAN = {
    "png": lambda: png(),
    "png-palette-with-transparency": lambda: encoded(
        picture(mode="P", color=3), "PNG", transparency=3
    ),
    "png-colour-profile": lambda: png(icc_profile=srgb_profile()),
    "png-with-physical-size": lambda: png(dpi=(300, 300)),
    "jpeg-baseline": lambda: jpeg(quality=75),
    "jpeg-grey": lambda: jpeg(picture(mode="L", color=90)),
    "jpeg-progressive": lambda: jpeg(noise(), progressive=True),
    "jpeg-restart-markers": lambda: jpeg(noise(), restart_marker_blocks=1),
    "jpeg-colour-profile": lambda: jpeg(icc_profile=srgb_profile()),
    "jpeg-fill-bytes-before-EOI": lambda: jpeg()[:-2] + b"\xff\xff\xd9",
    "webp-lossless": lambda: webp(lossless=True),
    "webp-lossy": lambda: webp(quality=80),
    "webp-lossy-with-alpha": lambda: webp(picture(mode="RGBA", color=(1, 2, 3, 100))),
    "webp-colour-profile": lambda: webp(lossless=True, icc_profile=srgb_profile()),
}


@pytest.mark.parametrize("kind", CLEAN)
def test_an_image_with_only_its_pixels_is_stored_as_an_upload_would_store_it(kind):
    original = CLEAN[kind]()
    image = imported(original)
    data = bytes(image.data)
    assert data == inspect_image(ContentFile(original))[3]  # never the file's own bytes
    assert image.content_type == TYPES[kind.split("-")[0]]
    assert (image.width, image.height) == opened(original)[1] == opened(data)[1]
    assert image.size == len(data)
    if kind.startswith("png"):  # lossless: importing what was imported changes nothing
        assert bytes(imported(data).data) == data


# Hidden bytes in chunks and segments of a kind a picture may well have: before, such a file was
# kept byte for byte because every chunk type looked clean.
HIDDEN = {
    "png-long-pHYs": lambda: png_with_chunk(b"pHYs", struct.pack(">IIB", 1, 1, 0) + MARKER),
    "png-long-bKGD": lambda: png_with_chunk(b"bKGD", b"\x00\x01\x00\x02\x00\x03" + MARKER),
    "png-text-and-after-IEND": lambda: png(pnginfo=text_chunks("tEXt")) + MARKER,
    "jpeg-unused-quantisation-table": lambda: jpeg_with_segment(
        0xDB,
        bytes([0x03]) + (MARKER + bytes(range(1, 65)))[:64],  # table 3: no frame uses it
    ),
    "jpeg-comment-and-gps": lambda: jpeg(comment=MARKER, exif=gps_exif()),
    "webp-unknown-chunk": lambda: webp_with_chunk(b"XTRA", MARKER),
}


def gps_exif() -> bytes:
    """EXIF with where the photo was taken (the Binnenhof) and a marker in the GPS data."""
    data = PillowImage.Exif()
    data[0x013B] = SECRET  # Artist
    data[0x8825] = {1: "N", 2: (52.0, 4.0, 47.0), 3: "E", 4: (4.0, 18.0, 0.0), 18: MARKER.decode()}
    return data.tobytes()


def webp_with_chunk(kind: bytes, payload: bytes) -> bytes:
    """A lossless WebP with one more RIFF chunk at its end, the RIFF length made right."""
    data = webp(lossless=True)
    chunk = kind + len(payload).to_bytes(4, "little") + payload + b"\x00" * (len(payload) & 1)
    body = data[8:] + chunk
    return b"RIFF" + len(body).to_bytes(4, "little") + body


@pytest.mark.parametrize("kind", HIDDEN)
def test_bytes_hidden_in_harmless_looking_chunks_never_survive(kind):
    original = HIDDEN[kind]()
    assert MARKER in original
    image = imported(original)
    data = bytes(image.data)
    assert MARKER not in data
    assert data == inspect_image(ContentFile(original))[3]
    assert opened(data)[1] == (6, 4)
    assert_without_metadata(data)
    if kind.startswith("jpeg"):
        with PillowImage.open(BytesIO(data)) as picture_read:
            assert picture_read.getexif().get_ifd(0x8825) == {}  # no GPS position


def test_a_colour_profile_goes_as_at_an_upload_with_its_colours_in_srgb():
    profile = srgb_profile() + b"VERBORGEN-NA-HET-PROFIEL"
    for data in (png(icc_profile=profile), jpeg(icc_profile=profile), webp(icc_profile=profile)):
        stored = bytes(imported(data).data)
        assert b"VERBORGEN-NA-HET-PROFIEL" not in stored
        assert not opened(stored)[3].get("icc_profile")


CLAIMS = {
    "jpeg-said-to-be-png": (lambda: jpeg(noise((20, 10))), "image/png", "een PNG", "JPEG"),
    "webp-said-to-be-jpeg": (lambda: webp(lossless=True), "image/jpeg", "een JPEG", "WebP"),
    "png-said-to-be-webp": (lambda: png(), "image/webp", "een WebP", "PNG"),
    "png-said-to-be-gif": (lambda: png(), "image/gif", "van het type „image/gif”", "PNG"),
    "png-without-a-type": (lambda: png(), "", "van het type „”", "PNG"),
}


@pytest.mark.parametrize("kind", CLAIMS)
def test_an_image_that_is_not_the_type_the_document_says_is_refused(kind):
    make, claimed, said, found = CLAIMS[kind]
    data = make()
    image = Image(pk=7, alt_text=ALT, data=data, content_type=claimed, width=6, height=4)
    with pytest.raises(PortabilityError) as refused:
        check_image(image, where="afbeelding 3")
    assert str(refused.value) == (
        f"afbeelding 3 (id 7, „{ALT}”): volgens het bestand is dit {said}"
        f"{'-afbeelding' if said.startswith('een') else ''}, maar de inhoud is een "
        f"{found}-afbeelding. Een afbeelding die iets anders is dan het bestand zegt, wordt "
        "niet ingelezen."
    )
    assert (bytes(image.data), image.content_type) == (data, claimed)  # left as it came


BROKEN = {
    "truncated-png": lambda: png()[: len(png()) // 2],
    "truncated-jpeg": lambda: jpeg()[: len(jpeg()) // 2],
    "truncated-webp": lambda: webp(lossless=True)[:20],
    "gif": lambda: encoded(picture(), "GIF"),
    "svg": lambda: b'<svg xmlns="http://www.w3.org/2000/svg"/>',
    "text-called-png": lambda: b"\x89PNG\r\n\x1a\nmaar verder niets",
    "empty": lambda: b"",
}


@pytest.mark.parametrize("kind", BROKEN)
def test_a_broken_image_is_refused_with_a_dutch_message_naming_it(kind):
    data = BROKEN[kind]()
    image = Image(pk=7, alt_text=ALT, data=data, content_type="image/png", width=6, height=4)
    with pytest.raises(PortabilityError) as refused:
        check_image(image, where="afbeelding 3")
    assert str(refused.value).startswith(f"afbeelding 3 (id 7, „{ALT}”): {NOT_AN_IMAGE}")
    assert (bytes(image.data), image.content_type) == (data, "image/png")  # left as it came


def test_an_image_beyond_the_upload_limits_is_refused():
    image = Image(pk=8, alt_text=ALT, data=png() + bytes(5 * 1024 * 1024))
    with pytest.raises(PortabilityError, match=r"^afbeelding 1 \(id 8, .*\): .*te groot"):
        check_image(image, where="afbeelding 1")
    huge = encoded(PillowImage.new("1", (8000, 5001)), "PNG")  # small file, too many pixels
    with pytest.raises(PortabilityError, match="te veel pixels"):
        check_image(Image(pk=9, alt_text=ALT, data=huge), where="afbeelding 2")


# Whole documents: a small handreiking exported, changed, and imported again.


@pytest.fixture
def document(db) -> dict:
    """The export of one published chapter with an open revision on top, one image, a synonym
    and a best answer."""
    delete_content()
    editor = UserFactory(username="j.jansen")
    chapter = publish_change(
        chapter=Chapter(number=1),
        user=editor,
        reviewer=UserFactory(username="p.pietersen"),
        title="Online actief",
        slug="online-actief",
        body="Over twitteren.\n\n## Wat mag wel\n\nVeel.",
    )
    save_draft(chapter=chapter, user=editor, body="Over twitteren en bloggen.")
    ImageFactory(uploaded_by=editor, alt_text="Een blauw vlak als voorbeeld")
    Synonym.objects.create(terms="baas, leidinggevende")
    BestAnswer.objects.create(query="tweet", chapter=chapter, anchor="wat-mag-wel")
    return export_content()


def stored() -> dict:
    """What is in the database, to compare before and after a refused import."""
    return {
        "chapters": list(Chapter.objects.order_by("pk").values_list("pk", "slug", "body")),
        "history": Chapter.history.count(),
        "revisions": list(Revision.objects.order_by("pk").values_list("pk", "state", "body")),
        "images": [
            (pk, bytes(data)) for pk, data in Image.objects.order_by("pk").values_list("pk", "data")
        ],
        "synonyms": list(Synonym.objects.values_list("pk", "terms")),
        "best_answers": list(BestAnswer.objects.values_list("pk", "chapter")),
        "content_version": ContentVersion.objects.current(),
    }


def image_row(document: dict, pk: int, data: bytes, alt: str, content_type=None) -> dict:
    """An image as an export holds it; its content type the true one unless given."""
    row = {**document["images"][0], "id": pk, "alt_text": alt}
    row["data"] = base64.b64encode(data).decode("ascii")
    row["content_type"] = content_type or FORMATS[opened(data)[0]]
    return row


def test_imported_images_show_the_same_picture_without_metadata(document, client):
    rows = {
        601: (png(pnginfo=text_chunks("tEXt")), "image/png"),
        602: (jpeg(exif=exif()), "image/jpeg"),
        603: (webp(quality=80, xmp=f"<x:xmpmeta>{SECRET}</x:xmpmeta>"), "image/webp"),
        604: (jpeg(quality=75), "image/jpeg"),
        605: (webp(lossless=True), "image/webp"),
    }
    document["images"] = [
        image_row(document, pk, data, f"Afbeelding nummer {pk}")
        for pk, (data, _type) in rows.items()
    ]
    summary = import_content(document=document, replace=True)
    assert summary.images == 5
    client.force_login(UserFactory())  # the library, as an editor sees it
    for pk, (original, content_type) in rows.items():
        image = Image.objects.get(pk=pk)
        data = bytes(image.data)
        assert (image.content_type, image.width, image.height) == (content_type, 6, 4)
        assert image.size == len(data)
        assert image.uploaded_by.username == "j.jansen"
        assert data == inspect_image(ContentFile(original))[3]  # as an upload stores it
        assert_without_metadata(data)
        served = client.get(image.get_absolute_url())
        assert served.status_code == 200
        assert served["Content-Type"] == content_type
        assert b"".join(served) == data


def test_an_export_with_bytes_hidden_in_its_images_imports_the_pictures_only(document, client):
    """The issue's case: a PNG with a text chunk and bytes after IEND, a JPEG with a comment and
    its GPS position, each carrying a marker; readers and editors get the pictures only."""
    rows = {
        611: png(pnginfo=text_chunks("tEXt")) + MARKER,
        612: png_with_chunk(b"tEXt", b"Comment\x00" + MARKER) + b"\x00IEND" + MARKER,
        613: jpeg(comment=MARKER, exif=gps_exif()),
        614: jpeg(noise(), comment=MARKER, exif=gps_exif()) + MARKER,
    }
    document["images"] = [
        image_row(document, pk, data, f"Afbeelding nummer {pk}") for pk, data in rows.items()
    ]
    assert all(MARKER in base64.b64decode(row["data"]) for row in document["images"])
    assert import_content(document=document, replace=True).images == 4
    for pk, original in rows.items():
        image = Image.objects.get(pk=pk)
        data = bytes(image.data)
        assert MARKER not in data
        assert data == inspect_image(ContentFile(original))[3]
        assert_without_metadata(data)
        with PillowImage.open(BytesIO(data)) as picture_read:
            assert picture_read.getexif().get_ifd(0x8825) == {}
        assert MARKER not in b"".join(client.get(image.get_absolute_url()))


def test_an_image_of_another_type_than_the_document_says_changes_nothing(document):
    before = stored()
    document["images"].append(
        image_row(document, 602, jpeg(), "Een foto die een PNG heet", "image/png")
    )
    with pytest.raises(PortabilityError) as refused:
        import_content(document=document, replace=True)
    assert str(refused.value) == (
        "afbeelding 2 (id 602, „Een foto die een PNG heet”): volgens het bestand is dit een "
        "PNG-afbeelding, maar de inhoud is een JPEG-afbeelding. Een afbeelding die iets anders "
        "is dan het bestand zegt, wordt niet ingelezen."
    )
    assert stored() == before


def test_a_broken_image_in_a_document_changes_nothing(document):
    before = stored()
    truncated = jpeg()[:300]
    document["images"].append(image_row(document, 602, truncated, "Een kapotte foto", "image/jpeg"))
    with pytest.raises(PortabilityError) as refused:
        import_content(document=document, replace=True)
    assert str(refused.value).startswith(
        f"afbeelding 2 (id 602, „Een kapotte foto”): {NOT_AN_IMAGE}"
    )
    assert stored() == before


def chapter(document: dict) -> dict:
    return document["chapters"][0]


def draft(document: dict) -> dict:
    return next(r for r in chapter(document)["revisions"] if r["state"] == S.DRAFT)


def twice(document: dict, key: str) -> None:
    document[key].append(copy.deepcopy(document[key][0]))


HERE = r"hoofdstuk 1 \(online-actief\)"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            lambda d: d["chapters"].insert(0, "Online actief"),
            r"^hoofdstuk 1: verwacht een object met velden\.$",
            id="chapter-not-an-object",
        ),
        pytest.param(
            lambda d: d["images"][0].update(data=12345),
            r"^afbeelding 1: het veld „data” klopt niet: verwacht base64-tekst$",
            id="image-data-not-text",
        ),
        pytest.param(
            lambda d: chapter(d).update(title=["Online", "actief"]),
            r"^hoofdstuk 1: het veld „title” klopt niet: verwacht een enkele waarde$",
            id="title-a-list",
        ),
        pytest.param(
            lambda d: chapter(d).update(title=None),
            r"^hoofdstuk 1: het veld „title” klopt niet: Dit veld mag niet leeg zijn\.$",
            id="title-null",
        ),
        pytest.param(
            lambda d: draft(d).update(author=42),
            rf"^{HERE}, versie #\d+: een gebruikersnaam moet tekst zijn of null\.$",
            id="author-a-number",
        ),
        pytest.param(
            lambda d: d["images"][0].update(uploaded_by=""),
            r"^afbeelding 1: een gebruikersnaam moet tekst zijn of null\.$",
            id="uploader-empty",
        ),
        pytest.param(
            lambda d: chapter(d).update(live_revision=draft(d)["id"]),
            rf"^{HERE}: de gepubliceerde versie #\d+ staat niet als gepubliceerd in het "
            r"bestand maar als „draft”\.$",
            id="live-revision-not-published",
        ),
        pytest.param(
            lambda d: d["best_answers"][0].update(chapter=999999),
            r"^beste antwoord 1: hoofdstuk 999999 ontbreekt\.$",
            id="best-answer-for-a-missing-chapter",
        ),
        pytest.param(
            lambda d: twice(d, "chapters"),
            r"^Hoofdstuk-id \d+ staat twee keer in het bestand\.$",
            id="chapter-twice",
        ),
        pytest.param(
            lambda d: twice(d, "images"),
            r"^Een afbeelding-id staat twee keer in het bestand\.$",
            id="image-twice",
        ),
        pytest.param(
            lambda d: d.update(format="iets anders"),
            r"^Dit is geen export van de inhoud van het Handreiking-portaal \(het veld „format”",
            id="not-an-export",
        ),
        pytest.param(
            lambda d: d.update(format_version=True),
            r"^Dit bestand heeft formaatversie True; .* leest formaatversie 1 en 2 \(de nieuwste",
            id="format-version-not-a-number",
        ),
        pytest.param(
            lambda d: d.update(chapters="Online actief"),
            r"^het bestand: „chapters” moet een lijst zijn\.$",
            id="chapters-not-a-list",
        ),
        pytest.param(
            lambda d: chapter(d).pop("summary"),
            r"^hoofdstuk 1: het veld „summary” ontbreekt\.$",
            id="field-missing",
        ),
        pytest.param(
            lambda d: draft(d).update(state="live"),
            rf"^{HERE}, opgeslagen versie 2: het veld „state” klopt niet: „live” is geen "
            r"toegestane waarde$",
            id="unknown-revision-state",
        ),
        pytest.param(
            lambda d: chapter(d).update(live_revision=999999),
            rf"^{HERE}: de gepubliceerde versie \(999999\) is geen versie van dit hoofdstuk\.$",
            id="live-revision-elsewhere",
        ),
        pytest.param(
            lambda d: draft(d).update(parent=999999),
            rf"^{HERE}, versie #\d+: bouwt voort op versie #999999, die niet in het bestand",
            id="parent-missing",
        ),
        pytest.param(
            lambda d: chapter(d)["revisions"].append(copy.deepcopy(draft(d))),
            r"^Versie-id \d+ staat twee keer in het bestand\.$",
            id="revision-twice",
        ),
        pytest.param(
            lambda d: (twice(d, "chapters"), d["chapters"][1].update(id=999999)),
            r"^Het adres „online-actief” staat twee keer in het bestand\.$",
            id="address-twice",
        ),
        pytest.param(
            lambda d: twice(d, "synonyms"),
            r"^De inhoud past niet in deze database: ",
            id="synonym-twice",
        ),
    ],
)
def test_a_document_wrong_in_one_place_is_refused_and_changes_nothing(document, change, message):
    before = stored()
    change(document)
    with pytest.raises(PortabilityError, match=message):
        import_content(document=document, replace=True)
    assert stored() == before


def test_a_database_with_content_is_only_replaced_when_asked(document):
    before = stored()
    with pytest.raises(PortabilityError, match=r"^De database heeft al inhoud \(1 hoofdstukken"):
        import_content(document=document)
    assert stored() == before


def test_an_approval_goes_back_to_review_and_an_unknown_user_becomes_nobody(document, client):
    approved = draft(document)
    approved.update(
        state=S.APPROVED,
        author="vertrokken.collega",
        reviewed_by="p.pietersen",
        reviewed_at=approved["created_at"],
    )
    chapter(document)["anchor_aliases"] = [
        {
            "anchor": "wat-mocht",
            "title": "Wat mocht",
            "target": "wat-mag-wel",
            "kind": "renamed",
            "retired_at": "2024-01-01T00:00:00+00:00",
        }
    ]
    unpublished = {
        **copy.deepcopy(chapter(document)),
        **{"id": 999999, "number": 2, "slug": "nog-niet-af", "title": "Nog niet af"},
        **{"is_published": False, "first_published_at": None, "last_major_change_at": None},
        **{"live_revision": None, "revisions": [], "history": [], "anchor_aliases": []},
        **{"former_slugs": [], "change_notes": [], "onboarding_materials": []},
    }
    document["chapters"].append(unpublished)
    summary = import_content(document=document, replace=True)
    assert (summary.chapters, summary.resubmitted) == (2, 1)
    assert summary.unknown_users == {"vertrokken.collega"}
    revision = Revision.objects.get(pk=approved["id"])
    assert (revision.state, revision.author, revision.reviewed_by) == (S.SUBMITTED, None, None)
    when = timezone.localtime(revision.created_at).strftime("%d-%m-%Y %H:%M")
    assert revision.events.last().comment == (
        "Ingelezen: opnieuw ter controle. Niet overgenomen uit het bestand: de goedkeuring door "
        f"p.pietersen op {when}."
    )
    assert Chapter.objects.get(pk=999999).live_revision is None
    page = client.get("/handreiking/online-actief/").content.decode()
    assert 'id="wat-mocht"' in page  # the retired anchor still leads to its heading


def version_1(document: dict, draft) -> dict:
    """The document as format version 1 wrote it: one draft per chapter, no revisions."""
    old = {**copy.deepcopy(document), "format_version": 1}
    for row in old["chapters"]:
        del row["revisions"], row["live_revision"]
        row["draft"] = draft
    return old


def legacy_draft(**changes) -> dict:
    draft = {
        "title": "Online actief",
        "slug": "online-actief",
        "summary": "",
        "body": "Over twitteren, uit het oude concept.",
        "updated_at": "2024-03-01T09:00:00+00:00",
        "updated_by": "j.jansen",
        "change_kind": "minor",
        "change_note": "",
        "publish_at": None,
        "review_state": "requested",
        "review_requested_by": "j.jansen",
        "review_requested_at": "2024-03-01T10:00:00+00:00",
        "reviewed_by": None,
        "reviewed_at": None,
        "review_comment": "",
    }
    draft.update(changes)
    return {name: value for name, value in draft.items() if value is not ...}


def test_a_version_1_document_with_a_sound_draft_is_read(document):
    import_content(document=version_1(document, legacy_draft()), replace=True)
    revision = Revision.objects.get(state=S.SUBMITTED)
    assert revision.body == "Over twitteren, uit het oude concept."
    assert revision.parent == Chapter.objects.get(number=1).live_revision


@pytest.mark.parametrize(
    ("draft", "message"),
    [
        pytest.param(
            "Over twitteren.",
            rf"^{HERE}, concept: verwacht een object met velden\.$",
            id="not-an-object",
        ),
        pytest.param(
            legacy_draft(title=...),
            rf"^{HERE}, concept: het veld „title” ontbreekt\.$",
            id="title-missing",
        ),
        pytest.param(
            legacy_draft(updated_at="gisteren"),
            rf"^{HERE}, concept: het veld „updated_at” klopt niet: ",
            id="date-not-a-date",
        ),
        pytest.param(
            legacy_draft(review_state="goedgekeurd"),
            rf"^{HERE}, concept: het veld „review_state” klopt niet: „goedgekeurd” is geen "
            r"toegestane waarde$",
            id="unknown-review-state",
        ),
        pytest.param(
            legacy_draft(review_state=...),
            rf"^{HERE}, concept: het veld „review_state” klopt niet: „None”",
            id="review-state-missing",
        ),
        pytest.param(
            legacy_draft(review_state=["requested"]),
            rf"^{HERE}, concept: het veld „review_state” klopt niet",
            id="review-state-a-list",
        ),
        pytest.param(
            legacy_draft(updated_by=7),
            rf"^{HERE}, concept: een gebruikersnaam moet tekst zijn of null\.$",
            id="author-a-number",
        ),
    ],
)
def test_a_version_1_document_with_a_wrong_draft_is_refused_and_changes_nothing(
    document, draft, message
):
    before = stored()
    with pytest.raises(PortabilityError, match=message):
        import_content(document=version_1(document, draft), replace=True)
    assert stored() == before

"""Images in a document pass the same check as an editor's upload.

`handreiking.forms.uploads.inspect_image` decides: only real PNG, JPEG and WebP content, within
the upload's limits, and what is stored is the picture without its metadata. A file says what
it likes about itself, so the content type and size come from that check, not from the file.

An image that already carries nothing but its pixels (and a colour profile, which the upload
keeps too) is stored with its own bytes: re-encoding a JPEG or WebP loses a little quality each
time, so an image would otherwise change with every export and import. What counts as "nothing
but its pixels" is a short list of the chunks and segments the upload itself writes; anything
else (EXIF, XMP, text, comments, thumbnails, animation, bytes after the end) and the image is
stored re-encoded, as an upload would be.
"""

from django import forms
from django.core.files.base import ContentFile

from handreiking.forms.uploads import inspect_image
from handreiking.models import Image
from handreiking.portability.document import PortabilityError

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_CHUNKS = frozenset(
    {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT"}
    | {b"pHYs", b"bKGD"}
)
WEBP_CHUNKS = frozenset({b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ICCP"})
JPEG_SOI, JPEG_EOI, JPEG_SOS = 0xD8, 0xD9, 0xDA
# Quantisation and Huffman tables, restart interval, start of scan.
JPEG_TABLES = frozenset({0xDB, 0xC4, 0xDD, JPEG_SOS})
# Start of frame, in all its kinds (0xC4, 0xC8 and 0xCC share the range but are something else).
JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
JFIF_WITHOUT_THUMBNAIL = 14  # "JFIF\0", version, units, densities, thumbnail 0 x 0


def check_image(image: Image, *, where: str) -> None:
    """Check the image's bytes as an upload is checked, and keep what an upload would keep;
    a PortabilityError that names the image when they are not a usable image."""
    original = bytes(image.data)
    try:
        content_type, width, height, clean = inspect_image(ContentFile(original))
    except forms.ValidationError as error:
        which = f"{where} (id {image.pk}, „{image.alt_text}”)"
        raise PortabilityError(f"{which}: {' '.join(error.messages)}") from None
    data = original if only_pixels(original, content_type) else clean
    image.content_type, image.width, image.height = content_type, width, height
    image.data, image.size = data, len(data)


def only_pixels(data: bytes, content_type: str) -> bool:
    """Whether the file holds nothing but the picture and its colour profile."""
    if content_type == "image/png":
        return _bare_png(data)
    if content_type == "image/jpeg":
        return _bare_jpeg(data)
    if content_type == "image/webp":
        return _bare_webp(data)
    return False


def _bare_png(data: bytes) -> bool:
    if not data.startswith(PNG_SIGNATURE):
        return False
    position = len(PNG_SIGNATURE)
    while position + 12 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        end = position + 12 + length  # length, type, data, CRC
        if kind not in PNG_CHUNKS or end > len(data):
            return False
        if kind == b"IEND":
            return end == len(data)
        position = end
    return False


def _bare_jpeg(data: bytes) -> bool:
    if data[:2] != bytes([0xFF, JPEG_SOI]):
        return False
    position = 2
    while position + 2 <= len(data):
        if data[position] != 0xFF:
            return False
        marker = data[position + 1]
        if marker == JPEG_EOI:
            return position + 2 == len(data)
        if position + 4 > len(data):
            return False
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        end = position + 2 + length
        if length < 2 or end > len(data) or not _plain_segment(marker, data[position + 4 : end]):
            return False
        position = end
        if marker == JPEG_SOS:
            position = _after_scan(data, position)
    return False


def _plain_segment(marker: int, payload: bytes) -> bool:
    if marker in JPEG_TABLES or marker in JPEG_FRAMES:
        return True
    if marker == 0xE0:  # APP0: JFIF without a thumbnail
        return payload.startswith(b"JFIF\x00") and len(payload) == JFIF_WITHOUT_THUMBNAIL
    if marker == 0xE2:  # APP2: the colour profile
        return payload.startswith(b"ICC_PROFILE\x00")
    return False  # EXIF, XMP, comments, Photoshop and Adobe segments, and anything unknown


def _after_scan(data: bytes, position: int) -> int:
    """Where the marker after a scan's compressed data starts (the end of the data if none):
    inside the data 0xFF is followed by 0x00 (a stuffed byte), a restart marker or more 0xFF."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= len(data):
            return len(data)
        following = data[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            position += 2
        elif following == 0xFF:
            position += 1
        else:
            return position


def _bare_webp(data: bytes) -> bool:
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return False
    if int.from_bytes(data[4:8], "little") + 8 != len(data):
        return False
    position = 12
    while position + 8 <= len(data):
        kind = data[position : position + 4]
        length = int.from_bytes(data[position + 4 : position + 8], "little")
        if kind not in WEBP_CHUNKS:
            return False
        position += 8 + length + (length & 1)  # chunks are padded to an even length
    return position == len(data)

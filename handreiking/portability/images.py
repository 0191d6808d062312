"""Images in a document pass the same check as an editor's upload, and are stored as it stores them.

`handreiking.forms.uploads.inspect_image` decides: only real PNG, JPEG and WebP content, within
the upload's limits, decoded in full and re-encoded without metadata. What is stored is always
that re-encoding, never the file's own bytes: a chunk or segment that looks harmless can carry
anything (a marker, a name, a payload after the end), and only decoding and encoding again
guarantees that nothing but the picture (and its colour profile, which the upload keeps too)
comes along. The price is one more generation of lossy compression per import for JPEG and lossy
WebP, too small to see (measured: PSNR above 50 dB after ten imports in a row).

The document's content type is a claim the content must bear out: an image that is something
else than the document says is refused, not quietly taken as what it turns out to be. Width,
height and size are derived from the re-encoded picture.
"""

from django import forms
from django.core.files.base import ContentFile

from handreiking.forms.uploads import inspect_image
from handreiking.models import Image
from handreiking.portability.document import PortabilityError

KINDS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WebP"}


def check_image(image: Image, *, where: str) -> None:
    """Check the image's bytes as an upload is checked, and keep what an upload would keep;
    a PortabilityError that names the image when they are not a usable image, or not the kind
    of image the document says."""
    which = f"{where} (id {image.pk}, „{image.alt_text}”)"
    try:
        content_type, width, height, clean = inspect_image(ContentFile(bytes(image.data)))
    except forms.ValidationError as error:
        raise PortabilityError(f"{which}: {' '.join(error.messages)}") from None
    if image.content_type != content_type:
        claimed = (
            f"een {KINDS[image.content_type]}-afbeelding"
            if image.content_type in KINDS
            else f"van het type „{image.content_type}”"
        )
        raise PortabilityError(
            f"{which}: volgens het bestand is dit {claimed}, maar de inhoud is een "
            f"{KINDS[content_type]}-afbeelding. Een afbeelding die iets anders is dan het bestand "
            "zegt, wordt niet ingelezen."
        )
    image.content_type, image.width, image.height = content_type, width, height
    image.data, image.size = clean, len(clean)

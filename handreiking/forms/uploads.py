"""Forms of images (checked and re-encoded on upload) and HR's onboarding material."""

from io import BytesIO

from django import forms
from django.utils.translation import gettext_lazy as _
from PIL import Image as PillowImage
from PIL import ImageCms, ImageOps, UnidentifiedImageError

from handreiking.models import Chapter, Image, OnboardingMaterial

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}


def inspect_image(upload) -> tuple[str, int, int, bytes]:
    """Content type, width, height and bytes of a real PNG, JPEG or WebP image.

    The file's name and the browser's content type are ignored: only the content counts. The
    bytes returned are the picture re-encoded, turned upright, without its metadata (EXIF GPS
    position, camera serial, photographer's name, text chunks)."""
    if upload.size > MAX_IMAGE_BYTES:
        raise forms.ValidationError(
            _("De afbeelding is te groot (meer dan 5 MB). Verklein hem en probeer het opnieuw.")
        )
    data = upload.read()
    not_an_image = forms.ValidationError(
        _("Dit bestand is geen PNG-, JPEG- of WebP-afbeelding. Alleen die soorten kunnen.")
    )
    try:
        with PillowImage.open(BytesIO(data)) as probe:
            kind, (width, height) = probe.format, probe.size
            if width * height > MAX_IMAGE_PIXELS:
                raise forms.ValidationError(_("De afbeelding heeft te veel pixels."))
            probe.verify()
        with PillowImage.open(BytesIO(data)) as full:
            full.load()  # verify() misses truncated data; decoding fully does not
            clean, width, height = _without_metadata(full, kind)
    except forms.ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise not_an_image from error
    except PillowImage.DecompressionBombError as error:
        raise forms.ValidationError(_("De afbeelding heeft te veel pixels.")) from error
    if kind not in IMAGE_FORMATS:
        raise not_an_image
    return IMAGE_FORMATS[kind], width, height, clean


def _without_metadata(image: PillowImage.Image, kind: str) -> tuple[bytes, int, int]:
    """The pixels only, upright (EXIF orientation applied), in the same format."""
    upright = ImageOps.exif_transpose(image)
    options = {"quality": 90} if kind in {"JPEG", "WEBP"} else {"optimize": True}
    # A colour profile is an opaque blob that can carry anything after its tables: the pixels
    # are turned into sRGB (what browsers assume without one) and the profile goes.
    upright = _in_srgb(upright, image.info.get("icc_profile"))
    if kind == "JPEG" and upright.mode not in {"RGB", "L"}:
        upright = upright.convert("RGB")
    # Pillow writes an image's own JPEG comment (COM) into what it saves unless told not to: a
    # comment can carry a name or an address, so it goes with the rest of the metadata.
    if kind == "JPEG":
        options["comment"] = b""
    upright = upright.copy()
    upright.info = {}
    buffer = BytesIO()
    upright.save(buffer, format=kind, **options)
    return buffer.getvalue(), upright.width, upright.height


def _in_srgb(image: PillowImage.Image, profile: bytes | None) -> PillowImage.Image:
    if not profile:
        return image
    if image.mode not in {"RGB", "RGBA"}:
        image = image.convert("RGBA" if "A" in image.mode or image.mode == "P" else "RGB")
    try:
        return ImageCms.profileToProfile(
            image,
            ImageCms.ImageCmsProfile(BytesIO(profile)),
            ImageCms.createProfile("sRGB"),
            outputMode=image.mode,
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # a profile that cannot be read: the pixels as they are, without it


class ImageUploadForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Afbeelding"),
        help_text=_("PNG, JPEG of WebP, hoogstens 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )

    class Meta:
        model = Image
        fields = ["upload", "alt_text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # An image never changes: a new picture is a new upload with its own address.
            del self.fields["upload"]

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        self.inspected = inspect_image(upload)
        return upload

    def clean_alt_text(self):
        alt = " ".join(self.cleaned_data["alt_text"].split())
        if len(alt) < 5 or alt.lower() in {"afbeelding", "plaatje", "foto", "image"}:
            raise forms.ValidationError(
                _("Beschrijf wat er op de afbeelding staat, in een paar woorden.")
            )
        return alt

    def save(self, commit=True):
        image = super().save(commit=False)
        if hasattr(self, "inspected"):
            image.content_type, image.width, image.height, data = self.inspected
            image.data, image.size = data, len(data)
        if commit:
            image.save()
        return image


class OnboardingMaterialForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Adres"),
        required=False,
        # The column's length: a longer address must be refused here, not by PostgreSQL.
        max_length=OnboardingMaterial._meta.get_field("url").max_length,
        assume_scheme="https",
        help_text=_("Link naar het materiaal op het intranet (https://…). Niet verplicht."),
    )

    class Meta:
        model = OnboardingMaterial
        fields = ["chapter", "title", "url", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chapter"].queryset = Chapter.objects.published().in_order()

    def clean_url(self):
        url = self.cleaned_data["url"]
        if url and not url.lower().startswith(("https://", "http://")):
            raise forms.ValidationError(_("Gebruik een adres dat begint met https://."))
        return url

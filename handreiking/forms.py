"""Forms: the editor's chapter form and the restore confirmation."""

from io import BytesIO

from django import forms
from django.utils.translation import gettext_lazy as _
from markdownx.widgets import AdminMarkdownxWidget

from handreiking.models import Answer, Chapter, ChapterSlug, Image, OnboardingMaterial, Topic

CHANGE_KIND_CHOICES = [
    ("minor", _("Kleine wijziging: een typefout of opmaak. De datum blijft gelijk.")),
    ("major", _("Belangrijke wijziging: lezers zien een nieuwe datum en uw notitie.")),
]


class ChangeKindMixin(forms.Form):
    MINOR, MAJOR = "minor", "major"
    change_kind = forms.ChoiceField(
        label=_("Soort wijziging"),
        choices=CHANGE_KIND_CHOICES,
        initial="minor",
        widget=forms.RadioSelect,
    )
    change_note = forms.CharField(
        label=_("Wijzigingsnotitie"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Wat is er veranderd, in één zin? Bijvoorbeeld: „Voorbeelden over LinkedIn "
            "toegevoegd.” Verplicht bij een belangrijke wijziging."
        ),
    )


class ChapterAdminForm(ChangeKindMixin, forms.ModelForm):
    class Meta:
        model = Chapter
        fields = ["number", "title", "slug", "summary", "body"]
        widgets = {
            "body": AdminMarkdownxWidget(attrs={"rows": 24}),
            "summary": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        former = ChapterSlug.objects.filter(slug=slug)
        if self.instance.pk:
            former = former.exclude(chapter=self.instance)
        if former.exists():
            raise forms.ValidationError(
                _(
                    "Dit adres was eerder van een ander hoofdstuk en stuurt daar nog naar door. "
                    "Kies een ander adres, zodat bestaande links blijven werken."
                )
            )
        return slug

    def clean(self):
        cleaned = super().clean()
        publishing = "_save_draft" not in self.data
        already_published = bool(self.instance.pk and self.instance.is_published)
        if (
            publishing
            and already_published
            and cleaned.get("change_kind") == self.MAJOR
            and not (cleaned.get("change_note") or "").strip()
        ):
            self.add_error(
                "change_note",
                _(
                    "Schrijf bij een belangrijke wijziging een korte notitie: lezers zien die "
                    "onder het hoofdstuk en in het overzicht van wijzigingen."
                ),
            )
        return cleaned


class RestoreForm(ChangeKindMixin, forms.Form):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("change_kind") == self.MAJOR and not cleaned.get("change_note", "").strip():
            self.add_error("change_note", _("Schrijf bij een belangrijke wijziging een notitie."))
        return cleaned


MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}


def inspect_image(upload) -> tuple[str, int, int, bytes]:
    """Content type, width, height and bytes of a real PNG, JPEG or WebP image.

    The file's name and the browser's content type are ignored: only the content counts."""
    from PIL import Image as PillowImage
    from PIL import UnidentifiedImageError

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
    except forms.ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise not_an_image from error
    except PillowImage.DecompressionBombError as error:
        raise forms.ValidationError(_("De afbeelding heeft te veel pixels.")) from error
    if kind not in IMAGE_FORMATS:
        raise not_an_image
    return IMAGE_FORMATS[kind], width, height, data


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


def answer_field(label: str, required_message: str) -> forms.ChoiceField:
    """One question of the newspaper test: ja / nee / weet ik niet."""
    return forms.ChoiceField(
        label=label,
        choices=Answer.choices,
        widget=forms.RadioSelect(attrs={"class": "choices__input"}),
        error_messages={
            "required": required_message,
            "invalid_choice": _("Kies ja, nee of weet ik niet."),
        },
    )


class ZelftoetsForm(forms.Form):
    """The newspaper test of chapter 3, with an optional anonymous reflection."""

    colleagues = answer_field(
        _("Kun je je collega's nog recht in de ogen kijken als je bericht online staat?"),
        _("Kies of je je collega's nog recht in de ogen kunt kijken."),
    )
    manager = answer_field(
        _("Zou je bericht de goedkeuring krijgen van je leidinggevende?"),
        _("Kies of je bericht de goedkeuring van je baas zou krijgen."),
    )
    newspaper = answer_field(
        _("Voel je je op je gemak als je bericht morgen in de krant staat?"),
        _("Kies of je je op je gemak voelt met je bericht in de krant."),
    )
    topic = forms.ChoiceField(
        label=_("Waar gaat je bericht over? (niet verplicht)"),
        choices=[("", _("Zeg ik liever niet")), *Topic.choices],
        required=False,
        widget=forms.RadioSelect(attrs={"class": "choices__input"}),
        error_messages={
            "invalid_choice": _("Kies een van de onderwerpen, of „Zeg ik liever niet”.")
        },
    )
    text = forms.CharField(
        label=_("Wil je iets kwijt over je twijfel? (niet verplicht)"),
        help_text=_(
            "Hoogstens 4.000 tekens. Schrijf geen namen, e-mailadressen of telefoonnummers: "
            "die halen we er toch uit."
        ),
        required=False,
        max_length=4000,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 4000}),
        error_messages={
            "max_length": _(
                "Je tekst is te lang: hoogstens %(limit_value)d tekens, nu %(show_value)d."
            ),
            "null_characters_not_allowed": _("Je tekst bevat een ongeldig teken. Haal het weg."),
        },
    )
    # Hidden from people (CSS); form-filling bots fill it in.
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    field_order = ["colleagues", "manager", "newspaper", "topic", "text", "website"]

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(
                _("Dit formulier lijkt automatisch ingevuld. Er is niets opgeslagen.")
            )
        return ""


class OnboardingMaterialForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Adres"),
        required=False,
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

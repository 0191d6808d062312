"""Forms: the editor's chapter form and the restore confirmation."""

from django import forms
from django.utils.translation import gettext_lazy as _
from markdownx.widgets import AdminMarkdownxWidget

from handreiking.models import Chapter, ChapterSlug

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

"""The chapter editor's form and the restore form."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from markdownx.widgets import AdminMarkdownxWidget

from handreiking.editorial import revisions
from handreiking.editorial.revisions import comparable
from handreiking.editorial.text import normalise_text
from handreiking.models import Chapter, ChapterSlug, Revision, RevisionState

# The names of the editor's buttons; a POST with none of them publishes.
SAVE_DRAFT = "_save_draft"
SCHEDULE = "_schedule"
CANCEL_SCHEDULE = "_cancel_schedule"
REQUEST_REVIEW = "_request_review"
DRAFT_ACTIONS = (SAVE_DRAFT, SCHEDULE, CANCEL_SCHEDULE, REQUEST_REVIEW)
# "Publiceren" puts out an approved revision now; a scheduled one waits for its moment.
PUBLISHABLE_STATES = (RevisionState.APPROVED,)
DRAFT_FIELDS = ("title", "slug", "summary", "body")

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


class UrgentMixin(forms.Form):
    urgent_reason = forms.CharField(
        label=_("Met spoed publiceren zonder controle vooraf: waarom kan dit niet wachten?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Alleen als het echt niet kan wachten, en alleen als u daar het recht voor heeft. "
            "Het hoofdstuk staat daarna op de lijst „nog te controleren” tot een collega het "
            "heeft nagelezen."
        ),
    )

    def clean_urgent_reason(self):
        reason = normalise_text(self.cleaned_data.get("urgent_reason") or "").strip()
        if reason and not (self.user and self.user.has_perm("handreiking.publish_without_review")):
            raise forms.ValidationError(
                _(
                    "U mag niet publiceren zonder controle vooraf. Laat dit veld leeg en kies "
                    "„Ter controle aanbieden”."
                )
            )
        return reason


class ChapterAdminForm(UrgentMixin, ChangeKindMixin, forms.ModelForm):
    publish_at = forms.DateTimeField(
        label=_("Publiceren op"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_(
            "Leeg: de tekst gaat live zodra een collega hem goedkeurt. Met een moment: niet "
            "eerder dan dan, ook na goedkeuring."
        ),
    )
    # The revision this editor opened: saving on top of a newer one keeps both.
    opened_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Chapter
        fields = ["number", "title", "slug", "summary", "body", "review_by"]
        widgets = {
            "body": AdminMarkdownxWidget(attrs={"rows": 24}),
            "summary": forms.Textarea(attrs={"rows": 2}),
            "review_by": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    user = None  # set by the admin: what this editor may do

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.head = revisions.head(self.instance)
        if self.head is not None:
            # Editors continue where the chapter's work stands; the published row stays as
            # readers see it.
            self.initial.update({name: getattr(self.head, name) for name in DRAFT_FIELDS})
            if self.head.is_open:
                self.initial.update(
                    change_kind=self.head.change_kind, change_note=self.head.change_note
                )
                if self.head.number is not None:
                    self.initial["number"] = self.head.number
                if self.head.publish_at:
                    self.initial["publish_at"] = timezone.localtime(self.head.publish_at)
            self.initial["opened_revision"] = self.head.pk

    @property
    def action(self) -> str:
        """Which button was pressed: one of DRAFT_ACTIONS, or "" to publish."""
        return next((name for name in DRAFT_ACTIONS if name in self.data), "")

    @property
    def saves_draft(self) -> bool:
        return self.action != ""

    def opened(self) -> Revision | None:
        """The revision this editor opened. Without one (an old tab, a tampered form) the text
        is taken as built on what readers see: a colleague's open work is then kept beside it,
        never replaced."""
        if not self.instance.pk:
            return None
        pk = self.cleaned_data.get("opened_revision")
        found = Revision.objects.filter(pk=pk, chapter=self.instance).first() if pk else None
        return found or revisions.live(self.instance)

    def clean_publish_at(self):
        moment = self.cleaned_data.get("publish_at")
        if self.action == SCHEDULE and moment is None:
            raise forms.ValidationError(_("Kies wanneer de tekst live moet gaan."))
        if (
            moment is not None
            and moment <= timezone.now()
            and self.action
            in {
                SCHEDULE,
                REQUEST_REVIEW,
            }
        ):
            raise forms.ValidationError(_("Kies een moment in de toekomst."))
        return moment

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
        publishing = not self.saves_draft
        already_published = bool(self.instance.pk and self.instance.is_published)
        going_live = publishing or self.action in {SCHEDULE, REQUEST_REVIEW}
        if (
            going_live
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
        if publishing and self.needs_review(cleaned) and not cleaned.get("urgent_reason"):
            self.add_error(
                None,
                _(
                    "Elke wijziging leest eerst een collega na, ook een kleine. Kies „Ter "
                    "controle aanbieden”: uw tekst wordt bewaard en een collega ziet hem op de "
                    "startpagina van het beheer."
                ),
            )
        return cleaned

    def needs_review(self, cleaned: dict) -> bool:
        """Whether publishing this text now still needs a colleague's approval: every change
        does, unless a colleague approved exactly the posted text."""
        if not settings.EDITING_REVIEW_REQUIRED:
            return False
        return not self.approved(cleaned)

    def approved(self, cleaned: dict) -> bool:
        """Whether the revision this editor opened is approved and the posted text is its text."""
        head = self.head
        if head is None or head.state not in PUBLISHABLE_STATES:
            return False
        if cleaned.get("opened_revision") != head.pk:
            return False
        # What the save will compare (revisions.comparable): the same fields, the same form.
        names = (*DRAFT_FIELDS, "change_note")
        posted = {name: comparable(name, cleaned.get(name) or "") for name in names}
        theirs = {name: comparable(name, getattr(head, name)) for name in names}
        same_kind = head.change_kind == cleaned.get("change_kind")
        same_number = head.number in {None, cleaned.get("number")}
        return same_kind and same_number and posted == theirs


class RestoreForm(UrgentMixin, ChangeKindMixin, forms.Form):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("change_kind") == self.MAJOR and not cleaned.get("change_note", "").strip():
            self.add_error("change_note", _("Schrijf bij een belangrijke wijziging een notitie."))
        return cleaned

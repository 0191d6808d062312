"""The chapter editor's form and the restore form."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from markdownx.widgets import AdminMarkdownxWidget

from handreiking import history
from handreiking.models import Chapter, ChapterDraft, ChapterSlug, ReviewState
from handreiking.models.editing import current_text, text_revision

# The names of the editor's buttons; a POST with none of them publishes.
SAVE_DRAFT = "_save_draft"
SCHEDULE = "_schedule"
CANCEL_SCHEDULE = "_cancel_schedule"
REQUEST_REVIEW = "_request_review"
DRAFT_ACTIONS = (SAVE_DRAFT, SCHEDULE, CANCEL_SCHEDULE, REQUEST_REVIEW)
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


class ChapterAdminForm(ChangeKindMixin, forms.ModelForm):
    publish_at = forms.DateTimeField(
        label=_("Publiceren op"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_(
            "Alleen voor „Plannen”: de tekst gaat op dit moment vanzelf live. Tot dan ziet u hem "
            "in het voorbeeld."
        ),
    )
    urgent = forms.BooleanField(
        label=_("Met spoed publiceren, zonder controle vooraf"),
        required=False,
        help_text=_(
            "Alleen als het echt niet kan wachten. Het hoofdstuk staat daarna op de lijst "
            "„nog te controleren” tot een collega het heeft nagelezen."
        ),
    )
    opened_revision = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Chapter
        fields = ["number", "title", "slug", "summary", "body", "review_by"]
        widgets = {
            "body": AdminMarkdownxWidget(attrs={"rows": 24}),
            "summary": forms.Textarea(attrs={"rows": 2}),
            "review_by": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = self.data.copy()  # a conflict hands the newer revision back (clean)
        self.conflict: list[dict] | None = None
        self.conflict_source = None
        draft = getattr(self.instance, "draft", None) if self.instance.pk else None
        if draft is not None:
            # Editors continue where they left off; the published row stays as readers see it.
            self.initial.update({name: getattr(draft, name) for name in DRAFT_FIELDS})
            self.initial.update(change_kind=draft.change_kind, change_note=draft.change_note)
            if draft.publish_at:
                self.initial["publish_at"] = timezone.localtime(draft.publish_at)
        if self.instance.pk:
            self.initial["opened_revision"] = text_revision(current_text(self.instance))

    @property
    def action(self) -> str:
        """Which button was pressed: one of DRAFT_ACTIONS, or "" to publish."""
        return next((name for name in DRAFT_ACTIONS if name in self.data), "")

    @property
    def saves_draft(self) -> bool:
        return self.action != ""

    def clean_publish_at(self):
        moment = self.cleaned_data.get("publish_at")
        if self.action == SCHEDULE and moment is None:
            raise forms.ValidationError(_("Kies wanneer de tekst live moet gaan."))
        if self.action == SCHEDULE and moment <= timezone.now():
            raise forms.ValidationError(_("Kies een moment in de toekomst."))
        return moment

    def _check_conflict(self, cleaned: dict) -> None:
        """Someone saved this chapter after this editor opened it: show what they changed
        against this editor's text, keep this editor's text in the form, and let a second save
        (after reading the differences) go through."""
        opened = self.data.get("opened_revision", "")
        if not self.instance.pk or not opened:
            return
        chapter = Chapter.objects.select_related("draft").get(pk=self.instance.pk)
        newer = current_text(chapter)
        revision = text_revision(newer)
        if revision == opened:
            return
        mine = ChapterDraft(**{name: cleaned.get(name) or "" for name in DRAFT_FIELDS})
        if text_revision(mine) == revision:
            return  # the same text: nothing to lose
        self.data["opened_revision"] = revision
        self.conflict = history.compare(newer, mine)
        self.conflict_source = newer
        raise forms.ValidationError(
            _(
                "Iemand anders heeft dit hoofdstuk opgeslagen nadat u het opende. Hieronder ziet "
                "u de verschillen tussen die versie en uw tekst. Uw tekst staat nog in het "
                "formulier: neem over wat u wilt houden en sla opnieuw op."
            ),
            code="conflict",
        )

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
        if publishing and self.needs_review(cleaned) and not cleaned.get("urgent"):
            self.add_error(
                None,
                _(
                    "Een belangrijke wijziging leest eerst een collega na. Kies „Ter controle "
                    "aanbieden”. Kan het echt niet wachten? Vink dan „Met spoed publiceren” aan."
                ),
            )
        self._check_conflict(cleaned)
        return cleaned

    def needs_review(self, cleaned: dict) -> bool:
        """A major change (a first publication is one) needs a colleague's approval first,
        unless a colleague approved exactly this text."""
        if not settings.EDITING_REVIEW_REQUIRED:
            return False
        first = not (self.instance.pk and self.instance.is_published)
        major = first or cleaned.get("change_kind") == self.MAJOR
        return major and not self.approved(cleaned)

    def approved(self, cleaned: dict) -> bool:
        """Whether a colleague approved exactly the posted text and kind of change."""
        draft = getattr(self.instance, "draft", None) if self.instance.pk else None
        if draft is None or draft.review_state != ReviewState.APPROVED:
            return False
        posted = ChapterDraft(**{name: cleaned.get(name) or "" for name in DRAFT_FIELDS})
        same_kind = draft.change_kind == cleaned.get("change_kind")
        return same_kind and text_revision(draft) == text_revision(posted)


class RestoreForm(ChangeKindMixin, forms.Form):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("change_kind") == self.MAJOR and not cleaned.get("change_note", "").strip():
            self.add_error("change_note", _("Schrijf bij een belangrijke wijziging een notitie."))
        return cleaned

"""The zelftoets form: the three questions of the newspaper test, a topic and a reflection."""

from django import forms
from django.utils.translation import gettext_lazy as _

from handreiking.models import Answer, Topic
from handreiking.zelftoets.scrubbing import REMOVED_DESCRIPTION

ANSWER_FIELDS = ("colleagues", "manager", "newspaper")
SHARE_YES, SHARE_NO = "ja", "nee"


class _Shared:
    """A field that every instance of the form shares instead of copying. Django copies each
    field for each form (deepcopy), in case a form changes its fields; this form never does, and
    nothing in rendering changes a field or its widget. The copies cost a fifth of a
    submission's time in Python."""

    def __deepcopy__(self, memo):
        return self


class SharedChoiceField(_Shared, forms.ChoiceField):
    pass


class SharedCharField(_Shared, forms.CharField):
    pass


def answer_field(label: str, required_message: str) -> SharedChoiceField:
    """One question of the newspaper test: ja / nee / weet ik niet."""
    return SharedChoiceField(
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
        _("Kies of je bericht de goedkeuring van je leidinggevende zou krijgen."),
    )
    newspaper = answer_field(
        _("Voel je je op je gemak als je bericht morgen in de krant staat?"),
        _("Kies of je je op je gemak voelt met je bericht in de krant."),
    )
    topic = SharedChoiceField(
        label=_("Waar gaat je bericht over? (niet verplicht)"),
        choices=[("", _("Zeg ik liever niet")), *Topic.choices],
        required=False,
        widget=forms.RadioSelect(attrs={"class": "choices__input"}),
        error_messages={
            "invalid_choice": _("Kies een van de onderwerpen, of „Zeg ik liever niet”.")
        },
    )
    text = SharedCharField(
        label=_("Wil je iets kwijt over je twijfel? (niet verplicht)"),
        help_text=_(
            "Hoogstens 4.000 tekens. Schrijf liever geen namen of andere gegevens over "
            "personen. Als je je antwoorden laat bewaren, vervangen we eerst %(removed)s door "
            "bijvoorbeeld [naam] of [e-mail]."
        )
        % {"removed": REMOVED_DESCRIPTION},
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
    website = SharedCharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    delen = SharedChoiceField(
        label=_("Mogen we je antwoorden anoniem bewaren?"),
        choices=[
            (SHARE_YES, _("Ja, de redactie mag mijn antwoorden anoniem gebruiken")),
            (SHARE_NO, _("Nee, geef me alleen advies")),
        ],
        # Nothing is pre-selected: keeping answers needs an active yes. Without a choice we
        # keep nothing, and the advice page says so.
        required=False,
        widget=forms.RadioSelect(attrs={"class": "choices__input"}),
        error_messages={"invalid_choice": _("Kies ja of nee.")},
    )

    # One per page view (random, made when the form is shown): a retried submission of the same
    # form is kept once and answered as kept (handreiking/zelftoets/release.py).
    formulier = SharedCharField(required=False, max_length=64, widget=forms.HiddenInput)
    # Filled by the page's script to bring every request body to one size; its content means
    # nothing and is thrown away.
    opvulling = SharedCharField(required=False, max_length=64 * 1024, widget=forms.HiddenInput)

    field_order = [
        "colleagues",
        "manager",
        "newspaper",
        "topic",
        "text",
        "delen",
        "website",
        "formulier",
        "opvulling",
    ]

    @property
    def keeps_answers(self) -> bool:
        return self.cleaned_data.get("delen") == SHARE_YES

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(
                _("Dit formulier lijkt automatisch ingevuld. Er is niets opgeslagen.")
            )
        return ""

"""HR's onboarding material: the only thing the HR group manages."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy as _

from handreiking.forms import OnboardingMaterialForm
from handreiking.models import OnboardingMaterial


@admin.register(OnboardingMaterial)
class OnboardingMaterialAdmin(admin.ModelAdmin):
    form = OnboardingMaterialForm
    list_display = ("title_link", "chapter", "url", "updated_at")
    list_display_links = None
    list_filter = ("chapter",)
    list_select_related = ("chapter",)
    search_fields = ("title", "description")

    @admin.display(description=_("titel"), ordering="title")
    def title_link(self, obj: OnboardingMaterial) -> str:
        # A link of our own instead of Django's list_display_links, which makes a row header
        # without a scope (HTML_CodeSniffer H63.1).
        url = reverse("admin:handreiking_onboardingmaterial_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.title)

    def message_user(self, request, message, *args, **kwargs):
        """Django's messages say "De onboardingmateriaal ‘…’ is met succes toegevoegd"; it is a
        het-word, and we write "„…” is toegevoegd"."""
        wrong = f"De {self.opts.verbose_name} "
        text = str(message)
        if text.startswith(wrong):
            rest = text[len(wrong) :].replace(" met succes ", " ")
            # Dutch quotes, as on the rest of the portal: „…” instead of ‘…’.
            closing = rest.find("’ is ")
            if rest.startswith("‘") and closing > 0:
                rest = f"„{rest[1:closing]}”{rest[closing + 1 :]}"
            fixed = f"Het {self.opts.verbose_name} {rest}"
            message = mark_safe(fixed) if isinstance(message, SafeData) else fixed  # noqa: S308
        super().message_user(request, message, *args, **kwargs)

"""Externe links: what `manage.py check_links` last found, broken ones first, each with the
places it stands. Read-only: the fix is made in the chapter or the material itself."""

from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from handreiking.linkcheck import checking
from handreiking.linkcheck.asking import NOT_CHECKED
from handreiking.models import ExternalLink

# Checked in the request itself: a handful, each bounded by LINK_CHECK_TIMEOUT_SECONDS.
RECHECK_AT_ONCE = 20

KINDS = {
    "chapter": (_("Hoofdstuk"), "admin:handreiking_chapter_change", "handreiking.view_chapter"),
    "onboarding": (
        _("Onboardingmateriaal"),
        "admin:handreiking_onboardingmaterial_change",
        "handreiking.view_onboardingmaterial",
    ),
}


NOT_CHECKED_CHOICE = "niet-gecontroleerd"


class WorksFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "werkt"

    def lookups(self, request, model_admin):
        return [
            ("nee", _("Werkt niet")),
            ("ja", _("Werkt")),
            (NOT_CHECKED_CHOICE, _("Niet gecontroleerd")),
        ]

    def queryset(self, request, queryset):
        # The same test as checking.is_not_checked, in the database.
        not_checked = {"problem__startswith": NOT_CHECKED}
        if self.value() == "nee":
            return queryset.filter(is_broken=True)
        if self.value() == "ja":
            return queryset.filter(is_broken=False).exclude(**not_checked)
        if self.value() == NOT_CHECKED_CHOICE:
            return queryset.filter(**not_checked)
        return queryset


def locations_for(request: HttpRequest):
    """The "staat in" column for this user: a link to each chapter or piece of material they
    may open in the admin, plain text for the rest (editors do not see HR's material)."""

    @admin.display(description=_("staat in"))
    def locations(obj: ExternalLink):
        items = []
        for place in obj.locations:
            label, url_name, permission = KINDS.get(place.get("kind"), KINDS["chapter"])
            text = f"{label} „{place.get('title', '')}”"
            if request.user.has_perm(permission):
                url = reverse(url_name, args=[place.get("id")])
                items.append(format_html('<a href="{}">{}</a>', url, text))
            else:
                items.append(format_html("{}", text))
        if not items:
            return "-"
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((i,) for i in items))
        )

    return locations


@admin.register(ExternalLink)
class ExternalLinkAdmin(admin.ModelAdmin):
    list_display_links = None
    list_filter = (WorksFilter,)
    search_fields = ("url", "problem")
    show_facets = admin.ShowFacets.NEVER
    list_per_page = 100
    actions = ["recheck"]

    def get_list_display(self, request):
        where = locations_for(request)
        return ("address", "works", "problem_shown", "status_code", where, "checked_at")

    def get_fields(self, request, obj=None):
        return (
            "url",
            "works",
            "problem_shown",
            "status_code",
            locations_for(request),
            "checked_at",
        )

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    @admin.display(description=_("adres"), ordering="url")
    def address(self, obj: ExternalLink):
        return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', obj.url, obj.url)

    @admin.display(description=_("werkt"), ordering="is_broken")
    def works(self, obj: ExternalLink):
        if checking.is_not_checked(obj):
            return _("Niet gecontroleerd")  # an internal address: never asked
        if obj.is_broken:
            return format_html("<strong>{}</strong>", _("Werkt niet"))
        return _("Werkt")

    @admin.display(description=_("probleem"))
    def problem_shown(self, obj: ExternalLink):
        if obj.redirects_to and not obj.is_broken:
            return format_html(
                '{} <a href="{}" rel="noopener noreferrer">{}</a>',
                _("Stuurt door naar"),
                obj.redirects_to,
                obj.redirects_to,
            )
        return obj.problem or "-"

    @admin.action(description=_("Geselecteerde links nu opnieuw controleren"), permissions=["view"])
    def recheck(self, request, queryset):
        links = list(queryset.order_by("url")[:RECHECK_AT_ONCE])
        summary = checking.recheck(links=links, timeout=settings.LINK_CHECK_TIMEOUT_SECONDS)
        # As manage.py check_links: when no link could be asked for want of a network, the
        # fault is here, not theirs, and the last check's outcome stays.
        if summary.no_network:
            self.message_user(
                request,
                _(
                    "Geen netwerk: niets gecontroleerd. Geen enkele website was te bereiken; "
                    "de uitkomst van de vorige controle blijft staan."
                ),
                messages.ERROR,
            )
            return
        broken = len(summary.broken)
        text = _("%(checked)d links opnieuw gecontroleerd; %(broken)d werken niet.") % {
            "checked": summary.checked,
            "broken": broken,
        }
        if summary.not_checked:
            text += " " + _(
                "%(n)d niet gecontroleerd (intern adres: alleen adressen op internet worden "
                "gecontroleerd)."
            ) % {"n": len(summary.not_checked)}
        self.message_user(request, text, messages.WARNING if broken else messages.SUCCESS)
        if queryset.count() > RECHECK_AT_ONCE:
            self.message_user(
                request,
                _("Hoogstens %(n)d tegelijk; de rest controleert de volgende nachtelijke ronde.")
                % {"n": RECHECK_AT_ONCE},
                messages.INFO,
            )

    def changelist_view(self, request, extra_context=None):
        context = {"last_checked_at": checking.last_checked_at(), **(extra_context or {})}
        return super().changelist_view(request, context)

    def has_add_permission(self, request):
        return False  # found by manage.py check_links

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

"""The reviewers' admin: a queue of anonymous reflections, filters, export and an overview.

Reviewers see only released reflections (groups of at least ZELFTOETS_MIN_GROUP, sharing the
week of release): no day filter, no facet counts, nothing held. The overview shows the true
counts, the same the list and the export show (`zelftoets.overview`)."""

import csv
from functools import cached_property

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from handreiking.models import Answer, Reflection, ReflectionStatus, Topic
from handreiking.zelftoets.overview import QUESTIONS, overview, week_label

CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class CappedCountPaginator(Paginator):
    """Counts at most CAP rows: the first page of a million reflections stays fast."""

    CAP = 10_000

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by().values("pk")[: self.CAP + 1].count()


class Echo:
    def write(self, value):
        return value


def csv_safe(value: str) -> str:
    # A cell starting with = + - @ is a formula in spreadsheet programs.
    return f"'{value}" if value.startswith(CSV_FORMULA_START) else value


@admin.register(Reflection)
class ReflectionAdmin(admin.ModelAdmin):
    change_list_template = "admin/handreiking/reflection/change_list.html"
    # The text comes second and wraps, with its topic under it; the three answers share one
    # column. So the table fits the screen (admin-editor.css) and nobody scrolls sideways to read.
    list_display = (
        "week",
        "excerpt",
        "answers",
        "status",
        "personal_data",
        "deleted_on",
    )
    list_display_links = None
    # No date filter: the only date is the week a whole group was released.
    list_filter = ("status", "topic", "colleagues", "manager", "newspaper", "had_personal_data")
    # Exact counts beside every filter would count within a group; the list itself is enough.
    show_facets = admin.ShowFacets.NEVER
    search_fields = ("text",)
    actions = ("mark_read", "archive", "export_selected")
    fields = (
        "week",
        "colleagues",
        "manager",
        "newspaper",
        "topic",
        "text",
        "had_personal_data",
        "status",
    )
    # Reviewers change the status only; what was written stays as it was stored.
    readonly_fields = tuple(name for name in fields if name != "status")
    paginator = CappedCountPaginator
    show_full_result_count = False
    list_per_page = 50

    def has_add_permission(self, request):
        return False  # reflections come only from the zelftoets

    def changelist_view(self, request, extra_context=None):
        # Reviewers read; Django's title says "Selecteer reflectie om te wijzigen".
        return super().changelist_view(request, {"title": _("Reflecties"), **(extra_context or {})})

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser  # retention deletes; reviewers only read

    @admin.display(description=_("week"), ordering="released_week")
    def week(self, obj: Reflection) -> str:
        return week_label(obj.released_week)

    @admin.display(description=_("tekst en onderwerp"))
    def excerpt(self, obj: Reflection) -> str:
        # A link of our own instead of Django's list_display_links, which makes a row header
        # without a scope (HTML_CodeSniffer H63.1).
        text = (obj.text[:280] + "…") if len(obj.text) > 280 else obj.text
        url = reverse("admin:handreiking_reflection_change", args=[obj.pk])
        topic = obj.get_topic_display() if obj.topic else _("geen onderwerp gekozen")
        return format_html(
            '<a href="{}">{}</a><span class="reflection-topic">Onderwerp: {}</span>',
            url,
            text or _("(geen tekst)"),
            topic,
        )

    @admin.display(description=_("antwoorden"))
    def answers(self, obj: Reflection) -> str:
        return format_html(
            '<span class="reflection-answer">Collega\'s: {}</span>'
            '<span class="reflection-answer">Leidinggevende: {}</span>'
            '<span class="reflection-answer">Krant: {}</span>',
            obj.get_colleagues_display(),
            obj.get_manager_display(),
            obj.get_newspaper_display(),
        )

    @admin.display(description=_("persoonsgegevens vervangen"), ordering="had_personal_data")
    def personal_data(self, obj: Reflection) -> str:
        # Words, not Django's icons: their alt text is English ("True"/"False").
        return _("ja") if obj.had_personal_data else _("nee")

    @admin.display(description=_("wordt verwijderd op"))
    def deleted_on(self, obj: Reflection) -> str:
        return date_format(obj.delete_on(), "j F Y")

    @admin.action(description=_("Markeer als gelezen"), permissions=["change"])
    def mark_read(self, request, queryset):
        updated = queryset.update(status=ReflectionStatus.READ)
        self.message_user(request, _("%d reflecties gemarkeerd als gelezen.") % updated)

    @admin.action(description=_("Archiveer"), permissions=["change"])
    def archive(self, request, queryset):
        updated = queryset.update(status=ReflectionStatus.ARCHIVED)
        self.message_user(request, _("%d reflecties gearchiveerd.") % updated)

    @admin.action(description=_("Exporteer de gekozen reflecties (CSV)"), permissions=["view"])
    def export_selected(self, request, queryset):
        return self._csv(queryset)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path("export/", wrap(self.export_view), name="{}_{}_export".format(*info)),
            path("overzicht/", wrap(self.overview_view), name="{}_{}_overview".format(*info)),
            *super().get_urls(),
        ]

    def export_view(self, request: HttpRequest) -> HttpResponse:
        """The filtered list, as the reviewer sees it, as CSV."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        return self._csv(changelist.get_queryset(request))

    def _csv(self, queryset) -> StreamingHttpResponse:
        labels = {key: str(label) for key, label in Answer.choices}
        topics = {key: str(label) for key, label in Topic.choices}
        statuses = {key: str(label) for key, label in ReflectionStatus.choices}

        def rows():
            yield [
                "week",
                *[str(label) for _key, label in QUESTIONS],
                "onderwerp",
                "status",
                "bevatte persoonsgegevens",
                "tekst",
            ]
            for item in queryset.order_by("-released_week", "id").iterator(chunk_size=2000):
                year, week, _day = item.released_week.isocalendar()
                yield [
                    f"{year}-W{week:02d}",
                    labels[item.colleagues],
                    labels[item.manager],
                    labels[item.newspaper],
                    topics.get(item.topic, ""),
                    statuses[item.status],
                    "ja" if item.had_personal_data else "nee",
                    csv_safe(item.text),
                ]

        writer = csv.writer(Echo(), delimiter=";")
        response = StreamingHttpResponse(
            ("\ufeff" if index == 0 else "") + writer.writerow(row)
            for index, row in enumerate(rows())
        )
        response["Content-Type"] = "text/csv; charset=utf-8"
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="reflecties-{stamp}.csv"'
        return response

    def overview_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Overzicht van de reflecties"),
            "min_group": settings.ZELFTOETS_MIN_GROUP,
            "retention_days": settings.REFLECTION_RETENTION_DAYS,
            **overview(),
        }
        return TemplateResponse(request, "admin/handreiking/reflection/overview.html", context)

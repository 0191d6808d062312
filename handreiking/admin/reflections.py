"""The reviewers' admin: a queue of anonymous reflections, filters, export and an overview.

Reviewers see only released reflections (groups of at least ZELFTOETS_MIN_GROUP, sharing the
week of release): no day filter, no facet counts, nothing held. The overview shows the true
counts, the same the list and the export show: per week (a chart and a table with the same
numbers), per question and per topic."""

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from handreiking.models import Answer, Reflection, ReflectionStatus, Topic, week_start

QUESTIONS = (
    ("colleagues", _("Collega's recht in de ogen kijken")),
    ("manager", _("Goedkeuring van je leidinggevende")),
    ("newspaper", _("Op je gemak als het in de krant staat")),
)
# The short names the list uses for the three questions ("Krant: Nee").
SHORT_QUESTIONS = {
    "colleagues": _("Collega's"),
    "manager": _("Leidinggevende"),
    "newspaper": _("Krant"),
}
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CHART_WEEKS = 26


def week_label(monday: date) -> str:
    """The ISO week in plain Dutch: "week 50, 2026"."""
    year, week, _day = monday.isocalendar()
    return gettext("week %(week)d, %(year)d") % {"week": week, "year": year}


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


@dataclass(frozen=True)
class Share:
    """One row of a breakdown: a label, its count and its share of all reflections."""

    label: str
    count: int
    percent: int


@dataclass(frozen=True)
class NoAnswers:
    """How often "nee" was answered to one question in one week."""

    count: int
    percent: int


@dataclass(frozen=True)
class Week:
    """One week of the overview: a row of the table and a bar of the chart, so both show the
    same numbers. The bar's geometry is in the chart's own units (its viewBox)."""

    monday: date
    label: str
    day: str
    number: int
    count: int
    no: list[NoAnswers]
    # SVG coordinates as text, never localised ("12,5" is no coordinate).
    x: str
    y: str
    height: str
    centre: str
    count_y: str
    month: str


def coordinate(value: float) -> str:
    return f"{value:g}"


class WeekChart:
    """An inline SVG bar chart: one bar per week, its count above it and the week number under
    it; the month's name under the first week of each month. Geometry only: the words are in
    the template, the colours in admin-editor.css."""

    SLOT = 30
    BAR = 20
    LEFT = 6
    RIGHT = 48  # room for the last month's name
    TOP = 18  # room for the count above the highest bar
    PLOT = 120
    BOTTOM = 34  # week numbers and month names

    def __init__(self, weeks: list[dict]):
        highest = max((week["count"] for week in weeks), default=0) or 1
        self.bar = self.BAR
        self.width = self.LEFT + self.SLOT * len(weeks) + self.RIGHT
        self.height = self.TOP + self.PLOT + self.BOTTOM
        self.baseline = self.TOP + self.PLOT
        self.week_y = self.baseline + 14
        self.month_y = self.baseline + 29
        self.weeks: list[Week] = []
        previous_month = None
        for index, week in enumerate(weeks):
            monday = week["monday"]
            height = round(self.PLOT * week["count"] / highest, 1)
            x = self.LEFT + index * self.SLOT + (self.SLOT - self.BAR) / 2
            month = ""
            if (monday.year, monday.month) != previous_month:
                # The year only where it changes, or at the start, so the labels stay short.
                show_year = previous_month is None or monday.year != previous_month[0]
                month = date_format(monday, "N Y" if show_year else "N")
                previous_month = (monday.year, monday.month)
            self.weeks.append(
                Week(
                    monday=monday,
                    label=week_label(monday),
                    day=date_format(monday, "j N Y"),
                    number=monday.isocalendar()[1],
                    count=week["count"],
                    no=week["no"],
                    x=coordinate(x),
                    y=coordinate(self.baseline - height),
                    height=coordinate(height),
                    centre=coordinate(x + self.BAR / 2),
                    count_y=coordinate(self.baseline - height - 4),
                    month=month,
                )
            )
        self.axis_end = self.LEFT + self.SLOT * len(weeks)


def chart_summary(weeks: list[Week]) -> str:
    """What the chart shows, in a few sentences: its accessible description."""
    first, last = weeks[0], weeks[-1]
    total = sum(week.count for week in weeks)
    span = gettext("Van %(first)s tot en met %(last)s") % {
        "first": first.label,
        "last": last.label,
    }
    if not total:
        return gettext("%(span)s kwamen er geen reflecties binnen.") % {"span": span}
    busiest = max(weeks, key=lambda week: week.count)
    empty = sum(1 for week in weeks if not week.count)
    sentences = [
        ngettext(
            "%(span)s kwam er %(total)d reflectie binnen.",
            "%(span)s kwamen er %(total)d reflecties binnen.",
            total,
        )
        % {"span": span, "total": total},
        gettext("Het meest in %(week)s: %(count)d.")
        % {"week": busiest.label, "count": busiest.count},
    ]
    if empty:
        sentences.append(
            ngettext(
                "In %(empty)d van de %(weeks)d weken kwam er geen reflectie binnen.",
                "In %(empty)d van de %(weeks)d weken kwamen er geen reflecties binnen.",
                empty,
            )
            % {"empty": empty, "weeks": len(weeks)}
        )
    sentences.append(gettext("De tabel onder de grafiek heeft dezelfde cijfers."))
    return " ".join(sentences)


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
        reflections = Reflection.objects.order_by()
        summary = reflections.aggregate(total=Count("pk"), latest=Max("released_week"))
        total = summary["total"]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Overzicht van de reflecties"),
            "total": total,
            "min_group": settings.ZELFTOETS_MIN_GROUP,
            "retention_days": settings.REFLECTION_RETENTION_DAYS,
        }
        if total:
            context.update(self._overview(reflections, total, summary["latest"]))
        return TemplateResponse(request, "admin/handreiking/reflection/overview.html", context)

    def _overview(self, reflections, total: int, latest: date) -> dict:
        """The true counts: per week (the last CHART_WEEKS, empty weeks included), per question
        and per topic, each with its share of all reflections."""
        questions = []
        for field, label in QUESTIONS:
            found = dict(reflections.values_list(field).annotate(n=Count("pk")))
            rows = [
                Share(str(name), found.get(key, 0), percent(found.get(key, 0), total))
                for key, name in Answer.choices
            ]
            questions.append({"field": field, "title": label, "rows": rows})
        found = dict(reflections.values_list("topic").annotate(n=Count("pk")))
        choices = [*Topic.choices, ("", _("Geen onderwerp gekozen"))]
        topics = [
            Share(str(name), found.get(key, 0), percent(found.get(key, 0), total))
            for key, name in choices
        ]

        # The last CHART_WEEKS weeks up to this one (or the latest release, should a clock be
        # ahead), every week present, so a week without reflections shows as 0.
        last = max(week_start(timezone.localdate()), week_start(latest))
        first = last - timedelta(weeks=CHART_WEEKS - 1)
        mondays = [first + timedelta(weeks=index) for index in range(CHART_WEEKS)]
        fields = list(SHORT_QUESTIONS)
        counted = {monday: [0] * (1 + len(fields)) for monday in mondays}
        per_day = (
            reflections.filter(released_week__gte=first, released_week__lte=last)
            .values("released_week")
            .annotate(
                count=Count("pk"),
                **{f"no_{f}": Count("pk", filter=Q(**{f: Answer.NO})) for f in fields},
            )
            .values_list("released_week", "count", *[f"no_{f}" for f in fields])
        )
        for released_week, *numbers in per_day:
            week = counted[week_start(released_week)]
            for index, number in enumerate(numbers):
                week[index] += number
        chart = WeekChart(
            [
                {
                    "monday": monday,
                    "count": count,
                    "no": [NoAnswers(n, percent(n, count)) for n in no_counts],
                }
                for monday, (count, *no_counts) in counted.items()
            ]
        )
        in_chart = sum(week.count for week in chart.weeks)
        return {
            "chart": chart,
            "chart_summary": chart_summary(chart.weeks),
            "chart_weeks": CHART_WEEKS,
            "short_questions": list(SHORT_QUESTIONS.values()),
            "older": total - in_chart,
            "first_week": chart.weeks[0].label,
            "questions": questions,
            "topics": topics,
        }

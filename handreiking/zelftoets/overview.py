"""The reviewers' overview of the reflections (admin: Reflecties, Overzicht): the true counts, the
same the list and the export show, per week (a chart and a table with the same numbers), per
question and per topic. The words are in the template; here are the numbers and the chart's
geometry."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from handreiking.models import Answer, Reflection, Topic, week_start

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


def overview() -> dict:
    """The true counts: how many reflections in all and, when there are any, per week (the last
    CHART_WEEKS, empty weeks included), per question and per topic, each with its share of all
    reflections."""
    reflections = Reflection.objects.order_by()
    summary = reflections.aggregate(total=Count("pk"), latest=Max("released_week"))
    total = summary["total"]
    if not total:
        return {"total": total}
    return {"total": total, **_breakdown(reflections, total, summary["latest"])}


def _breakdown(reflections, total: int, latest: date) -> dict:
    """Per question, per topic and per week, when there are reflections."""
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
        "topics_caption": (
            f"Onderwerp van de reflecties; het percentage is het deel van alle {total}"
        ),
    }

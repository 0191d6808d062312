"""The editors' search settings: synonyms, best answers (both with history) and the weekly list
of what readers searched for without finding anything."""

from datetime import date
from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from handreiking.models import BestAnswer, Chapter, SearchMiss, Synonym
from handreiking.models.search import split_terms
from handreiking.search import misses
from handreiking.search.snapshot import current
from handreiking.search.text import words
from handreiking.search.thesaurus import query_key
from handreiking.zelftoets.overview import week_label


def try_link(query: str):
    url = reverse("handreiking:search") + "?" + urlencode({"q": query})
    return format_html('<a href="{}">{}</a>', url, _("Zoek zelf"))


@admin.register(Synonym)
class SynonymAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "note", "updated_at")
    search_fields = ("terms", "note")
    fields = ("terms", "note", "in_text")
    readonly_fields = ("in_text",)
    formfield_overrides = {
        Synonym._meta.get_field("terms").__class__: {
            "widget": forms.Textarea(attrs={"rows": 3, "cols": 60})
        }
    }

    @admin.display(description=_("staat in de tekst"))
    def in_text(self, obj: Synonym):
        """Which terms the published text has: a group with none of them finds nothing."""
        vocabulary = current().vocabulary
        found = [
            term
            for term in split_terms(obj.terms if obj else "")
            if any(vocabulary.inflections(w) or vocabulary.compounds(w) for w in words(term))
        ]
        if not found:
            return _("Geen van deze woorden staat in de gepubliceerde tekst.")
        return format_html_join(", ", "{}", ((term,) for term in found))


class BestAnswerForm(forms.ModelForm):
    """One list of every published section, instead of a chapter and an anchor to match."""

    target = forms.ChoiceField(
        label=_("Beste antwoord"),
        help_text=_("Het onderdeel dat bovenaan komt bij deze zoekvraag."),
    )

    class Meta:
        model = BestAnswer
        fields = ["query", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = section_choices()
        if self.instance.chapter_id:
            self.initial["target"] = f"{self.instance.chapter_id}#{self.instance.anchor}"

    def clean_query(self) -> str:
        query = self.cleaned_data["query"]
        key = query_key(query)
        if not key:
            raise forms.ValidationError(_("Geef een zoekvraag met minstens één gewoon woord."))
        others = BestAnswer.objects.exclude(pk=self.instance.pk).values_list("query", flat=True)
        if any(query_key(other) == key for other in others):
            raise forms.ValidationError(_("Voor deze zoekvraag is al een beste antwoord."))
        return query

    def clean(self):
        cleaned = super().clean()
        chapter_id, _hash, anchor = cleaned.get("target", "").partition("#")
        if chapter_id:
            self.instance.chapter_id, self.instance.anchor = int(chapter_id), anchor
        return cleaned


def section_choices() -> list[tuple[str, str]]:
    choices = []
    for chapter in Chapter.objects.published().in_order().only("pk", "number", "title", "toc"):
        choices.append((f"{chapter.pk}#", f"{chapter.number}. {chapter.title}"))
        choices += [
            (f"{chapter.pk}#{entry['id']}", f"{chapter.number}. {chapter.title} › {entry['title']}")
            for entry in chapter.toc or []
        ]
    return choices


@admin.register(BestAnswer)
class BestAnswerAdmin(SimpleHistoryAdmin):
    form = BestAnswerForm
    list_display = ("query", "section", "note", "try_it", "updated_at")
    list_select_related = ("chapter",)
    search_fields = ("query", "note")
    fields = ("query", "target", "note")

    @admin.display(description=_("onderdeel"))
    def section(self, obj: BestAnswer) -> str:
        heading = {e["id"]: e["title"] for e in obj.chapter.toc or []}.get(obj.anchor, "")
        label = f"{obj.chapter.number}. {obj.chapter.title}"
        return f"{label} › {heading}" if heading else label

    @admin.display(description=_("proberen"))
    def try_it(self, obj: BestAnswer):
        return try_link(obj.query)


class WeekFilter(admin.SimpleListFilter):
    """The weeks that have misses, as weeks: the list is counted per week, so days, "the last
    7 days" or "this month" would cut across its rows."""

    title = _("week")
    parameter_name = "week"

    def lookups(self, request, model_admin):
        weeks = (
            model_admin.get_queryset(request)
            .order_by("-week")
            .values_list("week", flat=True)
            .distinct()
        )
        return [(week.isoformat(), week_label(week)) for week in weeks]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            return queryset.filter(week=date.fromisoformat(self.value()))
        except ValueError:
            return queryset.none()


def fix_links(request):
    """The column that turns a miss into a synonym or a best answer in one click: the add form,
    filled in with the query, for what this editor may add."""
    may_synonym = request.user.has_perm("handreiking.add_synonym")
    may_answer = request.user.has_perm("handreiking.add_bestanswer")

    @admin.display(description=_("oplossen"))
    def fix(obj: SearchMiss):
        links = []
        if may_synonym:
            url = (
                reverse("admin:handreiking_synonym_add")
                + "?"
                + urlencode({"terms": f"{obj.query}, "})
            )
            links.append((url, _("Synoniem maken"), obj.query))
        if may_answer:
            url = (
                reverse("admin:handreiking_bestanswer_add") + "?" + urlencode({"query": obj.query})
            )
            links.append((url, _("Beste antwoord kiezen"), obj.query))
        return format_html_join(
            " · ",
            '<a href="{}">{}<span class="visually-hidden"> voor „{}”</span></a>',
            links,
        )

    return fix


@admin.register(SearchMiss)
class SearchMissAdmin(admin.ModelAdmin):
    """Read-only, and only what several readers searched for in the same week: one person's
    search never shows."""

    list_display = ("shown_week", "query", "count", "try_it")
    list_filter = (WeekFilter,)
    search_fields = ("query",)
    show_facets = admin.ShowFacets.NEVER
    change_list_template = "admin/handreiking/searchmiss/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(count__gte=misses.MIN_SEARCHES)

    def get_list_display(self, request):
        return (*self.list_display, fix_links(request))

    def changelist_view(self, request, extra_context=None):
        explanation = _(
            "Per week, alleen wat minstens %(n)s keer is gezocht. Heeft de handreiking het "
            "antwoord wel, maak dan met één klik een synoniem of kies een beste antwoord. Na "
            "%(days)s dagen verdwijnen de zoekvragen."
        ) % {"n": misses.MIN_SEARCHES, "days": misses.RETENTION_DAYS}
        context = {"title": _("Zoekvragen zonder resultaat"), "explanation": explanation}
        return super().changelist_view(request, {**(extra_context or {}), **context})

    def has_add_permission(self, request):
        return False  # counted by the search itself

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.display(description=_("week"), ordering="week")
    def shown_week(self, obj: SearchMiss) -> str:
        return week_label(obj.week)

    @admin.display(description=_("proberen"))
    def try_it(self, obj: SearchMiss):
        return try_link(obj.query)

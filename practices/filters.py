"""The practice FilterSet: one definition for the search page, the CSV export and the API.

Every filter reads plain query-string values, so any state of the search page is a shareable
URL and the API accepts the very same parameters. ``q`` is full-text search through the search
index (``search.textfilter.text_search``); results are ordered by relevance when ``q`` is given
and no other order is asked for, by newest otherwise.
"""

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from search.schema import FACETS_BY_NAME, active_in, facet_q
from search.textfilter import text_search
from states.models import Region, RegionalBody, State

from .models import GcmObjective, Pillar, Practice, Theme

ORDERING_CHOICES = [
    ("relevance", _("Relevance")),
    ("newest", _("Newest")),
    ("title", _("Title")),
    ("year", _("Start year")),
]
ORDER_BY = {
    "relevance": (F("search_rank").desc(nulls_last=True), "-published_at", "title"),
    "newest": ("-published_at", "title"),
    "title": ("title", "pk"),
    "year": (F("start_year").desc(nulls_last=True), "title"),
}


class ObjectiveNumberField(django_filters.fields.ModelMultipleChoiceField):
    """GCM objectives by number; anything but a small whole number is an invalid choice.

    Checked before the database sees the values: SQLite cannot even compare huge integers.
    """

    def _check_values(self, value):
        for item in value:
            if not (str(item).isdigit() and len(str(item)) <= 9):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)


class ObjectiveNumberFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = ObjectiveNumberField


class PracticeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Search"))
    theme = django_filters.ModelMultipleChoiceFilter(
        field_name="themes__slug",
        to_field_name="slug",
        queryset=Theme.objects.all(),
        label=_("Theme"),
    )
    pillar = django_filters.ModelMultipleChoiceFilter(
        field_name="pillar__slug",
        to_field_name="slug",
        queryset=Pillar.objects.all(),
        label=_("Coherence pillar"),
    )
    gcm = ObjectiveNumberFilter(
        field_name="gcm_objectives__number",
        to_field_name="number",
        queryset=GcmObjective.objects.all(),
        label=_("GCM objective"),
    )
    state = django_filters.ModelMultipleChoiceFilter(
        method="filter_state",
        to_field_name="slug",
        queryset=State.objects.all(),
        label=_("State"),
    )
    region = django_filters.ModelMultipleChoiceFilter(
        method="filter_region",
        to_field_name="slug",
        queryset=Region.objects.all(),
        label=_("Region"),
    )
    body = django_filters.ModelMultipleChoiceFilter(
        method="filter_body",
        to_field_name="slug",
        queryset=RegionalBody.objects.all(),
        label=_("Regional or international body"),
    )
    stage = django_filters.MultipleChoiceFilter(
        choices=Practice.Stage.choices, label=_("Implementation stage")
    )
    year_from = django_filters.NumberFilter(
        method="filter_year_from", label=_("Active from (year)"), min_value=1900, max_value=2100
    )
    year_to = django_filters.NumberFilter(
        method="filter_year_to", label=_("Active until (year)"), min_value=1900, max_value=2100
    )
    ordering = django_filters.ChoiceFilter(
        choices=ORDERING_CHOICES, method="filter_ordering", label=_("Sort by")
    )

    class Meta:
        model = Practice
        fields = ["q", "theme", "pillar", "gcm", "state", "region", "body", "stage"]

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("ordering"):
            queryset = self.filter_ordering(queryset, "ordering", "relevance")
        return queryset

    def filter_text(self, queryset, name, value):
        """Full-text search; signed-in users' own unpublished practices match by substring."""
        user = getattr(self.request, "user", None)
        return text_search(queryset, value, include_unindexed=user is None or user.is_authenticated)

    def filter_ordering(self, queryset, name, value):
        """Relevance needs a text query; without one it falls back to newest first."""
        if value == "relevance" and "search_rank" not in queryset.query.annotations:
            value = "newest"
        return queryset.order_by(*ORDER_BY[value])

    def filter_state(self, queryset, name, states):
        if not states:
            return queryset
        return queryset.involving_state(*states)

    def filter_region(self, queryset, name, regions):
        if not regions:
            return queryset
        return queryset.filter(facet_q(FACETS_BY_NAME["region"].lookups, regions))

    def filter_body(self, queryset, name, bodies):
        if not bodies:
            return queryset
        return queryset.involving_body(*bodies)

    def filter_year_from(self, queryset, name, value):
        """Practices still running in or after the year (or with no end year)."""
        return queryset.filter(active_in(first=value))

    def filter_year_to(self, queryset, name, value):
        """Practices that had started by the year (or whose start the source does not give)."""
        return queryset.filter(active_in(last=value))

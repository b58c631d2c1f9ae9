"""The practice FilterSet: one definition for the search page, the CSV export and the API.

Every filter reads plain query-string values, so any state of the search page is a shareable
URL and the API accepts the very same parameters. ``q`` is full-text search through the search
index (``search.textfilter.text_search``); results are ordered by relevance when ``q`` is given
and no other order is asked for, by newest otherwise.
"""

import django_filters
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models.constants import LOOKUP_SEP
from django.utils.translation import gettext_lazy as _

from search.schema import SELECTIONS, SELECTIONS_BY_PARAM, active_in
from search.textfilter import text_search

from .facets import LEGENDS
from .managers import NEWEST_FIRST
from .models import Practice

ORDERING_CHOICES = [
    ("relevance", _("Relevance")),
    ("newest", _("Newest")),
    ("title", _("Title")),
    ("year", _("Start year")),
]
ORDER_BY = {
    "relevance": (F("search_rank").desc(nulls_last=True), "-published_at", "title"),
    "newest": NEWEST_FIRST,
    "title": ("title", "pk"),
    "year": (F("start_year").desc(nulls_last=True), "title"),
}


class NumberChoiceField(django_filters.fields.ModelMultipleChoiceField):
    """Objects named by a number (GCM objectives); anything but a small whole number is an
    invalid choice.

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


class NumberChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = NumberChoiceField


def selection_filter(selection, label):
    """The filter of a selection of the search schema (``search.schema.SELECTIONS``).

    Its values are the objects its lookups reach, named by their ``value_field`` (a number
    checked as one), or the choices of the practice's own field; it selects through the one
    rule, ``PracticeQuerySet.involving``.
    """
    model, lookup = Practice, selection.lookups[0]
    for part in lookup.split(LOOKUP_SEP):
        field = model._meta.get_field(part)
        model = field.related_model
    if model is None:
        return django_filters.MultipleChoiceFilter(
            method=_involving(selection.lookups), choices=field.choices, label=label
        )
    named_by = model._meta.get_field(selection.value_field)
    numbered = isinstance(named_by, models.IntegerField)
    filter_class = NumberChoiceFilter if numbered else django_filters.ModelMultipleChoiceFilter
    return filter_class(
        method=_involving(selection.lookups),
        to_field_name=selection.value_field,
        queryset=model.objects.all(),
        label=label,
    )


def _involving(lookups):
    def filter_method(queryset, name, values):
        """Practices having any of ``values`` (the cleaned choices) through ``lookups``."""
        if not values:
            return queryset
        return queryset.involving(lookups, list(values))

    return filter_method


# One filter per selection of the search schema (the facets and the body), named by its query
# parameter: a base class made by django-filter's metaclass, so that they are declared filters.
_SelectionFilters = type(django_filters.FilterSet)(
    "_SelectionFilters",
    (django_filters.FilterSet,),
    {
        "__module__": __name__,
        **{s.params[0]: selection_filter(s, LEGENDS[s.name]) for s in SELECTIONS},
    },
)


class PracticeFilter(_SelectionFilters):
    q = django_filters.CharFilter(method="filter_text", label=_("Search"))
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
        fields = ["q", *SELECTIONS_BY_PARAM]

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

    def filter_year_from(self, queryset, name, value):
        """Practices still running in or after the year (or with no end year)."""
        return queryset.filter(active_in(first=value))

    def filter_year_to(self, queryset, name, value):
        """Practices that had started by the year (or whose start the source does not give)."""
        return queryset.filter(active_in(last=value))

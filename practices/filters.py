"""The practice FilterSet: one definition for the search page, the CSV export and the API.

Every filter reads plain query-string values, so any state of the search page is a shareable
URL and the API accepts the very same parameters. ``q`` is full-text search through the search
index (``search.textfilter.text_search``); results are ordered by relevance when ``q`` is given
and no other order is asked for, by newest otherwise.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models.constants import LOOKUP_SEP
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from search.schema import SELECTIONS, SELECTIONS_BY_PARAM, active_in
from search.textfilter import text_search

from .facets import EVALUATED_LABELS, LEGENDS
from .managers import NEWEST_FIRST
from .models import Practice

# The labels of the text values of a grouped facet (the stages' are the model's choices).
GROUP_LABELS = {
    "stage": dict(Practice.Stage.choices),
    "evaluated": EVALUATED_LABELS,
}

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
    if selection.groups:
        # Text values standing for field values (``search.schema.Facet.groups``).
        return django_filters.MultipleChoiceFilter(
            method=_involving(selection.lookups, selection.members),
            choices=[(value, GROUP_LABELS[selection.name][value]) for value in selection.values],
            label=label,
        )
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


def _involving(lookups, members=list):
    def filter_method(queryset, name, values):
        """Practices having any of ``values`` (the cleaned choices, or the field values
        ``members`` says they stand for) through ``lookups``."""
        if not values:
            return queryset
        return queryset.involving(lookups, members(values))

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


# The year rule's parameters (``search.schema.active_in``): a range, and/or the undated practices.
YEAR_PARAMS = ("year_from", "year_to", "undated")
FIRST_YEAR = 1900
# Plans reach a few years ahead; a year past this is a typing mistake.
YEARS_AHEAD = 10
YEAR_ERRORS = {
    "min_value": _("Enter a year of %(limit_value)s or later."),
    "max_value": _("Enter a year of %(limit_value)s or earlier."),
}


def last_year():
    """The latest year a search may name."""
    return timezone.now().year + YEARS_AHEAD


class PracticeFilterForm(forms.Form):
    """The search form's checks across fields: no year too far ahead, the range in order.

    Each message goes to the field at fault, so the page shows it by the field (keeping what
    was typed) and the API answers ``{"year_to": [...]}`` with a 400.
    """

    def clean(self):
        data = super().clean()
        # The fields' own bounds (also in the API schema) were set when the process started:
        # the last year moves on with the calendar.
        for name in ("year_from", "year_to"):
            year = data.get(name)
            if year is not None and year > last_year():
                self.add_error(
                    name, _("Enter a year of %(last)s or earlier.") % {"last": last_year()}
                )
        first, last = data.get("year_from"), data.get("year_to")
        if first is not None and last is not None and first > last:
            self.add_error(
                "year_to",
                _("The end year (%(last)s) is before the start year (%(first)s).")
                % {"first": first, "last": last},
            )
        return data


class PracticeFilter(_SelectionFilters):
    q = django_filters.CharFilter(method="filter_text", label=_("Search"))
    year_from = django_filters.NumberFilter(
        method="filter_years",
        min_value=FIRST_YEAR,
        max_value=last_year(),
        error_messages=YEAR_ERRORS,
        label=_("Active from (year)"),
        help_text=_("Dated practices still running in or after this year."),
    )
    year_to = django_filters.NumberFilter(
        method="filter_years",
        min_value=FIRST_YEAR,
        max_value=last_year(),
        error_messages=YEAR_ERRORS,
        label=_("Active until (year)"),
        help_text=_("Dated practices that had started by this year."),
    )
    undated = django_filters.ChoiceFilter(
        method="filter_years",
        choices=[("1", _("Years not given"))],
        label=_("Years not given"),
        help_text=_(
            "1: practices whose source gives neither a start nor an end year (with a year "
            "range: those as well as the range's)."
        ),
    )
    ordering = django_filters.ChoiceFilter(
        choices=ORDERING_CHOICES, method="filter_ordering", label=_("Sort by")
    )

    class Meta:
        model = Practice
        fields = ["q", *SELECTIONS_BY_PARAM]
        form = PracticeFilterForm

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

    def filter_years(self, queryset, name, value):
        """The year rule over all of ``YEAR_PARAMS`` at once (its alternatives are OR-ed).

        Each of them calls this; the first one given applies the rule, the others pass.
        """
        data = self.form.cleaned_data
        given = [param for param in YEAR_PARAMS if data.get(param) not in (None, "")]
        if not given or name != given[0]:
            return queryset
        return queryset.filter(
            active_in(data.get("year_from"), data.get("year_to"), undated=bool(data.get("undated")))
        )


def filter_errors(practice_filter):
    """[(label, message)] for each parameter of ``practice_filter`` that was not applied.

    The page shows them above its results (the rest of the search still applies); the CSV
    export refuses to run with them; the API answers them as a 400 (``api.filters``).
    """
    if practice_filter.is_valid():
        return []
    return [
        (str(practice_filter.filters[name].label) if name in practice_filter.filters else "", text)
        for name, messages in practice_filter.errors.items()
        for text in messages
    ]

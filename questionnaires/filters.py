"""FilterSets for questionnaire data: results (page and API), questions and responses."""

import django_filters
from django.utils.translation import gettext_lazy as _

from states.models import Region, State

from .models import Question, Response


class QuestionFilter(django_filters.FilterSet):
    round = django_filters.NumberFilter(
        field_name="round__year", min_value=2007, max_value=2100, label="Round year"
    )
    code = django_filters.CharFilter(field_name="code", label="Question code")

    class Meta:
        model = Question
        fields = ["round", "code"]


class ResponseFilter(django_filters.FilterSet):
    round = django_filters.NumberFilter(
        field_name="round__year", min_value=2007, max_value=2100, label="Round year"
    )
    state = django_filters.ModelChoiceFilter(
        field_name="state", queryset=State.objects.all(), to_field_name="slug", label="State slug"
    )
    region = django_filters.ModelChoiceFilter(
        field_name="state__region",
        queryset=Region.objects.filter(level=Region.Level.REGION),
        to_field_name="slug",
        label="Region slug",
    )

    class Meta:
        model = Response
        fields = ["round", "state", "region"]


class ResultsFilter(django_filters.FilterSet):
    """Which published responses results are computed from: the results page and the API."""

    region = django_filters.ModelChoiceFilter(
        field_name="state__region",
        queryset=Region.objects.filter(level=Region.Level.REGION).order_by("name"),
        to_field_name="slug",
        label=_("Region"),
        empty_label=_("All regions"),
    )

    class Meta:
        model = Response
        fields = ["region"]

    def region_or_none(self):
        """The chosen region; an unknown value shows an error and filters nothing."""
        if self.is_bound and self.is_valid():
            return self.form.cleaned_data.get("region")
        return None

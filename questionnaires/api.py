"""Read-only API for questionnaire rounds, questions, published responses and aggregates.

Responses go through ``Response.objects.published()`` and aggregates through the same
``results.round_results`` as the results page, so the API never shows a draft and gives the
same numbers as the page. Aggregates keep computed and reported figures in separate keys.
"""

import re

import django_filters
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.response import Response as ApiResponse

from partners.exceptions import invalid_parameter
from partners.schema import (
    DETAIL_ERRORS,
    NOT_MODIFIED,
    RESPONSE_HEADERS,
    error_responses,
    read_only_schema,
)
from partners.views import ApiViewMixin
from states.api.serializers import StateBriefSerializer, web_url

from .filters import QuestionFilter, ResponseFilter, ResultsFilter
from .models import Answer, Question, ReportedFigure, Response, Round
from .results import round_results

COMPUTED_BASIS = "published answers held on the platform"


class StrictFilterBackend(DjangoFilterBackend):
    """An empty slug or number is a client mistake: answer 400 instead of ignoring it.

    Free-text filters (``CharFilter``) may be empty, as the schema allows.
    """

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        names = {
            name
            for name, field in view.filterset_class.base_filters.items()
            if not isinstance(field, django_filters.CharFilter)
        }
        for name in kwargs["data"]:
            if name in names and "" in kwargs["data"].getlist(name):
                raise invalid_parameter(name, _("This parameter may not be empty."))
        return kwargs


class OptionSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


class QuestionSerializer(serializers.ModelSerializer):
    round = serializers.IntegerField(source="round.year", help_text="The round's year.")
    options = serializers.SerializerMethodField(
        help_text="Options results are counted under (empty for free text)."
    )

    class Meta:
        model = Question
        fields = [
            "id",
            "round",
            "order",
            "code",
            "text",
            "help_text",
            "kind",
            "intends_years",
            "source_section",
            "options",
        ]

    @extend_schema_field(OptionSerializer(many=True))
    def get_options(self, question):
        return [{"value": value, "label": str(label)} for value, label in question.all_choices()]


class RoundSerializer(serializers.ModelSerializer):
    web_url = serializers.SerializerMethodField(help_text="The results page on the platform.")

    class Meta:
        model = Round
        fields = [
            "year",
            "title",
            "description",
            "status",
            "reported_respondents",
            "source_section",
            "web_url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_web_url(self, round):
        return web_url(self.context["request"], round)


class AnswerSerializer(serializers.ModelSerializer):
    question = serializers.CharField(source="question.code", help_text="The question's code.")

    class Meta:
        model = Answer
        fields = ["question", "choice", "choices", "text", "note", "source_section"]


class ResponseSerializer(serializers.ModelSerializer):
    round = serializers.IntegerField(source="round.year", help_text="The round's year.")
    state = StateBriefSerializer()
    answers = AnswerSerializer(many=True)

    class Meta:
        model = Response
        fields = ["id", "round", "state", "origin", "published_at", "answers"]


class OptionShareSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField(help_text="Published answers choosing this option.")
    denominator = serializers.IntegerField(help_text="Published answers to the question.")
    percent = serializers.IntegerField(allow_null=True, help_text="count / denominator, rounded.")


class ComputedSerializer(serializers.Serializer):
    basis = serializers.CharField(help_text=f"Always “{COMPUTED_BASIS}”.")
    answer_count = serializers.IntegerField(
        source="denominator", help_text="Published answers to the question (the denominator)."
    )
    options = OptionShareSerializer(many=True)


class ReportedFigureSerializer(serializers.ModelSerializer):
    value = serializers.DecimalField(
        max_digits=6, decimal_places=1, coerce_to_string=False, allow_null=True
    )
    percent = serializers.DecimalField(
        max_digits=6, decimal_places=1, coerce_to_string=False, allow_null=True, read_only=True
    )

    class Meta:
        model = ReportedFigure
        fields = [
            "slug",
            "option",
            "value",
            "unit",
            "denominator",
            "percent",
            "statement",
            "source_document",
            "source_section",
        ]


class QuestionAggregateSerializer(serializers.Serializer):
    question = serializers.CharField(source="question.code")
    text = serializers.CharField(source="question.text")
    kind = serializers.CharField(source="question.kind")
    computed = serializers.SerializerMethodField(
        help_text="Figures computed here from published answers; non-respondents excluded."
    )
    reported_in_source = ReportedFigureSerializer(
        source="reported", many=True, help_text="Figures as the source document reports them."
    )

    @extend_schema_field(ComputedSerializer)
    def get_computed(self, result):
        return ComputedSerializer(
            {"basis": COMPUTED_BASIS, "denominator": result.denominator, "options": result.options}
        ).data


ROUND_PATH = OpenApiParameter(
    "year",
    {"type": "integer", "minimum": 2007, "maximum": 2100},
    OpenApiParameter.PATH,
    description="The round's year.",
)
# Any path segment reaches the view, so that a malformed year is this API's JSON 404.
ANY_SEGMENT = "[^/]+"


def round_or_404(year):
    """The round of ``year``; anything but a four-digit year is a 404, never a database error."""
    if not re.fullmatch(r"[0-9]{4}", str(year)):
        raise Http404
    return get_object_or_404(Round, year=int(year))


@extend_schema_view(
    **read_only_schema(
        RoundSerializer,
        name="questionnaire round",
        plural="questionnaire rounds",
        detail_parameters=[ROUND_PATH],
    )
)
class QuestionnaireRoundViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = RoundSerializer
    queryset = Round.objects.order_by("-year")
    filter_backends = []
    lookup_field = "year"
    lookup_value_regex = ANY_SEGMENT

    def get_object(self):
        return round_or_404(self.kwargs["year"])


@extend_schema_view(
    retrieve=extend_schema(
        summary="Aggregated results of a round",
        description="Per question: shares per option computed from published answers held "
        "here (`computed`, States that did not answer left out of the denominator), and the "
        "figures the source document reports (`reported_in_source`), never mixed. `region` "
        "narrows the computed figures; reported figures always refer to all respondents.",
        parameters=[ROUND_PATH, *RESPONSE_HEADERS],
        filters=True,
        responses={
            200: QuestionAggregateSerializer(many=True),
            304: NOT_MODIFIED,
            **error_responses(400),
            **DETAIL_ERRORS,
        },
    )
)
class QuestionnaireAggregateViewSet(ApiViewMixin, viewsets.GenericViewSet):
    """One round's results, computed by the same code as the results page."""

    queryset = Response.objects.published()
    filterset_class = ResultsFilter
    filter_backends = [StrictFilterBackend]
    pagination_class = None
    lookup_field = "year"
    lookup_value_regex = ANY_SEGMENT

    def retrieve(self, request, year=None):
        round = round_or_404(year)
        filterset = StrictFilterBackend().get_filterset(request, self.get_queryset(), self)
        if not filterset.is_valid():
            raise serializers.ValidationError(filterset.errors)
        results = round_results(round, region=filterset.form.cleaned_data.get("region"))
        return ApiResponse(QuestionAggregateSerializer(results, many=True).data)


@extend_schema_view(
    **read_only_schema(QuestionSerializer, name="questionnaire question", plural="questions")
)
class QuestionnaireQuestionViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = QuestionSerializer
    filterset_class = QuestionFilter
    filter_backends = [StrictFilterBackend]
    queryset = (
        Question.objects.select_related("round")
        .prefetch_related("options")
        .order_by("-round__year", "order", "pk")
    )


@extend_schema_view(
    **read_only_schema(
        ResponseSerializer,
        name="published questionnaire response",
        plural="published questionnaire responses",
    )
)
class QuestionnaireResponseViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Published responses only, whoever asks: drafts are never served here."""

    serializer_class = ResponseSerializer
    filterset_class = ResponseFilter
    filter_backends = [StrictFilterBackend]
    queryset = (
        Response.objects.published()
        .select_related("round", "state")
        .prefetch_related("answers__question")
        .order_by("-round__year", "state__name", "pk")
    )

"""Read-only API for questionnaire rounds, questions, published responses and aggregates.

Responses go through ``Response.objects.published()`` and aggregates through the same
``results.round_results`` as the results page, so the API never shows a draft and gives the
same numbers as the page. Aggregates keep computed and reported figures in separate keys.
"""

import re

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.response import Response as ApiResponse

from api.filters import StrictFilterBackend
from api.schema import (
    DETAIL_ERRORS,
    NOT_MODIFIED,
    RESPONSE_HEADERS,
    error_responses,
    read_only_schema,
)
from api.views import ApiViewMixin
from questionnaires.filters import QuestionFilter, ResponseFilter, ResultsFilter
from questionnaires.models import Question, Response, Round
from questionnaires.results import round_results

from .serializers import (
    QuestionAggregateSerializer,
    QuestionSerializer,
    ResponseSerializer,
    RoundSerializer,
)

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
        filterset = StrictFilterBackend().validated_filterset(request, self.get_queryset(), self)
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

"""The API of calls for practices: open and closed calls, and the practices answering each."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action

from api.fields import ApiLinkField
from api.schema import LIST_ERRORS, RESPONSE_HEADERS, read_only_schema
from api.views import ApiViewMixin
from practices.api.serializers import GcmObjectiveBriefSerializer, ThemeBriefSerializer
from practices.calls import Call
from practices.models import Practice
from states.api.serializers import web_url


class CallSerializer(serializers.HyperlinkedModelSerializer):
    url = ApiLinkField(view_name="api:call-detail", lookup_field="slug")
    practices_url = ApiLinkField(
        view_name="api:call-practices",
        lookup_field="slug",
        help_text="The published practices answering this call.",
    )
    web_url = serializers.SerializerMethodField(help_text="The public page on the platform.")
    themes = ThemeBriefSerializer(many=True, read_only=True)
    gcm_objectives = GcmObjectiveBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Call
        fields = [
            "slug",
            "title",
            "description",
            "status",
            "opens_at",
            "closes_at",
            "themes",
            "gcm_objectives",
            "url",
            "web_url",
            "practices_url",
        ]

    def get_web_url(self, obj) -> str:
        return web_url(self.context["request"], obj)


class CallAnswerSerializer(serializers.HyperlinkedModelSerializer):
    url = ApiLinkField(
        view_name="api:practice-detail", lookup_field="slug", lookup_url_kwarg="identifier"
    )
    web_url = serializers.SerializerMethodField(help_text="The public page on the platform.")

    class Meta:
        model = Practice
        fields = ["uuid", "slug", "title", "summary", "published_at", "url", "web_url"]

    def get_web_url(self, obj) -> str:
        return web_url(self.context["request"], obj)


@extend_schema_view(
    **read_only_schema(CallSerializer, name="call for practices", plural="calls for practices"),
    practices=extend_schema(
        summary="Practices answering a call",
        description="The published practices submitted in response to the call, newest first.",
        parameters=[*RESPONSE_HEADERS],
        responses={200: CallAnswerSerializer(many=True), **LIST_ERRORS},
    ),
)
class CallViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = CallSerializer
    lookup_field = "slug"
    queryset = (
        Call.objects.public()
        .prefetch_related("themes", "gcm_objectives")
        .order_by("-closes_at", "pk")
    )

    @action(detail=True, serializer_class=CallAnswerSerializer)
    def practices(self, request, slug=None):
        call = self.get_object()
        answers = (
            Practice.objects.published()
            .filter(in_response_to=call)
            .only("uuid", "slug", "title", "summary", "published_at")
            .order_by("-published_at", "pk")
        )
        page = self.paginate_queryset(answers)
        serializer = CallAnswerSerializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)

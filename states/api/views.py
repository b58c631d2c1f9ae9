"""Read-only API endpoints for States, regional bodies, institutions and public contacts."""

from drf_spectacular.utils import extend_schema_view
from rest_framework import viewsets

from api.schema import read_only_schema
from api.views import ApiViewMixin
from states.models import Contact, Institution, RegionalBody, State

from .serializers import (
    ContactSerializer,
    InstitutionSerializer,
    RegionalBodySerializer,
    StateSerializer,
)


@extend_schema_view(**read_only_schema(StateSerializer, name="State", plural="States"))
class StateViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = StateSerializer
    lookup_field = "slug"
    queryset = (
        State.objects.select_related("region", "subregion", "intermediate_region")
        .prefetch_related("bodies", "institutions")
        .order_by("name")
    )


@extend_schema_view(
    **read_only_schema(
        RegionalBodySerializer,
        name="regional or international body",
        plural="regional and international bodies",
    )
)
class RegionalBodyViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = RegionalBodySerializer
    lookup_field = "slug"
    queryset = RegionalBody.objects.prefetch_related("members").order_by("acronym", "name")


@extend_schema_view(
    **read_only_schema(InstitutionSerializer, name="institution", plural="institutions")
)
class InstitutionViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = InstitutionSerializer
    lookup_field = "slug"
    queryset = Institution.objects.select_related("state").order_by("state__name", "name", "pk")


@extend_schema_view(**read_only_schema(ContactSerializer, name="contact", plural="contacts"))
class ContactViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Public contacts; a State's own users and moderators also see its non-public ones."""

    serializer_class = ContactSerializer
    lookup_field = "public_id"

    def get_queryset(self):
        return (
            Contact.objects.visible_to(self.request.user)
            .select_related("state", "institution")
            .order_by("state__name", "name", "pk")
        )

"""API representations of States, bodies, institutions and contacts.

The ``*BriefSerializer`` classes are what other resources embed: enough to display the object,
plus ``url``, its own API endpoint.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import ApiLinkField
from core.i18n import NAME_COLUMNS
from states.models import Contact, Institution, Region, RegionalBody, State


def web_url(request, obj):
    """Absolute address of the object's public page, in the site's default language."""
    with translation.override(settings.LANGUAGE_CODE):
        return request.build_absolute_uri(obj.get_absolute_url())


def practices_url(request, parameter, value):
    """The practice list filtered to one State, body, theme, ... (an API URL)."""
    return request.build_absolute_uri(f"{reverse('api:practice-list')}?{parameter}={value}")


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["slug", *NAME_COLUMNS, "level"]


class StateBriefSerializer(serializers.HyperlinkedModelSerializer):
    url = ApiLinkField(view_name="api:state-detail", lookup_field="slug")

    class Meta:
        model = State
        fields = ["slug", "iso2", "iso3", "name", "url"]


class RegionalBodyBriefSerializer(serializers.HyperlinkedModelSerializer):
    url = ApiLinkField(view_name="api:regional-body-detail", lookup_field="slug")

    class Meta:
        model = RegionalBody
        fields = ["slug", "acronym", "name", "url"]


class InstitutionBriefSerializer(serializers.HyperlinkedModelSerializer):
    url = ApiLinkField(view_name="api:institution-detail", lookup_field="slug")

    class Meta:
        model = Institution
        fields = ["slug", "name", "url"]


class ContactBriefSerializer(serializers.HyperlinkedModelSerializer):
    url = ApiLinkField(view_name="api:contact-detail", lookup_field="public_id")

    class Meta:
        model = Contact
        fields = ["public_id", "name", "role", "url"]


class _WebLinksMixin(serializers.Serializer):
    web_url = serializers.SerializerMethodField(help_text="The public page on the platform.")
    practices_url = serializers.SerializerMethodField(
        help_text="The API list of this object's published practices."
    )
    practices_parameter = None

    @extend_schema_field(OpenApiTypes.URI)
    def get_web_url(self, obj):
        return web_url(self.context["request"], obj)

    @extend_schema_field(OpenApiTypes.URI)
    def get_practices_url(self, obj):
        return practices_url(self.context["request"], self.practices_parameter, obj.slug)


class StateSerializer(_WebLinksMixin, StateBriefSerializer):
    region = RegionSerializer()
    subregion = RegionSerializer()
    intermediate_region = RegionSerializer(allow_null=True)
    bodies = RegionalBodyBriefSerializer(many=True, help_text="Bodies the State is a member of.")
    institutions = InstitutionBriefSerializer(many=True)
    practices_parameter = "state"

    class Meta(StateBriefSerializer.Meta):
        fields = [
            *StateBriefSerializer.Meta.fields,
            "m49_code",
            "region",
            "subregion",
            "intermediate_region",
            "un_status",
            "un_member_since",
            "bodies",
            "institutions",
            "web_url",
            "practices_url",
        ]


class RegionalBodySerializer(_WebLinksMixin, RegionalBodyBriefSerializer):
    members = StateBriefSerializer(many=True)
    practices_parameter = "body"

    class Meta(RegionalBodyBriefSerializer.Meta):
        fields = [
            *RegionalBodyBriefSerializer.Meta.fields,
            "kind",
            "description",
            "members",
            "web_url",
            "practices_url",
        ]


class InstitutionSerializer(InstitutionBriefSerializer):
    state = StateBriefSerializer()

    class Meta(InstitutionBriefSerializer.Meta):
        fields = [*InstitutionBriefSerializer.Meta.fields, "kind", "description", "state"]


class ContactSerializer(ContactBriefSerializer):
    state = StateBriefSerializer()
    institution = InstitutionBriefSerializer(allow_null=True)

    class Meta(ContactBriefSerializer.Meta):
        fields = [
            *ContactBriefSerializer.Meta.fields,
            "email",
            "phone",
            "is_focal_point",
            "is_public",
            "state",
            "institution",
        ]

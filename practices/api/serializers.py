"""API representations of practices and their taxonomy (themes, pillars, GCM objectives).

Serializers list their fields explicitly; the API is read-only, so nothing here writes status,
owner or approver.
"""

import functools

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import ApiLinkField
from core.i18n import NAME_COLUMNS
from practices.api.translations import TRANSLATION_ITEM, translations_of
from practices.currency import currency_of
from practices.fields import CONTENT_FIELDS, M2M_FIELDS
from practices.living import CurrencyConfirmation
from practices.models import GcmObjective, GuidingPrinciple, Pillar, Practice, SdgTarget, Theme
from states.api.serializers import (
    ContactBriefSerializer,
    InstitutionBriefSerializer,
    RegionalBodyBriefSerializer,
    StateBriefSerializer,
    practices_url,
    web_url,
)
from states.models import Contact, Institution, RegionalBody, State

from .evidence import (
    AdaptationSerializer,
    IndicatorSerializer,
    NestedMethodField,
    evidence_fields,
)

NAMES = list(NAME_COLUMNS)


class PeerReviewedSerializer(serializers.Serializer):
    """The schema of ``PracticeSerializer.peer_reviewed`` (built by ``peer_reviewed``)."""

    reviewed = serializers.BooleanField(
        help_text="Approved after at least two expert reviews against the published criteria."
    )
    date = serializers.DateField(allow_null=True, help_text="The approval date, if reviewed.")
    criteria_url = serializers.URLField(help_text="The public page of the review criteria.")


class PeerReviewedField(serializers.SerializerMethodField):
    """``peer_reviewed``: its ``child`` names the CSV's columns (``peer_reviewed.reviewed``,
    ...) as a nested serializer's would, empty rows included."""

    child = PeerReviewedSerializer()


def review_criteria_url(request):
    """The criteria page (``reviews``' URL, reversed by name), in the default language."""
    with translation.override(settings.LANGUAGE_CODE):
        return request.build_absolute_uri(reverse("reviews:criteria"))


def peer_reviewed(request, at, *, criteria=None):
    """``peer_reviewed`` of a practice whose ``peer_reviewed_at`` is ``at`` (None: not);
    ``criteria``: ``review_criteria_url``, for callers that render many practices."""
    criteria = criteria or review_criteria_url(request)
    return {
        "reviewed": at is not None,
        "date": timezone.localdate(at).isoformat() if at is not None else None,
        "criteria_url": criteria,
    }


class ThemeBriefSerializer(serializers.HyperlinkedModelSerializer):
    url = ApiLinkField(view_name="api:theme-detail", lookup_field="slug")

    class Meta:
        model = Theme
        fields = ["slug", "name", "url"]


class PillarBriefSerializer(serializers.HyperlinkedModelSerializer):
    url = ApiLinkField(view_name="api:pillar-detail", lookup_field="slug")

    class Meta:
        model = Pillar
        fields = ["slug", "number", "name", "url"]


class GcmObjectiveBriefSerializer(serializers.HyperlinkedModelSerializer):
    url = ApiLinkField(view_name="api:gcm-objective-detail", lookup_field="number")

    class Meta:
        model = GcmObjective
        fields = ["number", "slug", "name", "url"]


class GuidingPrincipleBriefSerializer(serializers.ModelSerializer):
    """One of the GCM's ten guiding principles (A/RES/73/195, para. 15)."""

    class Meta:
        model = GuidingPrinciple
        fields = ["number", "slug", "name"]


class SdgTargetBriefSerializer(serializers.ModelSerializer):
    """An SDG target (A/RES/70/1): its number and its official English wording."""

    class Meta:
        model = SdgTarget
        fields = ["code", "slug", "name"]


class _TaxonomyLinksMixin(serializers.Serializer):
    practices_url = serializers.SerializerMethodField(
        help_text="The API list of the published practices classified here."
    )
    practices_parameter = None
    practices_value = "slug"

    @extend_schema_field(OpenApiTypes.URI)
    def get_practices_url(self, obj):
        value = getattr(obj, self.practices_value)
        return practices_url(self.context["request"], self.practices_parameter, value)


class ThemeSerializer(_TaxonomyLinksMixin, ThemeBriefSerializer):
    web_url = serializers.SerializerMethodField(help_text="The public page on the platform.")
    practices_parameter = "theme"

    class Meta(ThemeBriefSerializer.Meta):
        fields = ["slug", *NAMES, "description", "url", "web_url", "practices_url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_web_url(self, obj):
        return web_url(self.context["request"], obj)


class PillarSerializer(_TaxonomyLinksMixin, PillarBriefSerializer):
    web_url = serializers.SerializerMethodField(help_text="The public page on the platform.")
    practices_parameter = "pillar"

    class Meta(PillarBriefSerializer.Meta):
        fields = ["slug", "number", *NAMES, "description", "url", "web_url", "practices_url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_web_url(self, obj):
        return web_url(self.context["request"], obj)


class GcmObjectiveSerializer(_TaxonomyLinksMixin, GcmObjectiveBriefSerializer):
    practices_parameter = "gcm"
    practices_value = "number"

    class Meta(GcmObjectiveBriefSerializer.Meta):
        fields = ["number", "slug", *NAMES, "url", "practices_url"]


class CurrencySerializer(serializers.Serializer):
    """Whether the practice's State confirmed it is still current (``practices.currency``).

    Given a practice (``source="*"``), it reads the practice's latest answer; given
    ``currency.describe``'s dict, it formats it (``representations`` reads answers in bulk).
    """

    status = serializers.ChoiceField(
        choices=CurrencyConfirmation.Status.choices,
        allow_null=True,
        help_text="The State's latest answer; null when it has not answered yet.",
    )
    confirmed_at = serializers.DateTimeField(
        allow_null=True,
        help_text="When it answered; unanswered, the publication (a State's submission) or "
        "null (the 2008 paper's practices, never confirmed since).",
    )

    def to_representation(self, instance):
        if isinstance(instance, Practice):
            instance = currency_of(instance)
        return super().to_representation(instance)


@functools.cache
def _currency_fields():
    return dict(CurrencySerializer().fields)


def currency_value(described):
    """The API's ``currency`` of ``practices.currency.describe``'s dict, formatted by
    ``CurrencySerializer``'s own fields as its ``to_representation`` would: a serializer
    built per practice cost ~0.4 ms, the largest part of a page of uncached practices."""
    return {
        name: None
        if described[field.source] is None
        else field.to_representation(described[field.source])
        for name, field in _currency_fields().items()
    }


class PracticeSerializer(serializers.HyperlinkedModelSerializer):
    """A practice in full, with its related objects in brief.

    ``contacts`` holds only the contacts the caller may see (public ones, for everybody else
    than the State's users and moderators): the view prefetches them filtered.
    """

    url = ApiLinkField(
        view_name="api:practice-detail", lookup_field="uuid", lookup_url_kwarg="identifier"
    )
    web_url = serializers.SerializerMethodField(help_text="The public page on the platform.")
    peer_reviewed = PeerReviewedField()
    lead_state = StateBriefSerializer(allow_null=True)
    lead_body = RegionalBodyBriefSerializer(allow_null=True)
    reported_by = StateBriefSerializer(
        allow_null=True, help_text="For a body's practice: the State that reported it."
    )
    partner_states = StateBriefSerializer(many=True)
    partner_bodies = RegionalBodyBriefSerializer(many=True)
    institutions = InstitutionBriefSerializer(many=True)
    pillar = PillarBriefSerializer()
    themes = ThemeBriefSerializer(many=True)
    gcm_objectives = GcmObjectiveBriefSerializer(many=True)
    guiding_principles = GuidingPrincipleBriefSerializer(many=True)
    sdg_targets = SdgTargetBriefSerializer(many=True)
    contacts = ContactBriefSerializer(many=True)
    currency = CurrencySerializer(source="*", read_only=True)
    indicators = NestedMethodField(
        IndicatorSerializer(),
        help_text="Measured results as the State reports them (never a score or ranking).",
    )
    adapted_from = NestedMethodField(
        AdaptationSerializer(),
        help_text="The published practice of another State this one adapted, or null.",
    )
    adapted_by = NestedMethodField(
        AdaptationSerializer(),
        help_text="Published practices of other States adapted from this one, oldest first.",
    )
    translations = serializers.SerializerMethodField(
        help_text="Its published translations; the main text fields follow ?lang= (see there)."
    )

    class Meta:
        model = Practice
        fields = [
            "uuid",
            "slug",
            "url",
            "web_url",
            "status",
            "version",
            "title",
            "summary",
            "description",
            "objectives",
            "results",
            "evaluation_type",
            "beneficiaries_reached",
            "beneficiaries_description",
            "indicators",
            "lessons",
            "replicability",
            "adapted_from",
            "adapted_by",
            "lead_state",
            "lead_body",
            "reported_by",
            "partner_states",
            "partner_bodies",
            "institutions",
            "pillar",
            "themes",
            "gcm_objectives",
            "guiding_principles",
            "sdg_targets",
            "start_year",
            "end_year",
            "stage",
            "contacts",
            "language",
            "origin",
            "source_document",
            "source_section",
            "source_url",
            "source_year",
            "published_at",
            "updated_at",
            "currency",
            "peer_reviewed",
            "translations",
        ]
        extra_kwargs = {
            "description": {"help_text": "Markdown."},
            "status": {
                "help_text": "Always `published` except for the State's own users and "
                "moderators, who also see their drafts."
            },
            "version": {
                "help_text": "Rises by one on every save of the text. Send it back when "
                "changing a draft: a change based on an older version answers 409."
            },
            "evaluation_type": {
                "help_text": "How the results were assessed; empty: not given (the paper's "
                "practices). The `evaluated` filter groups these values."
            },
        }

    @extend_schema_field(OpenApiTypes.URI)
    def get_web_url(self, obj):
        return web_url(self.context["request"], obj)

    @extend_schema_field(PeerReviewedSerializer)
    def get_peer_reviewed(self, obj):
        return peer_reviewed(self.context["request"], obj.peer_reviewed_at)

    def _evidence(self, obj):
        return evidence_fields(self.context["request"], [obj])[obj.pk]

    @extend_schema_field(IndicatorSerializer(many=True))
    def get_indicators(self, obj):
        return self._evidence(obj)["indicators"]

    @extend_schema_field(AdaptationSerializer(allow_null=True))
    def get_adapted_from(self, obj):
        return self._evidence(obj)["adapted_from"]

    @extend_schema_field(AdaptationSerializer(many=True))
    def get_adapted_by(self, obj):
        return self._evidence(obj)["adapted_by"]

    @extend_schema_field(TRANSLATION_ITEM)
    def get_translations(self, obj):
        return translations_of(obj)


class PracticeTombstoneSerializer(serializers.Serializer):
    """What the sync feed says about a practice that left the published set."""

    class Reason:
        ARCHIVED = "archived"
        REMOVED = "removed"

    uuid = serializers.UUIDField()
    slug = serializers.SlugField()
    status = serializers.ChoiceField(
        choices=[Reason.ARCHIVED, Reason.REMOVED],
        help_text="`archived`: unpublished by a moderator; `removed`: deleted. Either way, "
        "delete it from your copy.",
    )
    removed_at = serializers.DateTimeField()


UNAVAILABLE = _("“{value}” is not one of the available choices.")


class ChoiceSlugField(serializers.SlugRelatedField):
    """A related object named by its slug; one message whether it does not exist or is not
    the caller's to use (``practices.api.drafts`` gives the form's refusals the same one), so
    the answer says nothing of other States' objects and never shows a database id."""

    default_error_messages = {
        "does_not_exist": UNAVAILABLE,
        "invalid": _("Send the slug of one of the available choices."),
    }

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except DjangoValidationError:  # a malformed UUID, for contacts' public_id
            self.fail("does_not_exist", value=data)

    def fail(self, key, **kwargs):
        if "value" in kwargs:
            kwargs["value"] = str(kwargs["value"])[:100]
        super().fail(key, **kwargs)


class PracticeDraftSerializer(serializers.ModelSerializer):
    """What a State's user may write through the API: the practice form's fields, by slug.

    The draft is saved by ``practices.workflow.save_draft`` through ``PracticeForm``, like the
    site's own form: status, owner and version are the workflow's, never the client's.
    """

    lead_state = ChoiceSlugField(
        slug_field="slug", queryset=State.objects.all(), allow_null=True, required=False
    )
    lead_body = ChoiceSlugField(
        slug_field="slug", queryset=RegionalBody.objects.all(), allow_null=True, required=False
    )
    partner_states = ChoiceSlugField(
        slug_field="slug", queryset=State.objects.all(), many=True, required=False
    )
    partner_bodies = ChoiceSlugField(
        slug_field="slug", queryset=RegionalBody.objects.all(), many=True, required=False
    )
    institutions = ChoiceSlugField(
        slug_field="slug", queryset=Institution.objects.all(), many=True, required=False
    )
    pillar = ChoiceSlugField(slug_field="slug", queryset=Pillar.objects.all())
    themes = ChoiceSlugField(
        slug_field="slug", queryset=Theme.objects.all(), many=True, allow_empty=False
    )
    gcm_objectives = ChoiceSlugField(
        slug_field="number", queryset=GcmObjective.objects.all(), many=True, required=False
    )
    guiding_principles = ChoiceSlugField(
        slug_field="slug", queryset=GuidingPrinciple.objects.all(), many=True, required=False
    )
    sdg_targets = ChoiceSlugField(
        slug_field="slug", queryset=SdgTarget.objects.all(), many=True, required=False
    )
    contacts = ChoiceSlugField(
        slug_field="public_id", queryset=Contact.objects.all(), many=True, required=False
    )
    adapted_from = ChoiceSlugField(
        slug_field="uuid",
        queryset=Practice.objects.published(),
        allow_null=True,
        required=False,
        help_text="The `uuid` of the published practice of another State this one adapted.",
    )
    version = serializers.IntegerField(
        required=False,
        help_text="When changing a draft: the `version` you read. A save based on an older "
        "version is refused with 409, so nobody's newer text is overwritten.",
    )

    class Meta:
        model = Practice
        fields = [*CONTENT_FIELDS, *M2M_FIELDS, "version"]

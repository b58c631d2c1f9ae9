"""A practice's evidence and adaptations in the API: ``indicators``, ``adapted_from``,
``adapted_by``.

One function (``evidence_fields``) reads them for any number of practices in three queries;
``PracticeSerializer``'s method fields and the row-built representations
(``representations.build``) both call it, so the two stay equal. Only live published
practices are named as originals or adapters.
"""

from django.urls import reverse
from rest_framework import serializers

from practices.evidence import Indicator
from practices.models import Practice
from states.api.serializers import web_url


class IndicatorSerializer(serializers.ModelSerializer):
    """One measured result, as the State reports it (values are text, as the source gives
    them: nothing is computed or ranked from them)."""

    source_document = serializers.URLField(
        allow_null=True, help_text="The download address of the practice's document it cites."
    )

    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "baseline",
            "target",
            "achieved",
            "measured_on",
            "source_url",
            "source_document",
        ]


class AdaptationSerializer(serializers.Serializer):
    """A published practice linked as adapted from, or by, another State's."""

    uuid = serializers.UUIDField()
    title = serializers.CharField()
    url = serializers.URLField(help_text="Its API address.")
    web_url = serializers.URLField(help_text="Its public page.")
    lead_state = serializers.CharField(allow_null=True, help_text="The lead State's name.")
    published_at = serializers.DateTimeField()


class NestedMethodField(serializers.SerializerMethodField):
    """A method field whose value is what ``child`` (a serializer) renders: ``child`` also
    gives the CSV export its columns (``api.renderers``), as a nested serializer would."""

    def __init__(self, child, **kwargs):
        self.child = child
        super().__init__(**kwargs)


def _adaptation(request, practice):
    url = reverse("api:practice-detail", kwargs={"identifier": practice.uuid})
    return AdaptationSerializer(
        {
            "uuid": practice.uuid,
            "title": practice.title,
            "url": request.build_absolute_uri(url),
            "web_url": web_url(request, practice),
            "lead_state": practice.lead_state.name if practice.lead_state else None,
            "published_at": practice.published_at,
        }
    ).data


def _linked():
    return Practice.objects.published().select_related("lead_state").order_by("published_at", "pk")


def evidence_fields(request, practices):
    """``{pk: {"indicators", "adapted_from", "adapted_by"}}`` of ``practices`` (objects with
    ``adapted_from_id``), in three queries whatever their number."""
    pks = [p.pk for p in practices]
    found = {pk: {"indicators": [], "adapted_from": None, "adapted_by": []} for pk in pks}
    indicators = Indicator.objects.filter(practice__in=pks).select_related("source_attachment")
    for indicator in indicators.order_by("practice", "position", "pk"):
        data = IndicatorSerializer(
            {
                **{name: getattr(indicator, name) for name in IndicatorSerializer.Meta.fields[:-1]},
                "source_document": request.build_absolute_uri(
                    indicator.source_attachment.get_absolute_url()
                )
                if indicator.source_attachment
                else None,
            }
        ).data
        found[indicator.practice_id]["indicators"].append(data)
    originals = {p.adapted_from_id for p in practices if p.adapted_from_id}
    if originals:
        by_pk = {p.pk: p for p in _linked().filter(pk__in=originals)}
        for practice in practices:
            original = by_pk.get(practice.adapted_from_id)
            if original is not None:
                found[practice.pk]["adapted_from"] = _adaptation(request, original)
    for adapter in _linked().filter(adapted_from__in=pks):
        found[adapter.adapted_from_id]["adapted_by"].append(_adaptation(request, adapter))
    return found

"""Practice representations built from plain rows, the way ``PracticeSerializer`` renders them.

``PracticeSerializer`` documents the API (the OpenAPI schema is generated from it) and is the
reference for what a practice looks like. Rendering it through DRF costs ~3 ms per practice at
100,000 practices, mostly model instances, prefetch machinery and one ``reverse`` per link:
a page of 20 spent ~90 ms there. This module reads the same fields with one ``values()`` query
for the practices and one for all their links (``practices.relations``: themes, States and the
other small tables are kept in memory; contacts are read apart, filtered for the reader),
formats every value with the serializer's own field objects, and builds links from one
``reverse`` per kind of object. The layout (which fields, which nested objects, which links)
is read from the serializer classes, so a field added there appears here too;
``tests/api/test_representations.py`` holds both equal.
"""

import functools
import operator
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from rest_framework import serializers

from api.fields import ApiLinkField
from practices import currency, relations
from practices.models import Practice

from . import translations
from .evidence import evidence_fields
from .serializers import PracticeSerializer, currency_value, peer_reviewed, review_criteria_url

# A value every lookup pattern of the API's and the site's URLs accepts, replaced afterwards.
_PLACEHOLDER = "0"


@dataclass(frozen=True)
class _Nested:
    """A related object rendered in brief: its scalar fields and its API link."""

    name: str
    many: bool
    model: type
    scalars: dict  # field name -> (source, DRF field)
    link: tuple  # (view name, lookup field, URL keyword)


@functools.cache
def _layout():
    """What ``PracticeSerializer`` renders, read once: building its fields costs ~5 ms."""
    fields = PracticeSerializer().fields
    scalars, nested = {}, []
    for name, field in fields.items():
        if field.source == "*":
            continue  # read from the whole practice (``currency``): ``build`` fills it in
        if isinstance(field, serializers.BaseSerializer):
            many = isinstance(field, serializers.ListSerializer)
            brief = field.child if many else field
            link, brief_scalars = None, {}
            for brief_name, brief_field in brief.fields.items():
                if isinstance(brief_field, ApiLinkField):
                    link = _link_spec(brief_field)
                else:
                    brief_scalars[brief_name] = (brief_field.source, brief_field)
            model = Practice._meta.get_field(field.source).related_model
            nested.append(_Nested(name, many, model, brief_scalars, link))
        elif not isinstance(field, ApiLinkField | serializers.SerializerMethodField):
            scalars[name] = (field.source, field)
    return list(fields), scalars, nested, _link_spec(fields["url"])


def _link_spec(field):
    return (field.view_name, field.lookup_field, field.lookup_url_kwarg)


def _format(field, value):
    # What DRF's Serializer.to_representation does for each field.
    return None if value is None else field.to_representation(value)


class _Links:
    """Absolute URLs from one ``reverse`` per view: the rest is string concatenation."""

    def __init__(self, request):
        self.request = request
        self.templates = {}

    def _template(self, key, build):
        if key not in self.templates:
            head, tail = build().rsplit(_PLACEHOLDER, 1)
            self.templates[key] = (self.request.build_absolute_uri(head), tail)
        return self.templates[key]

    def api(self, spec, value):
        view_name, _lookup, keyword = spec
        head, tail = self._template(
            spec, lambda: reverse(view_name, kwargs={keyword: _PLACEHOLDER})
        )
        return f"{head}{value}{tail}"

    def web(self, slug):
        # Like ``states.api.serializers.web_url``: the page in the site's default language.
        def build():
            with translation.override(settings.LANGUAGE_CODE):
                return Practice(slug=_PLACEHOLDER).get_absolute_url()

        head, tail = self._template("web", build)
        return f"{head}{slug}{tail}"


def build(request, ids, contacts):
    """``{pk: representation}`` of the practices ``ids``, equal to ``PracticeSerializer``'s.

    ``contacts`` is the queryset of contacts the caller may see, in the order to list them.
    Callers choose the practices (visibility is theirs to check); missing ids are left out.
    """
    order, scalars, nested, url_spec = _layout()
    links = _Links(request)
    single = [item for item in nested if not item.many]
    columns = [
        "pk",
        "slug",
        "peer_reviewed_at",
        "adapted_from_id",
        url_spec[1],
        *(source for source, _field in scalars.values()),
    ]
    for item in single:
        columns.append(f"{item.name}_id")
        columns += [f"{item.name}__{source}" for source, _field in item.scalars.values()]
        columns.append(f"{item.name}__{item.link[1]}")
    columns += ["origin", "source_year", "published_at"]  # what ``currency`` describes
    rows = list(Practice.objects.filter(pk__in=ids).order_by().values(*dict.fromkeys(columns)))
    # Plain objects with the attributes these read: a model instance costs ~0.1 ms to build.
    currencies = currency.currencies([SimpleNamespace(**_currency_fields(row)) for row in rows])
    evidence = evidence_fields(
        request,
        [SimpleNamespace(pk=row["pk"], adapted_from_id=row["adapted_from_id"]) for row in rows],
    )
    linked = relations.linked_ids(ids, relations.RELATION_NAMES)
    lists = {
        item.name: _related_lists(item, linked[item.name], contacts, links)
        for item in nested
        if item.many
    }
    criteria = review_criteria_url(request)
    translated = translations.published_rows(ids)
    result = {}
    for row in rows:
        pk = row["pk"]
        data = {name: _format(field, row[source]) for name, (source, field) in scalars.items()}
        data["url"] = links.api(url_spec, row[url_spec[1]])
        data["web_url"] = links.web(row["slug"])
        data["currency"] = currency_value(currencies[pk])
        data["peer_reviewed"] = peer_reviewed(request, row["peer_reviewed_at"], criteria=criteria)
        for item in single:
            data[item.name] = (
                None
                if row[f"{item.name}_id"] is None
                else _brief(item, row, f"{item.name}__", links)
            )
        for name, by_practice in lists.items():
            data[name] = by_practice.get(pk, [])
        data.update(evidence[pk])
        translations.apply(data, translated.get(pk, []))
        result[pk] = {name: data[name] for name in order}
    return result


def _currency_fields(row):
    return {name: row[name] for name in ("pk", "origin", "source_year", "published_at")}


def _brief(item, row, prefix, links):
    data = {
        name: _format(field, row[f"{prefix}{source}"])
        for name, (source, field) in item.scalars.items()
    }
    if item.link is not None:  # the classifications without an API endpoint of their own
        data["url"] = links.api(item.link, row[f"{prefix}{item.link[1]}"])
    return data


def _related_lists(item, linked, contacts, links):
    """``{practice pk: [brief, ...]}`` for one many-valued relation, in its model's order.

    ``linked`` maps practices to the related pks they link to.
    """
    needed = set().union(*linked.values())
    if not needed:
        return {}
    if item.model is contacts.model:
        columns = [source for source, _field in item.scalars.values()] + [item.link[1]]
        rows = contacts.filter(pk__in=needed).values("pk", *dict.fromkeys(columns))
        briefs = {row["pk"]: _brief(item, row, "", links) for row in rows}
    else:
        briefs = {
            obj.pk: _brief(item, _Attributes(obj), "", links)
            for obj in relations.kept_among(relations.KEPT_RELATIONS[item.name], needed)
        }
    # ``briefs`` is in the model's order: each practice's list keeps it.
    return {
        practice_pk: [brief for pk, brief in briefs.items() if pk in pks]
        for practice_pk, pks in linked.items()
    }


class _Attributes:
    """A model instance read like a ``values()`` row: ``row["state__name"]`` is
    ``obj.state.name``."""

    def __init__(self, obj):
        self.obj = obj

    def __getitem__(self, source):
        return operator.attrgetter(source.replace("__", "."))(self.obj)

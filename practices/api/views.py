"""API endpoints for practices and their taxonomy.

Practices go through ``visible_to(request.user)`` like the search page, and are filtered by
the search page's own ``PracticeFilter``: the same query string gives the same practices in
the same order on both. The only writes are a State's drafts (``drafts``), which go through
the site's form and workflow and reach the public only after a moderator's approval.
"""

import uuid
from functools import cached_property

from django.utils.http import http_date
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from api.filters import StrictFilterBackend
from api.pagination import PageNumberPagination, positive_int_param
from api.schema import (
    DETAIL_ERRORS,
    FORMAT_PARAMETER,
    LIST_ERRORS,
    NOT_MODIFIED,
    RESPONSE_HEADERS,
    error_responses,
    read_only_schema,
)
from api.views import ApiViewMixin
from practices import selectors
from practices.facets import query_string
from practices.filters import PracticeFilter
from practices.models import GcmObjective, Pillar, Practice, Theme
from practices.search_results import did_you_mean
from search.backends import ranked_ids
from search.backends.base import CountedSequence
from search.criteria import Criteria
from states.models import Contact
from states.roles import acts_for_any_state

from . import drafts, representations, sync, translations
from .serializers import (
    GcmObjectiveSerializer,
    PillarSerializer,
    PracticeDraftSerializer,
    PracticeSerializer,
    PracticeTombstoneSerializer,
    ThemeSerializer,
)

SYNC_PARAMETERS = [
    OpenApiParameter(
        sync.SINCE,
        OpenApiTypes.DATETIME,
        description="Sync mode: every change since this moment (RFC 3339, with offset), "
        "oldest first: practices published or edited (in full), and tombstones "
        "`{uuid, slug, status, removed_at}` for practices archived or deleted. `ordering` and "
        "`page` are ignored; follow `next` until it is null, then keep the `updated_at` / "
        "`removed_at` of the last item as your next `updated_since`.",
        examples=[OpenApiExample("One hour ago", value="2026-01-31T08:00:00Z")],
    ),
    OpenApiParameter(
        sync.AFTER,
        OpenApiTypes.UUID,
        description="Sync mode cursor, set in the `next` link: skip the changes at exactly "
        "`updated_since` up to and including this UUID.",
    ),
]


def _published_ids(ids, request):
    """Published practices' ids for a paginator, their count cached until the next publication.

    Counting every published practice costs ~25 ms at 100,000; each page of the same
    listing (same filters, any page or order) shares the count.
    """
    filters = [
        (name, value)
        for name, values in request.query_params.lists()
        if name not in _NOT_FILTERS
        for value in values
    ]
    return CountedSequence(lambda: selectors.published_count(filters, ids), ids.__getitem__)


# Parameters that change a listing's page or form, not which practices it holds.
_NOT_FILTERS = {"page", "page_size", "ordering", "format"}


class SearchPagination(PageNumberPagination):
    """The API's pages, with the search's "did you mean" in the schema (see ``_list``)."""

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["suggestions"] = {
            "type": "array",
            "description": "With `q` only: when the search finds 2 practices or fewer, the same "
            "search with its unknown words replaced by the nearest words of the index "
            "(`text`: the new words; `query`: the whole query string to request instead, "
            "every other parameter kept). Empty when there is nothing to suggest.",
            "items": {
                "type": "object",
                "properties": {
                    "text": {"type": "string", "example": "remittances"},
                    "query": {"type": "string", "example": "q=remittances&theme=remittances"},
                },
                "required": ["text", "query"],
            },
        }
        return schema


@extend_schema_view(
    list=extend_schema(
        summary="List or sync practices",
        description="Published practices (plus, for a State's users and moderators, their "
        "drafts), filtered exactly like the search page at /en/practices/ with the same "
        "parameters. With `updated_since`, the change feed for mirrors instead. "
        "Conditional requests: send the `ETag` back in `If-None-Match` (or `Last-Modified` in "
        "`If-Modified-Since`) for a 304 while nothing changed.",
        parameters=[
            FORMAT_PARAMETER,
            *SYNC_PARAMETERS,
            translations.LANG_PARAMETER,
            *RESPONSE_HEADERS,
            OpenApiParameter(
                "Last-Modified",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                response=[200],
                description="When a practice was last published, edited, archived or deleted.",
            ),
        ],
        responses={
            200: PolymorphicProxySerializer(
                component_name="PracticeOrTombstone",
                serializers=[PracticeSerializer, PracticeTombstoneSerializer],
                resource_type_field_name=None,
                many=True,
            ),
            304: NOT_MODIFIED,
            **LIST_ERRORS,
        },
    ),
    create=extend_schema(
        summary="Create a draft",
        description="For a State's users (token or session) and moderators: a new draft of "
        "one of your States, saved exactly like the site's practice form. It is not public: "
        "submit it for review with `POST /practices/{identifier}/submit/`.",
        request=PracticeDraftSerializer,
        responses={201: PracticeSerializer, **error_responses(400, 401, 403, 409, 415, 429)},
    ),
    partial_update=extend_schema(
        summary="Change a draft",
        description="Only drafts (or practices sent back for changes) of your States. Send the "
        "`version` you read; a stale one is refused with 409.",
        request=PracticeDraftSerializer,
        responses={200: PracticeSerializer, **error_responses(400, 401, 403, 404, 409, 415, 429)},
    ),
    submit=extend_schema(
        summary="Submit a draft for review",
        description="Moderators then approve, reject or ask for changes on the site.",
        request=None,
        responses={200: PracticeSerializer, **error_responses(401, 403, 404, 409, 429)},
    ),
    retrieve=extend_schema(
        summary="One practice",
        description="By slug or by UUID. Drafts answer 404 except to their State's users "
        "and moderators.",
        parameters=[
            OpenApiParameter(
                "identifier",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                pattern=r"^[-a-zA-Z0-9_]+$",
                description="The practice's slug or UUID.",
            ),
            translations.LANG_PARAMETER,
            *RESPONSE_HEADERS,
        ],
        responses={
            200: PracticeSerializer,
            304: NOT_MODIFIED,
            **DETAIL_ERRORS,
            **error_responses(400),  # an unknown ``lang``
        },
    ),
)
class PracticeViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = PracticeSerializer
    filterset_class = PracticeFilter
    filter_backends = [StrictFilterBackend]
    pagination_class = SearchPagination
    permission_classes = [IsAuthenticatedOrReadOnly]
    lookup_field = "identifier"
    lookup_value_regex = "[^/]+"

    def initial(self, request, *args, **kwargs):
        # ``?lang=`` chooses the language of the main text fields (``translations``).
        translations.activate_requested_language(request)
        super().initial(request, *args, **kwargs)

    @cached_property
    def reader_sees_unpublished(self):
        """Whether the reader sees drafts (and private contacts): asked once per request."""
        return acts_for_any_state(self.request.user)

    def get_queryset(self):
        """``visible_to(request.user)``, once per request: it reads the user's States."""
        if not hasattr(self, "_visible_practices"):
            self._visible_practices = Practice.objects.visible_to(self.request.user)
        return self._visible_practices

    def get_object(self):
        identifier = self.kwargs[self.lookup_field]
        try:
            lookup = {"uuid": uuid.UUID(identifier)}
        except ValueError:
            lookup = {"slug": identifier}
        return get_object_or_404(self.get_queryset(), **lookup)

    def retrieve(self, request, *args, **kwargs):
        practice = self.get_object()
        response = Response(self._representation(practice))
        response["Last-Modified"] = http_date(practice.updated_at.timestamp())
        return response

    def create(self, request, *args, **kwargs):
        practice = drafts.save_draft(request)
        data = self._representation(practice)
        return Response(data, status=201, headers={"Location": data["url"]})

    def partial_update(self, request, *args, **kwargs):
        practice = drafts.save_draft(request, self.get_object())
        return Response(self._representation(practice))

    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        practice = self.get_object()
        drafts.submit(request, practice)
        return Response(self._representation(practice))

    def _representation(self, practice):
        return self._representations(self.request, [practice.pk])[practice.pk]

    def list(self, request, *args, **kwargs):
        latest = sync.latest_change(self.get_queryset())
        if self.reader_sees_unpublished:
            response = self._answer(request)
        else:
            # Any save or deletion of a public practice moves ``latest``: keyed by it, a cached
            # answer is never older than the practices it shows (as with each representation).
            data, headers = selectors.api_list_answer(
                request, latest, lambda: self._cacheable(request)
            )
            response = Response(data, headers=headers)
        if latest is not None:
            response["Last-Modified"] = http_date(latest.timestamp())
        return response

    def _answer(self, request):
        since = sync.parse_since(request)
        after = sync.parse_after(request)
        if since is not None:
            return self._changes(request, since, after)
        return self._list(request)

    def _cacheable(self, request):
        """``_answer``'s data and headers (its links to other pages), to cache and replay."""
        response = self._answer(request)
        return response.data, {"Link": response["Link"]} if response.has_header("Link") else {}

    def _list(self, request):
        # PracticeFilter orders the results exactly as the search page does (and validates the
        # parameters: a 400 before anything runs).
        practice_filter = StrictFilterBackend().validated_filterset(
            request, self.get_queryset(), self
        )
        if self.reader_sees_unpublished:
            ids = practice_filter.qs.values_list("pk", flat=True)
        else:
            # A text search is ranked by the search page's engine (same practices, same order
            # as the FilterSet: the parity tests hold both to it) without ranking every hit in
            # the ORM; None without one.
            ids = ranked_ids(practice_filter)
            if ids is None:
                ids = _published_ids(practice_filter.qs.values_list("pk", flat=True), request)
        page = self.paginate_queryset(ids)
        found = self._representations(request, page)
        response = self.get_paginated_response([found[pk] for pk in page if pk in found])
        criteria = Criteria.from_filter(practice_filter)
        if criteria.text:
            corrected = did_you_mean(criteria, self.paginator.page.paginator.count, get_language())
            response.data["suggestions"] = (
                [{"text": corrected, "query": query_string(request.query_params, q=corrected)}]
                if corrected
                else []
            )
        return response

    def _representations(self, request, ids):
        """``{pk: representation}`` for the practices ``ids`` (see ``representations``).

        For readers of published practices only, each one is cached
        (``selectors.public_representations``). Others see drafts and their States' private
        contacts: built each time.
        """
        if self.reader_sees_unpublished:
            contacts = Contact.objects.visible_to(request.user).order_by("name")
            return representations.build(request, ids, contacts)
        return selectors.public_representations(request, ids)

    def _changes(self, request, since, after):
        # Only what tells a live practice from a tombstone: representations are built apart.
        practices = Practice.objects.only("uuid", "slug", "status", "updated_at")
        practices = self.filter_queryset(practices.ever_published())
        positive_int_param(request, self.paginator.page_query_param)  # ignored, but checked
        limit = self.paginator.get_page_size(request)
        page = sync.change_page(request, practices, since=since, after=after, limit=limit)
        live = self._representations(
            request, [item.pk for item in page.items if isinstance(item, Practice)]
        )
        # A practice deleted since the page was read is left to the next sync's tombstone.
        results = [
            live[item.pk] if isinstance(item, Practice) else PracticeTombstoneSerializer(item).data
            for item in page.items
            if not isinstance(item, Practice) or item.pk in live
        ]
        return Response(
            {"count": page.remaining, "next": page.next_url, "previous": None, "results": results}
        )


@extend_schema_view(**read_only_schema(ThemeSerializer, name="theme", plural="themes"))
class ThemeViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ThemeSerializer
    lookup_field = "slug"
    queryset = Theme.objects.order_by("name", "pk")


@extend_schema_view(
    **read_only_schema(PillarSerializer, name="coherence pillar", plural="coherence pillars")
)
class PillarViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = PillarSerializer
    lookup_field = "slug"
    queryset = Pillar.objects.order_by("number")


@extend_schema_view(
    **read_only_schema(
        GcmObjectiveSerializer,
        name="GCM objective",
        plural="GCM objectives",
        detail_parameters=[
            OpenApiParameter(
                "number",
                OpenApiTypes.INT,
                OpenApiParameter.PATH,
                description="The objective's number, 1 to 23.",
            )
        ],
    )
)
class GcmObjectiveViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = GcmObjectiveSerializer
    lookup_field = "number"
    lookup_value_regex = "[0-9]+"
    queryset = GcmObjective.objects.order_by("number")

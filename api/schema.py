"""OpenAPI documentation pieces shared by every endpoint: errors, headers, auth, filter values.

The schema is what partners (and schemathesis) hold the API to, so it states exactly what the
API accepts: filter parameters list their valid values (read from the database when the schema
is generated) and numeric ranges, and every error a client can get is documented.
"""

from django_filters import filters
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_array_type, build_parameter_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """The body of every error response."""

    detail = serializers.CharField(help_text="What went wrong, in words.")
    code = serializers.CharField(
        help_text="A stable machine-readable code: invalid, invalid_token, not_found, "
        "not_acceptable, throttled, ..."
    )
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For 400: the messages per query parameter.",
    )


_ERRORS = {
    400: (
        "A query parameter has a value the API does not accept: an unknown theme or State slug, "
        "a malformed date, a page or page_size that is not a whole number of 1 or more, an "
        "unknown format, or an empty value.",
        {
            "detail": "theme: Select a valid choice. nonsense is not one of the available choices.",
            "code": "invalid",
            "errors": {
                "theme": ["Select a valid choice. nonsense is not one of the available choices."]
            },
        },
    ),
    401: (
        "The Authorization header names an unknown or revoked token.",
        {"detail": "Unknown or revoked API token.", "code": "invalid_token"},
    ),
    403: (
        "Signed in, but not allowed: only a State's users write its practices.",
        {"detail": "Only users of the owning State can do this.", "code": "permission_denied"},
    ),
    404: (
        "No such object (or not visible to you: drafts answer 404), or a page past the last.",
        {"detail": "Not found.", "code": "not_found"},
    ),
    406: (
        "The Accept header asks for a format the endpoint cannot produce.",
        {"detail": "Could not satisfy the request Accept header.", "code": "not_acceptable"},
    ),
    409: (
        "The practice is not in a state that allows this (already submitted, published), or "
        "someone saved a newer version meanwhile.",
        {"detail": "This cannot be done while the item is “In review”.", "code": "conflict"},
    ),
    415: (
        "The request body is not JSON.",
        {
            "detail": 'Unsupported media type "text/plain" in request.',
            "code": "unsupported_media_type",
        },
    ),
    429: (
        "Too many requests: wait the number of seconds given in Retry-After.",
        {"detail": "Request was throttled. Expected available in 42 seconds.", "code": "throttled"},
    ),
}


def error_responses(*statuses):
    """Documented JSON error responses, with an example each, for ``extend_schema``."""
    responses = {}
    for status in statuses:
        description, example = _ERRORS[status]
        responses[(status, "application/json")] = OpenApiResponse(
            ErrorSerializer,
            description=description,
            examples=[OpenApiExample(f"HTTP {status}", value=example, status_codes=[status])],
        )
    return responses


NOT_MODIFIED = OpenApiResponse(
    description="Not modified: the ETag sent in If-None-Match (or the date in "
    "If-Modified-Since) still describes the resource."
)

LIST_ERRORS = error_responses(400, 401, 404, 406, 429)
DETAIL_ERRORS = error_responses(401, 404, 406, 429)

RESPONSE_HEADERS = [
    OpenApiParameter(
        "ETag",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200],
        description="Send it back in If-None-Match to get 304 while nothing changed.",
    ),
    OpenApiParameter(
        "Retry-After",
        OpenApiTypes.INT,
        OpenApiParameter.HEADER,
        response=[429],
        required=True,
        description="Seconds to wait before the next request.",
    ),
]

FORMAT_PARAMETER = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    enum=["json", "csv"],
    description="Response format; `Accept: text/csv` does the same as `format=csv`. CSV has "
    "one row per item, nested objects as dotted columns (`lead_state.slug`), several values "
    'joined by "; ".',
)


class PartnerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.PartnerTokenAuthentication"
    name = "partnerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A partner token issued by the platform's administrators: "
            "`Authorization: Token <key>` (or `Bearer <key>`). Optional: without it you read "
            "the published data at the anonymous rate.",
        }


class FilterValuesExtension(DjangoFilterExtension):
    """django-filter parameters with their valid values and ranges spelled out.

    A slug filter (theme, State, region, ...) lists the slugs in the database as an ``enum``;
    a number filter carries its ``minimum``/``maximum``. Anything else the API would reject
    with a 400 the schema must not promise.
    """

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        if isinstance(filter_field, (filters.ModelChoiceFilter, filters.ModelMultipleChoiceFilter)):
            return [self._model_choice_parameter(field_name, filter_field)]
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        if isinstance(filter_field, filters.NumberFilter):
            for parameter in parameters:
                for extra, keyword in (("min_value", "minimum"), ("max_value", "maximum")):
                    if filter_field.extra.get(extra) is not None:
                        parameter["schema"][keyword] = filter_field.extra[extra]
        return parameters

    def _model_choice_parameter(self, field_name, filter_field):
        values = _model_choice_values(filter_field)
        item = {"type": "integer" if values and isinstance(values[0], int) else "string"}
        if values:
            item["enum"] = values
        multiple = isinstance(filter_field, filters.MultipleChoiceFilter)
        return build_parameter_type(
            name=field_name,
            required=filter_field.extra["required"],
            location=OpenApiParameter.QUERY,
            description=self._get_field_description(filter_field, None),
            schema=build_array_type(item) if multiple else item,
            explode=True if multiple else None,
            style="form" if multiple else None,
        )


def _model_choice_values(filter_field):
    queryset = filter_field.extra.get("queryset")
    if queryset is None or callable(queryset):
        return []
    field = filter_field.extra.get("to_field_name") or "pk"
    return sorted(queryset.values_list(field, flat=True).distinct())


def read_only_schema(serializer, *, name, plural, list_parameters=(), detail_parameters=()):
    """``extend_schema_view`` arguments documenting a read-only list + detail resource."""
    return {
        "list": extend_schema(
            summary=f"List {plural}",
            description=f"All {plural}, paginated (`page`, `page_size` up to 100). "
            "JSON, or CSV with `format=csv`.",
            parameters=[FORMAT_PARAMETER, *RESPONSE_HEADERS, *list_parameters],
            responses={200: serializer, 304: NOT_MODIFIED, **LIST_ERRORS},
        ),
        "retrieve": extend_schema(
            summary=f"One {name}",
            parameters=[*RESPONSE_HEADERS, *detail_parameters],
            responses={200: serializer, 304: NOT_MODIFIED, **DETAIL_ERRORS},
        ),
    }


GUIDE = """\
Published good practices of the Global Forum on Migration and Development (GFMD), with the
States, regional and international bodies, institutions, public contacts and the taxonomy
(themes, coherence pillars, GCM objectives) that describe them.

**Access.** Reading needs no account: anonymous clients may make 60 requests a minute per IP
address. Partners get a token from the platform's administrators and send it as
`Authorization: Token <key>` (or `Bearer <key>`) for a higher rate (600 a minute). A token
acts as its user: a State's own users also see that State's drafts and non-public contacts.
An unknown or revoked token is refused with 401. Over the rate: 429 with `Retry-After`.

**Identifiers.** Practices by slug or UUID, contacts by `public_id`, GCM objectives by
number, everything else by slug. Related objects are embedded briefly, with `url` pointing at
their own endpoint.

**Filtering.** `/practices/` takes exactly the parameters of the search page
(`/en/practices/?...`): `q`, `theme`, `pillar`, `gcm`, `state`, `region`, `body`, `stage`,
`year_from`, `year_to`, `undated`, `ordering`; repeat a parameter for several values. An
unknown value, an inverted year range or a year out of range is a 400 naming the parameter.
With `q`, a page holds `suggestions` ("did you mean") when 2 practices or fewer match.

**Pagination.** `page` and `page_size` (at most 100; larger values are capped). `next` /
`previous` are in the body and in the `Link` header. A page past the last one is a 404.

**Sync.** `/practices/?updated_since=2026-01-31T08:00:00Z` lists every change since then,
oldest first: practices published or edited (in full) and tombstones
`{uuid, slug, status: archived|removed, removed_at}` for practices to delete from your copy.
Follow `next` until null; store the last item's `updated_at` / `removed_at` and start from it
(minus a few minutes of overlap) next time. Items may come twice; applying them is idempotent.

**Writing drafts.** A State's users (with a token issued to them, or signed in) may create a
draft of one of their States (`POST /practices/`), change it (`PATCH`, sending the `version`
they read) and submit it for review (`POST /practices/{identifier}/submit/`). Drafts are not
public; moderators publish them on the site.

**Formats.** JSON; lists also as CSV (`format=csv` or `Accept: text/csv`). Errors are always
JSON: `{"detail": "...", "code": "..."}`.

**Caching.** Every answer carries an `ETag` (practices also `Last-Modified`); send it back in
`If-None-Match` (`If-Modified-Since`) to get 304 while nothing changed.
"""


def add_guide(result, generator, request, public):
    """drf-spectacular post-processing hook: put the partner guide on top of the docs."""
    result["info"]["description"] = GUIDE
    return result

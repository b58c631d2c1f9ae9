"""Page-number pagination that answers 400, not a silent default, to a malformed page request."""

import re

from django.utils.translation import gettext as _
from rest_framework import pagination

from .exceptions import invalid_parameter

MAX_PAGE_SIZE = 100
_POSITIVE_INT = re.compile(r"[0-9]+")


def positive_int_param(request, name):
    """The query parameter ``name`` as an integer >= 1, ``None`` when absent, else a 400."""
    raw = request.query_params.get(name)
    if raw is None:
        return None
    if not _POSITIVE_INT.fullmatch(raw) or int(raw) < 1:
        raise invalid_parameter(name, _("Must be a whole number of 1 or more."))
    return int(raw)


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=N&page_size=M``; ``page_size`` is capped at 100, a page past the end is a 404."""

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    last_page_strings = ()

    def get_page_size(self, request):
        size = positive_int_param(request, self.page_size_query_param)
        if size is None:
            return self.page_size
        return min(size, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        positive_int_param(request, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Page number, from 1. A page past the last one is a 404.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Items per page, default {self.page_size}; values above "
                f"{self.max_page_size} are capped to {self.max_page_size}.",
                "schema": {"type": "integer", "minimum": 1},
            },
        ]

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        links = [
            f'<{url}>; rel="{rel}"'
            for rel, url in (
                ("next", self.get_next_link()),
                ("prev", self.get_previous_link()),
            )
            if url
        ]
        if links:
            response["Link"] = ", ".join(links)
        return response

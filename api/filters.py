"""django-filter for API clients: the sites' FilterSets, with stricter input.

Practices and questionnaires filter their API lists with the FilterSets of their pages; this
backend adds what only an API client needs to hear: an empty value for a slug, number or choice
is a mistake worth a 400 (a form would silently ignore it), and NUL characters are dropped.
"""

import django_filters
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation

from .exceptions import invalid_parameter


class StrictFilterBackend(DjangoFilterBackend):
    """The view's ``filterset_class``; an empty non-text filter value is a 400.

    Free-text filters (``CharFilter``, such as the practices' ``q``) may be empty, as the schema
    allows. Every value loses its NUL characters: PostgreSQL text cannot hold them and no real
    query contains one.
    """

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        filters = self.get_filterset_class(view, queryset).base_filters
        data = kwargs["data"].copy()
        for name in list(data):
            values = [value.replace("\x00", "") for value in data.getlist(name)]
            strict = name in filters and not isinstance(filters[name], django_filters.CharFilter)
            if strict and "" in values:
                raise invalid_parameter(name, _("This parameter may not be empty."))
            data.setlist(name, values)
        kwargs["data"] = data
        return kwargs

    def validated_filterset(self, request, queryset, view):
        """The FilterSet, valid (a 400 otherwise), its queryset not built yet.

        For views that read the cleaned values or hand the FilterSet on (a text search
        answered by the search engine never needs its queryset).
        """
        filterset = self.get_filterset(request, queryset, view)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        return filterset

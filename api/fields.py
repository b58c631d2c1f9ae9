"""Serializer fields shared by the API's resources."""

from django.urls import reverse
from rest_framework import serializers


class ApiLinkField(serializers.HyperlinkedIdentityField):
    """Absolute link to an object's own API endpoint.

    Unlike DRF's field it does not carry over the request's ``?format=``: a CSV list links
    each row to the JSON detail.
    """

    def get_url(self, obj, view_name, request, format):
        kwargs = {self.lookup_url_kwarg: getattr(obj, self.lookup_field)}
        return request.build_absolute_uri(reverse(view_name, kwargs=kwargs))

"""The API's own errors, in the shape of filter and serializer validation errors.

The exception handler that renders every error as JSON lives in ``api.views``, next to the
views it serves (as DRF keeps ``exception_handler`` in ``rest_framework.views``): importing
``rest_framework.views`` loads the classes ``settings.REST_FRAMEWORK`` names, and the
negotiation and pagination classes import this module.
"""

from rest_framework import exceptions


def invalid_parameter(name, message):
    """A 400 naming the query parameter at fault, in the same shape as filter errors."""
    return exceptions.ValidationError({name: [message]})

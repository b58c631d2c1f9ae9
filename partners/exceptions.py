"""Every API error as JSON ``{"detail": <human message>, "code": <machine code>}``.

Validation errors add ``errors``: the messages per query parameter, as django-filter and the
serializers produce them, so a client can point at the parameter to fix.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions


def api_exception_handler(exc, context):
    # Imported here: rest_framework.views reads the API settings when it is imported, and those
    # settings name classes (pagination, negotiation) that import this module.
    from rest_framework.views import exception_handler

    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {
            "detail": _summary(exc.detail),
            "code": "invalid",
            "errors": exc.detail,
        }
    else:
        detail = exc.detail if isinstance(exc.detail, str) else exceptions.ErrorDetail(str(exc))
        response.data = {"detail": str(detail), "code": getattr(detail, "code", "error")}
    return response


def _summary(errors):
    """One readable sentence from DRF's nested error structure: "theme: Select a valid ..."."""
    if isinstance(errors, dict):
        parts = [f"{field}: {_summary(messages)}" for field, messages in errors.items()]
        return " ".join(parts) or str(_("Invalid request."))
    if isinstance(errors, list):
        return " ".join(_summary(message) for message in errors)
    return str(errors)


def invalid_parameter(name, message):
    """A 400 naming the query parameter at fault, in the same shape as filter errors."""
    return exceptions.ValidationError({name: [message]})

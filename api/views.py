"""What every API view shares: JSON (and CSV for lists), JSON errors, conditional GET.

Every API error is JSON ``{"detail": <human message>, "code": <machine code>}``. Validation
errors add ``errors``: the messages per query parameter, as django-filter and the serializers
produce them, so a client can point at the parameter to fix.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.decorators import decorator_from_middleware
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.views import exception_handler

from .renderers import CSVRenderer

conditional_get = decorator_from_middleware(ConditionalGetMiddleware)


class ApiViewMixin:
    """Mixed into the API's viewsets.

    - lists render as JSON or CSV (``?format=csv`` or ``Accept: text/csv``), details as JSON;
    - errors are always JSON, whatever format was asked for;
    - every GET carries an ``ETag`` (and views may add ``Last-Modified``) and answers a matching
      ``If-None-Match`` / ``If-Modified-Since`` with 304.
    """

    renderer_classes = [JSONRenderer]
    list_renderer_classes = [JSONRenderer, CSVRenderer]

    @classmethod
    def as_view(cls, *args, **kwargs):
        return conditional_get(super().as_view(*args, **kwargs))

    def initial(self, request, *args, **kwargs):
        # A method the address does not have is a 405 for everyone, before authentication.
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            raise exceptions.MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    def get_renderers(self):
        # By route, not action: a refused method on a list URL must still negotiate to a 405.
        if getattr(self, "detail", None) is False:
            return [renderer() for renderer in self.list_renderer_classes]
        return super().get_renderers()

    def finalize_response(self, request, response, *args, **kwargs):
        if getattr(response, "exception", False) and not isinstance(
            getattr(request, "accepted_renderer", None), JSONRenderer
        ):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(getattr(request, "accepted_renderer", None), CSVRenderer):
            response["Content-Disposition"] = (
                f'attachment; filename="gfmd-{self.basename}-list.csv"'
            )
        # The format follows Accept; drafts are visible to their State's users: the answer
        # depends on who asks and how.
        patch_vary_headers(response, ["Accept", "Authorization", "Cookie"])
        return response


def api_exception_handler(exc, context):
    """DRF's ``EXCEPTION_HANDLER``: every error as ``{"detail", "code"}`` (plus ``errors``)."""
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
        return " ".join(parts) or _("Invalid request.")
    if isinstance(errors, list):
        return " ".join(_summary(message) for message in errors)
    return str(errors)


def not_found(request, *args, **kwargs):
    """JSON 404 for any path under /api/v1/ that names no endpoint."""
    return JsonResponse(
        {"detail": _("No API endpoint at this address. See /api/v1/docs/."), "code": "not_found"},
        status=404,
    )

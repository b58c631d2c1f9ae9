"""What every API view shares: JSON (and CSV for lists), JSON errors, conditional GET."""

from django.http import JsonResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.decorators import decorator_from_middleware
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer

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


def not_found(request, *args, **kwargs):
    """JSON 404 for any path under /api/v1/ that names no endpoint."""
    return JsonResponse(
        {"detail": _("No API endpoint at this address. See /api/v1/docs/."), "code": "not_found"},
        status=404,
    )

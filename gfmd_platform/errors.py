"""What visitors get when the database is unreachable: a 503 that says so, never a traceback.

Django opens a fresh connection on the next request, so the site recovers by itself once the
database is back; these responses only cover the gap.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def is_database_unavailable(exc):
    """True for the errors a lost or refused database connection raises."""
    return isinstance(exc, OperationalError | InterfaceError)


def service_unavailable(request):
    """The 503 answer: JSON under /api/, a standalone HTML page (no database access) elsewhere."""
    logger.warning("database unavailable: answering 503 for %s", request.path)
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {
                "detail": _("The service is temporarily unavailable. Please retry shortly."),
                "code": "service_unavailable",
            },
            status=503,
        )
    else:
        # Rendered without the request: context processors could touch the database.
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def bad_request(request, message):
    """A 400 saying what is wrong: JSON under /api/, the standalone 400 page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(message), "code": "bad_request"}, status=400)
    return HttpResponseBadRequest(loader.render_to_string("400.html", {"message": message}))


def payload_too_large(request, limit):
    """A 413 for a request body over ``limit`` bytes: JSON under /api/, a standalone page
    elsewhere (the body is never read, so no form can show it again)."""
    message = _(
        "The request is too large: at most %(size)s MB can be sent at once "
        "(attachments up to 10 MB)."
    ) % {"size": limit // (1024 * 1024)}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": "request_too_large"}, status=413)
    return HttpResponse(loader.render_to_string("413.html", {"message": message}), status=413)


def server_error(request):
    """``handler500``: a database outage met outside a view (in a middleware) is still a 503."""
    if is_database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    return defaults.server_error(request)

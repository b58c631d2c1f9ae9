"""Operational middleware: request ids and logging, request size, database outages, replica
reads, CSP."""

import logging
import re
import time
import uuid

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.utils.functional import empty
from django.utils.translation import gettext as _

from . import db_router
from .errors import (
    bad_request,
    is_database_unavailable,
    payload_too_large,
    service_unavailable,
)
from .log import request_id_var

request_logger = logging.getLogger("gfmd_platform.requests")

REQUEST_ID_HEADER = "X-Request-ID"
# A load balancer's or client's id is kept only if it cannot inject anything into the logs.
_WELL_FORMED_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")


def _user_id(request):
    """The signed-in user's id, only if the request already loaded the user.

    Loading it here would cost a session query on pages that never needed the user, and
    would fail while the database is down.
    """
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


class RequestLogMiddleware:
    """Give every request an id (echoed as ``X-Request-ID``) and log one structured line."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _WELL_FORMED_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            request_logger.info(
                "%s %s %s %sms",
                request.method,
                request.path,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                    "user_id": _user_id(request),
                    "request_id": request_id,
                },
            )
            return response
        finally:
            request_id_var.reset(token)


class RequestSizeLimitMiddleware:
    """Answer 413 to a body announced larger than ``MAX_REQUEST_BYTES``, unread.

    Django reads a multipart upload in full (to temporary files) before any form can check a
    file's size: a 400 MB upload cost its whole transfer and disk space before the 10 MB check
    refused it. ``CONTENT_LENGTH`` is known before a byte is read; Django's WSGI request reads
    no more than it announces, and a body without one (chunked) as empty, so the header bounds
    everything a view can read. ``DATA_UPLOAD_MAX_MEMORY_SIZE`` still bounds non-file bodies.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            announced = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            announced = 0
        if announced > settings.MAX_REQUEST_BYTES:
            request_logger.warning(
                "refused a %s-byte body for %s (limit %s)",
                announced,
                request.path,
                settings.MAX_REQUEST_BYTES,
            )
            return payload_too_large(request, settings.MAX_REQUEST_BYTES)
        return self.get_response(request)


class QueryStringLimitsMiddleware:
    """Answer 400, saying why, to query strings no page can serve, before any view reads them.

    More parameters than ``DATA_UPLOAD_MAX_NUMBER_FIELDS``: Django raises ``TooManyFieldsSent``
    wherever ``request.GET`` is first read, and with DEBUG its error page reads it again and
    the request ends in an uncaught error. A NUL in the admin's parameters: its list filters
    hand them to the database, and PostgreSQL cannot compare text holding NUL (public pages and
    the API strip NUL in their filters, so only the admin is refused).
    """

    ADMIN_PREFIX = "/admin/"  # where gfmd_platform.urls mounts the admin

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            parameters = list(request.GET.lists())
        except TooManyFieldsSent:
            return bad_request(
                request,
                _("Too many parameters in the address (at most %(limit)s).")
                % {"limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS},
            )
        if request.path_info.startswith(self.ADMIN_PREFIX) and any(
            "\x00" in name or any("\x00" in value for value in values)
            for name, values in parameters
        ):
            return bad_request(request, _("The address holds a NUL character; remove it."))
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """Turn a lost database connection raised by a view into a 503 page or JSON.

    Errors raised by other middleware never reach here; ``handler500`` covers those.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            return service_unavailable(request)
        return None


class ReplicaRoutingMiddleware:
    """Let anonymous reads go to the replica; anyone with a session reads the primary.

    A signed-in user must see what they have just saved, which replication lag could hide.
    The session cookie tells without a database query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        anonymous_read = (
            request.method in ("GET", "HEAD", "OPTIONS")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
        with db_router.reads_from_replica(anonymous_read):
            return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Send the site's Content-Security-Policy; the API docs pages get a looser one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            docs = request.path.startswith(tuple(settings.CONTENT_SECURITY_POLICY_DOCS_PATHS))
            response["Content-Security-Policy"] = (
                settings.CONTENT_SECURITY_POLICY_DOCS if docs else settings.CONTENT_SECURITY_POLICY
            )
        return response

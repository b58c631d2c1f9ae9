"""The site's own address, for links read away from the page they were made on (emails).

``SITE_URL``, when set, is the address: production always has one (the environment's, or
the first named host of ``ALLOWED_HOSTS`` over HTTPS: see the settings). In development,
where it is normally unset, the address is the one the request being answered was served at
(scheme and ``Host``, which Django checks against ``ALLOWED_HOSTS``): ``PORT=8801 make run``
sends links to port 8801. The request is kept, for its own duration, in a context variable
by ``RequestOriginMiddleware``, because the code that builds an email (a workflow action) is
handed no request. With neither (a management command), ``http://127.0.0.1:8000``.
"""

from contextvars import ContextVar

from django.conf import settings

DEVELOPMENT_ORIGIN = "http://127.0.0.1:8000"

_request = ContextVar("request_being_answered", default=None)


class RequestOriginMiddleware:
    """Keep the request being answered where ``site_origin`` can read it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def site_origin():
    """``scheme://host[:port]`` of the site, without a trailing slash."""
    if settings.SITE_URL:
        return settings.SITE_URL
    request = _request.get()
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return DEVELOPMENT_ORIGIN


def absolute_url(path):
    """``path`` (a site path such as ``/en/moderation/``) as a full address."""
    return f"{site_origin()}{path}"

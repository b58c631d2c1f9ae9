"""The client's address, believed only as far as the configured trusted proxies vouch for it.

``X-Forwarded-For`` is written by whoever sends the request: taken at face value, any client
picks the address it is counted under (a fresh API allowance, another person's sign-in lock).
The connecting address (``REMOTE_ADDR``) is the client, unless it is one of
``settings.TRUSTED_PROXIES``; then ``X-Forwarded-For`` is read from the right, each trusted
hop vouching for the address it appended, and the first untrusted address is the client.
Everything that counts, locks or logs by address calls ``client_ip``.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(item, strict=False) for item in proxies)


def _address(value):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def is_trusted_proxy(address):
    """Whether ``address`` (a string) is one of ``settings.TRUSTED_PROXIES``."""
    parsed = _address(address or "")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    return parsed is not None and any(parsed in network for network in networks)


def client_ip(request):
    """The client's address: ``REMOTE_ADDR``, or what trusted proxies say they were sent by."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not is_trusted_proxy(remote):
        return remote
    client = remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        if _address(hop) is None:
            # Garbage from beyond the last trusted hop: that hop is all we can vouch for.
            break
        client = hop.strip()
        if not is_trusted_proxy(client):
            break
    return client


class ForwardedProtoMiddleware:
    """Take the scheme from ``X-Forwarded-Proto`` only when a trusted proxy sent the request.

    Django's ``SECURE_PROXY_SSL_HEADER`` believes the header from any client, so a client on
    plain HTTP could claim HTTPS. Put this before ``SecurityMiddleware`` (which redirects to
    HTTPS by ``request.is_secure()``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        claimed = request.META.get("HTTP_X_FORWARDED_PROTO", "")
        if claimed and is_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            scheme = claimed.split(",")[-1].strip().lower()
            if scheme in ("http", "https"):
                request.META["wsgi.url_scheme"] = scheme
        return self.get_response(request)

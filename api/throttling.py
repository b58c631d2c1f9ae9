"""Request rates: anonymous clients per IP address, partners per token, signed-in users per account.

Rates are read from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` at request time (DRF's own
classes read them once at import), so tests and deployments can change them in settings.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from core.net import client_ip
from partners.models import PartnerToken


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        """The client's address from trusted proxies only (DRF's own believes any header)."""
        return client_ip(request)


class AnonymousRateThrottle(_SettingsRateThrottle):
    """Anonymous clients, counted per IP address (``core.net.client_ip``)."""

    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PartnerRateThrottle(_SettingsRateThrottle):
    """Authenticated clients, counted per token (or per account for browser sessions)."""

    scope = "partner"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        if isinstance(request.auth, PartnerToken):
            ident = f"token-{request.auth.pk}"
        else:
            ident = f"user-{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}

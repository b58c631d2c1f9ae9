"""DRF authentication with partner tokens: ``Authorization: Token <key>`` (or ``Bearer``)."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from partners.models import PartnerToken, hash_token

KEYWORDS = {"token", "bearer"}
# Recording every use would be a write per request; once a minute is enough to spot dead keys.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class PartnerTokenAuthentication(authentication.BaseAuthentication):
    """Authenticate as the token's user; an unknown or revoked key is refused with 401."""

    keyword = "Token"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].decode("latin-1").lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Invalid Authorization header: send “Token <key>”."), code="invalid_token"
            )
        try:
            raw_key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raw_key = ""
        token = (
            PartnerToken.objects.active()
            .select_related("user")
            .filter(key_hash=hash_token(raw_key))
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("Unknown or revoked API token."), code="invalid_token"
            )
        self._touch(token)
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'

    @staticmethod
    def _touch(token):
        now = timezone.now()
        if token.last_used_at is None or token.last_used_at < now - LAST_USED_RESOLUTION:
            PartnerToken.objects.filter(pk=token.pk).update(last_used_at=now)

"""Partner API tokens: a key per partner, stored hashed, acting as its user."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "gfmd_"


def hash_token(raw_key):
    """SHA-256 of a token. Keys are 256-bit random strings, so a fast hash is safe to store."""
    return hashlib.sha256(raw_key.encode()).hexdigest()


class PartnerTokenQuerySet(models.QuerySet):
    def active(self):
        """Tokens that still authenticate: not revoked, and their user account still active."""
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class PartnerToken(models.Model):
    """A key a partner sends as ``Authorization: Token <key>``; it acts as its user.

    Only the hash is stored: the key is shown once, when an admin issues it, and cannot be
    recovered afterwards (a lost key is revoked and a new one issued).
    """

    name = models.CharField(
        _("name"), max_length=120, help_text=_("Who uses the token, e.g. “IOM data portal”.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="partner_tokens",
        help_text=_(
            "The token sees what this user sees: published data, plus their States' drafts."
        ),
    )
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        _("key prefix"),
        max_length=12,
        editable=False,
        help_text=_("The first characters of the key, to recognise it in logs and lists."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = PartnerTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("partner API token")
        verbose_name_plural = _("partner API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def set_new_key(self):
        """Give the token a fresh random key and return it: the only time it is readable."""
        raw_key = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.key_hash = hash_token(raw_key)
        self.prefix = raw_key[:12]
        return raw_key

    @classmethod
    def issue(cls, *, user, name, by=None):
        """Create a token for ``user`` and return ``(token, raw_key)``."""
        token = cls(user=user, name=name, created_by=by)
        raw_key = token.set_new_key()
        token.save()
        return token, raw_key

    def revoke(self):
        """Refuse the key from now on (kept, not deleted, so logs still name it)."""
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    @property
    def is_active(self):
        return self.revoked_at is None

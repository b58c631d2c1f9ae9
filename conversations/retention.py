"""Deleting conversations ``CONVERSATION_RETENTION_MONTHS`` after their last message.

Run daily (``manage.py delete_expired_conversations``, or the Celery task in ``tasks``); the
privacy page states the same figure.
"""

from django.conf import settings
from django.utils import timezone

from core.dates import months_before

from .models import Conversation


def cutoff(now=None):
    return months_before(now or timezone.now(), settings.CONVERSATION_RETENTION_MONTHS)


def delete_expired(now=None):
    """Delete every conversation whose last message is older than the retention; return how
    many went (their messages go with them)."""
    _total, per_model = Conversation.objects.filter(last_message_at__lt=cutoff(now)).delete()
    return per_model.get(Conversation._meta.label, 0)

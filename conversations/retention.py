"""Deleting conversations ``CONVERSATION_RETENTION_MONTHS`` after their last message.

Run daily (``manage.py delete_expired_conversations``, or the Celery task in ``tasks``); the
privacy page states the same figure.
"""

import calendar

from django.conf import settings
from django.utils import timezone

from .models import Conversation


def months_before(moment, months):
    """``moment`` minus ``months`` calendar months (the 31st becomes the month's last day)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def cutoff(now=None):
    return months_before(now or timezone.now(), settings.CONVERSATION_RETENTION_MONTHS)


def delete_expired(now=None):
    """Delete every conversation whose last message is older than the retention; return how
    many went (their messages go with them)."""
    _total, per_model = Conversation.objects.filter(last_message_at__lt=cutoff(now)).delete()
    return per_model.get(Conversation._meta.label, 0)

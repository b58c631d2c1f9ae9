"""``<time>`` elements whose ``datetime`` the W3C checker accepts.

``|date:'c'`` writes microseconds (``2026-12-01T12:18:39.123456+00:00``), which HTML's
"valid global date and time string" allows only up to milliseconds and the Nu checker
rejects; these write whole seconds with the UTC offset, or a plain date.
"""

import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

register = template.Library()


@register.filter
def iso_datetime(value):
    """``value`` as ISO 8601 for a ``datetime`` attribute: seconds and offset, or a date."""
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, datetime.UTC)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""


@register.simple_tag
def time_tag(value, format_name="DATE_FORMAT"):
    """``<time datetime="…">`` with ``value`` shown in the language's ``format_name``."""
    if not value:
        return ""
    shown = timezone.localtime(value) if isinstance(value, datetime.datetime) else value
    return format_html(
        '<time datetime="{}">{}</time>', iso_datetime(value), date_format(shown, format_name)
    )

"""Sign-in locks: django-axes locks a username tried from one address; this module adds a
limit per address, whatever usernames it tries, and the page that says when to try again.

An address whose failed sign-ins reach ``SIGN_IN_ADDRESS_FAILURE_LIMIT`` within
``SIGN_IN_ADDRESS_WINDOW`` seconds is refused until the window ends: one client trying many
usernames is slowed down, while the real user, from their own address, is not. Addresses come
from ``core.net.client_ip`` (trusted proxies only), like axes' own.
"""

import math
from datetime import timedelta

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone

from core import ratelimit
from core.net import client_ip

SCOPE = "sign-in-failures"


def address_locked(request):
    """Whether the client's address has failed to sign in too often lately."""
    return ratelimit.count(SCOPE, client_ip(request)) >= settings.SIGN_IN_ADDRESS_FAILURE_LIMIT


class AddressThrottleBackend:
    """Authentication backend before Django's: refuse every attempt from a locked address.

    Raising ``PermissionDenied`` stops ``authenticate()`` before any password is checked;
    ``request.axes_locked_out`` makes axes' middleware answer with the locked-out page. No
    ``get_user``: it never signs anyone in (and the test client's ``force_login`` picks the
    first backend that has one).
    """

    def authenticate(self, request, **credentials):
        if request is not None and address_locked(request):
            request.axes_locked_out = True
            request.sign_in_address_locked = True
            raise PermissionDenied
        return None


@receiver(user_login_failed, dispatch_uid="accounts.lockout.count_failure")
def count_failure(sender, credentials, request=None, **kwargs):
    """Count a failed sign-in against the client's address (refused attempts are not counted,
    so a lock ends when its window does)."""
    if request is None or getattr(request, "sign_in_address_locked", False):
        return
    ratelimit.hit(SCOPE, client_ip(request), window=settings.SIGN_IN_ADDRESS_WINDOW)


def lockout_response(request, original_response=None, credentials=None):
    """The locked-out page (429), saying in how many minutes and at what time to try again."""
    by_address = getattr(request, "sign_in_address_locked", False)
    if by_address:
        wait = timedelta(
            seconds=ratelimit.retry_after(
                SCOPE, client_ip(request), window=settings.SIGN_IN_ADDRESS_WINDOW
            )
        )
    else:
        wait = get_cool_off(request) or timedelta(0)
    context = {
        "by_address": by_address,
        "failure_limit": get_failure_limit(request, credentials),
        "retry_minutes": max(1, math.ceil(wait.total_seconds() / 60)),
        "retry_at": timezone.now() + wait,
    }
    return render(request, "accounts/locked_out.html", context, status=429)

"""Session lifetimes: an idle timeout for everyone, a shorter absolute one for moderators
and admins.

Django's own ``SESSION_COOKIE_AGE`` counts from the last save, not from the last request, and
is the same for every role. Each session here keeps when it signed in and when it last made a
request (epoch seconds); past ``SESSION_IDLE_TIMEOUT`` without a request, or
``PRIVILEGED_SESSION_MAX_AGE`` after sign-in for a moderator or admin, the session ends and the
browser goes to the sign-in page with a message.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.db import DatabaseError
from django.dispatch import receiver
from django.utils.translation import gettext as _

from states.roles import is_moderator

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN = "last_seen"
# The last-seen time is written back at most this often, not on every request.
LAST_SEEN_RESOLUTION = 60


@receiver(user_logged_in, dispatch_uid="accounts.middleware.stamp_sign_in")
def stamp_sign_in(sender, request, user, **kwargs):
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now


def is_privileged(user):
    return user.is_staff or user.is_superuser or is_moderator(user)


def expiry_reason(session, user, now):
    """Why this signed-in session has ended, or ``None`` while it is alive."""
    last_seen = session.get(LAST_SEEN)
    if last_seen is not None and now - last_seen > settings.SESSION_IDLE_TIMEOUT:
        return _("Your session ended after a period of inactivity. Please sign in again.")
    signed_in_at = session.get(SIGNED_IN_AT)
    if (
        signed_in_at is not None
        and now - signed_in_at > settings.PRIVILEGED_SESSION_MAX_AGE
        and is_privileged(user)
    ):
        return _(
            "Moderator and administrator sessions are limited in length. Please sign in again."
        )
    return None


class SessionExpiryMiddleware:
    """End idle and over-age sessions (after AuthenticationMiddleware and MessageMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie nobody is signed in: do not load the user for nothing.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and self._signed_in(request):
            user = request.user
            now = int(time.time())
            reason = expiry_reason(request.session, user, now)
            if reason:
                logout(request)
                messages.warning(request, reason)
                return redirect_to_login(request.get_full_path())
            session = request.session
            session.setdefault(SIGNED_IN_AT, now)
            if now - session.get(LAST_SEEN, 0) >= LAST_SEEN_RESOLUTION:
                session[LAST_SEEN] = now
        return self.get_response(request)

    @staticmethod
    def _signed_in(request):
        """Whether a user is signed in; ``False`` when the database cannot tell.

        An outage met in a middleware would escape the 503 page that
        ``DatabaseUnavailableMiddleware`` gives to errors raised by views: let the view meet it
        (nobody is served as a user the database could not load).
        """
        try:
            return request.user.is_authenticated
        except DatabaseError:
            return False

"""View guards for moderators' pages."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from states.roles import is_moderator


def moderator_required(view):
    """Anonymous visitors go to sign-in; signed-in non-moderators get the 403 page.

    A 403 here leaks nothing: it is answered before any object is looked up.
    """

    @wraps(view)
    @login_required
    def guarded(request, *args, **kwargs):
        if not is_moderator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded

"""Sign-in by username or by email address (django-allauth's backend), for Django's own page.

allauth's backend tries the value as an email address first, whatever it is; a value without
an "@" can only be a username, so it skips that lookup: every failed sign-in (the path brute
force takes) costs two queries fewer.
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend


class UsernameOrEmailBackend(AuthenticationBackend):
    def authenticate(self, request, username=None, password=None, **credentials):
        if username is not None and "@" not in username:
            return ModelBackend.authenticate(self, request, username, password, **credentials)
        return super().authenticate(request, username=username, password=password, **credentials)

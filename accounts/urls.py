"""Accounts, at Django's conventional ``/accounts/``, language-prefixed like every page.

Django's own views keep their un-namespaced names (``login``, ``logout``, ``password_reset``,
...), which ``LOGIN_URL`` and the password-reset emails rely on; this app's pages are under the
``accounts`` namespace. Sign-out only accepts POST and ends the session.

django-allauth adds reader sign-up and email confirmation (``signup/``, ``confirm-email/``,
``email/``, ...) after them: where both define an address (``login/``, ``logout/``), the views
above answer it, so allauth's ``account_login`` is the same page as ``login``.
"""

from django.urls import include, path
from django.views.generic import RedirectView

from . import views

account_patterns = [
    path("invite/", views.invite, name="invite"),
    path(
        "invitation/<uidb64>/<token>/",
        views.AcceptInvitationView.as_view(),
        name="accept_invitation",
    ),
    path("join/", views.join_state, name="join_state"),
    path("delete/", views.delete_account, name="delete_account"),
    path("join-requests/", views.join_requests, name="join_requests"),
    path(
        "join-requests/<int:pk>/decide/",
        views.decide_join_request,
        name="decide_join_request",
    ),
]

urlpatterns = [
    # Before Django's own views: the same name and address, with the length-checked form.
    path("login/", views.SignInView.as_view(), name="login"),
    path("password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("", include("django.contrib.auth.urls")),
    path("", include((account_patterns, "accounts"))),
    # One password-reset page, the one with the sending limits: allauth's own goes there.
    path(
        "password/reset/",
        RedirectView.as_view(pattern_name="password_reset"),
        name="account_reset_password",
    ),
    path("", include("allauth.urls")),
]

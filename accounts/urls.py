"""Accounts, at Django's conventional ``/accounts/``, language-prefixed like every page.

Django's own views keep their un-namespaced names (``login``, ``logout``, ``password_reset``,
...), which ``LOGIN_URL`` and the password-reset emails rely on; this app's pages are under the
``accounts`` namespace. Sign-out only accepts POST and ends the session.
"""

from django.urls import include, path

from . import views

account_patterns = [
    path("invite/", views.invite, name="invite"),
    path(
        "invitation/<uidb64>/<token>/",
        views.AcceptInvitationView.as_view(),
        name="accept_invitation",
    ),
    path("join/", views.join_state, name="join_state"),
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
]

"""The moderators' pages (namespace ``moderation``), next to their views."""

from django.urls import path

from . import call_moderation_views as calls
from . import moderation_views as views
from . import translation_views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("practices/<int:pk>/", views.review, name="review"),
    path("practices/<int:pk>/assign/", views.assign, name="assign"),
    path(
        "translations/<int:pk>/",
        translation_views.translation_review,
        name="translation_review",
    ),
    path("calls/", calls.call_list, name="call_list"),
    path("calls/new/", calls.call_create, name="call_create"),
    path("calls/<int:pk>/", calls.call_edit, name="call_edit"),
    path("calls/<int:pk>/open/", calls.call_open, name="call_open"),
    path("calls/<int:pk>/close/", calls.call_close, name="call_close"),
]

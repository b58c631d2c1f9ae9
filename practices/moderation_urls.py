"""The moderators' pages (namespace ``moderation``), next to their views."""

from django.urls import path

from . import moderation_views as views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("practices/<int:pk>/", views.review, name="review"),
    path("practices/<int:pk>/assign/", views.assign, name="assign"),
]

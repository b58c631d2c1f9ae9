"""The public State and regional-body pages (namespace ``states``), next to their views."""

from django.urls import path

from . import page_views
from . import state_views as views

app_name = "states"

urlpatterns = [
    path("states/", views.state_list, name="state_list"),
    path("states/<slug:slug>/", views.state_detail, name="state_detail"),
    path("bodies/", page_views.body_list, name="body_list"),
    path("bodies/<slug:slug>/", views.body_detail, name="body_detail"),
]

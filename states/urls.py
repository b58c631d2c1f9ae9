from django.urls import path

from . import views

app_name = "states"

urlpatterns = [
    path("states/", views.state_list, name="state_list"),
    path("states/<slug:slug>/", views.state_detail, name="state_detail"),
    path("bodies/<slug:slug>/", views.body_detail, name="body_detail"),
]

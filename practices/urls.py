from django.urls import path

from . import views

app_name = "practices"

urlpatterns = [
    path("practices/", views.practice_list, name="practice_list"),
    path("practices/<slug:slug>/", views.practice_detail, name="practice_detail"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme_detail"),
    path("pillars/<slug:slug>/", views.pillar_detail, name="pillar_detail"),
]

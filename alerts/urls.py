from django.urls import path

from . import feeds, views

app_name = "alerts"

urlpatterns = [
    path("alerts/new/", views.subscribe, name="subscribe"),
    path("alerts/confirm/<str:token>/", views.confirm, name="confirm"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("alerts/manage/<str:token>/", views.manage, name="manage"),
    path("account/alerts/", views.manage_account, name="manage_account"),
    path("alerts/feeds/<str:token>/", feeds.SavedSearchFeed(), name="feed"),
]

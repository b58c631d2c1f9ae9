from django.urls import path, re_path

from . import citation_views, feeds, page_views, views

app_name = "practices"

urlpatterns = [
    path("practices/", views.practice_list, name="practice_list"),
    path("practices/export.csv", views.practice_export, name="practice_export"),
    path("practices/<slug:slug>/", views.practice_detail, name="practice_detail"),
    path("themes/", page_views.theme_list, name="theme_list"),
    path("pillars/", page_views.pillar_list, name="pillar_list"),
    re_path(
        r"^practices/(?P<slug>[-\w]+)/cite\.(?P<fmt>bib|ris|json)$",
        citation_views.practice_cite,
        name="practice_cite",
    ),
    path(
        "practices/<slug:slug>/v<int:number>/",
        citation_views.practice_version,
        name="practice_version",
    ),
    path("themes/<slug:slug>/", views.theme_detail, name="theme_detail"),
    path("pillars/<slug:slug>/", views.pillar_detail, name="pillar_detail"),
    path("feeds/practices/", feeds.LatestPracticesFeed(), name="feed"),
    path("feeds/themes/<slug:slug>/", feeds.ThemeFeed(), name="theme_feed"),
    path("feeds/states/<slug:slug>/", feeds.StateFeed(), name="state_feed"),
]

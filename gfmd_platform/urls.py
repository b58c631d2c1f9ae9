"""URL map. Public pages are language-prefixed (/en/, /fr/, /es/); the API and admin are not."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from practices import views as practice_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", practice_views.home, name="home"),
    path("", include("practices.urls")),
    path("", include("states.urls")),
    prefix_default_language=True,
)

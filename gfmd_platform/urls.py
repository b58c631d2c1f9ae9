"""URL map. Public pages are language-prefixed (/en/, /fr/, /es/); the API and admin are not."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from practices import views as practice_views

from . import health

handler500 = "gfmd_platform.errors.server_error"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("practices.site_urls")),
    path("api/v1/", include("gfmd_platform.api")),
    path("accounts/", include("accounts.urls")),
]

urlpatterns += i18n_patterns(
    path("", practice_views.home, name="home"),
    path("", include("practices.urls")),
    path("", include("practices.state_urls")),
    path("", include("practices.workflow_urls")),
    path("moderation/", include("practices.moderation_urls")),
    path("", include("questionnaires.urls")),
    path("", include("practices.call_urls")),
    path("", include("alerts.urls")),
    prefix_default_language=True,
)

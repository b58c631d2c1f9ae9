"""URL map. Pages, the accounts pages included, are language-prefixed (/ar/, /zh-hans/, /en/, /fr/,
/ru/, /es/); the API, admin, sitemap and health checks are not. An old unprefixed /accounts/...
link (in an email sent before) still works: LocaleMiddleware redirects it to the reader's language.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from conversations import views as conversation_views
from practices import views as practice_views

from . import health, language

handler500 = "gfmd_platform.errors.server_error"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", language.set_language, name="set_language"),
    path("", include("practices.site_urls")),
    path("api/v1/", include("gfmd_platform.api")),
]

urlpatterns += i18n_patterns(
    path("", practice_views.home, name="home"),
    path("", include("practices.urls")),
    path("", include("practices.state_urls")),
    path("", include("practices.page_urls")),
    path("", include("practices.workflow_urls")),
    path("moderation/", include("practices.moderation_urls")),
    path("", include("questionnaires.urls")),
    path("accounts/", include("accounts.urls")),
    path("", include("conversations.urls")),
    path("privacy/", conversation_views.privacy, name="privacy"),
    path("", include("practices.call_urls")),
    path("", include("alerts.urls")),
    path("", include("reviews.urls")),
    prefix_default_language=True,
)

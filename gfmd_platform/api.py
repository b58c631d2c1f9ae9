"""The partner REST API, mounted at /api/v1/ (outside the language prefixes).

Endpoints are registered here; their views live in each app's ``api/`` package. The OpenAPI
schema is at /api/v1/schema/ and Swagger UI at /api/v1/docs/, served from our own static files
(drf-spectacular-sidecar). ReDoc is left out: its page loads web fonts from a CDN.
"""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from api.views import not_found
from practices.api import calls as call_views
from practices.api import views as practice_views
from questionnaires.api import views as questionnaire_views
from states.api import views as state_views

app_name = "api"

router = DefaultRouter()
# The format is chosen with ?format= or Accept; a ".json" suffix would clash with slugs.
router.include_format_suffixes = False
router.register("practices", practice_views.PracticeViewSet, basename="practice")
router.register("themes", practice_views.ThemeViewSet, basename="theme")
router.register("pillars", practice_views.PillarViewSet, basename="pillar")
router.register("gcm-objectives", practice_views.GcmObjectiveViewSet, basename="gcm-objective")
router.register("states", state_views.StateViewSet, basename="state")
router.register("regional-bodies", state_views.RegionalBodyViewSet, basename="regional-body")
router.register("institutions", state_views.InstitutionViewSet, basename="institution")
router.register("contacts", state_views.ContactViewSet, basename="contact")
router.register(
    "questionnaire-rounds",
    questionnaire_views.QuestionnaireRoundViewSet,
    basename="questionnaire-round",
)
router.register(
    "questionnaire-questions",
    questionnaire_views.QuestionnaireQuestionViewSet,
    basename="questionnaire-question",
)
router.register(
    "questionnaire-aggregates",
    questionnaire_views.QuestionnaireAggregateViewSet,
    basename="questionnaire-aggregate",
)
router.register(
    "questionnaire-responses",
    questionnaire_views.QuestionnaireResponseViewSet,
    basename="questionnaire-response",
)

router.register("calls", call_views.CallViewSet, basename="call")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
    re_path(r"^.*$", not_found),
]

"""The partner API's settings (Django REST framework and drf-spectacular), part of ``settings``."""

import os

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    # Partner API (api app, tokens from the partners app): token or session auth, JSON errors,
    # per-client rates.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.PartnerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.negotiation.FormatNegotiation",
    "EXCEPTION_HANDLER": "api.views.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonymousRateThrottle",
        "api.throttling.PartnerRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_ANON_RATE", "60/minute"),
        "partner": os.environ.get("API_PARTNER_RATE", "600/minute"),
    },
}

SPECTACULAR_SETTINGS = {
    "TITLE": "GFMD good-practice platform API",
    "DESCRIPTION": "Published practices, States, bodies and taxonomy of the GFMD platform.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Partner API (api app): the guide on top of the docs pages is added by a hook.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_guide",
    ],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # The schema is generated and validated by the test suite; generating it inside
    # `check --deploy` would query the database before it is migrated.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
}

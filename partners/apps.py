from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """Partner access to the REST API: tokens, throttles, errors, formats and the sync log."""

    name = "partners"
    verbose_name = _("API partners")

    def ready(self):
        # Connects the deletion log, and registers the OpenAPI extensions with drf-spectacular.
        from . import schema, signals  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The generic layer of the REST API: authentication, errors, formats, pages, rates, schema.

    It has no models; the partner tokens it authenticates are the ``partners`` app's.
    """

    name = "api"
    verbose_name = _("REST API")

    def ready(self):
        # drf-spectacular learns the OpenAPI extensions when their classes are defined.
        from . import schema  # noqa: F401

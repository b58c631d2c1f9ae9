from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """Partner tokens for the REST API: issued and revoked in the admin, stored hashed.

    The API layer that authenticates and throttles them is the ``api`` app.
    """

    name = "partners"
    verbose_name = _("API partners")

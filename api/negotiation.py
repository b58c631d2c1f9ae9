"""Content negotiation that answers an unknown (or empty) ``?format=`` with a 400."""

from contextlib import suppress

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.negotiation import DefaultContentNegotiation

from .exceptions import invalid_parameter


class FormatNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        name = self.settings.URL_FORMAT_OVERRIDE
        # DRF ignores an empty format and 404s an unknown one; both are a client's mistake.
        if request.query_params.get(name) != "":
            with suppress(Http404):
                return super().select_renderer(request, renderers, format_suffix)
        choices = ", ".join(renderer.format for renderer in renderers)
        raise invalid_parameter(
            name, _("Unknown format. Available here: %(choices)s.") % {"choices": choices}
        )

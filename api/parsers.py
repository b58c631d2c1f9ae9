"""The API's JSON parser: any body Python cannot decode is a 400, never a server error."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, parsers


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with nesting too deep for Python's decoder refused like bad JSON.

    DRF turns only ``ValueError`` into a parse error; the decoder raises ``RecursionError`` for
    a body nested about a thousand levels deep, which no request of this API needs.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(_("JSON parse error - nested too deeply.")) from None

"""Gzip for HTML pages (Django's GZipMiddleware, with its BREACH mitigation: random padding
in the gzip header).

Pages only: the API's JSON and CSV keep their strong ETags for partners' conditional requests
(``GZipMiddleware`` turns an ETag weak), and their clients choose their own transport; static
files come precompressed from WhiteNoise.
"""

from django.middleware.gzip import GZipMiddleware


class HtmlGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        return super().process_response(request, response)

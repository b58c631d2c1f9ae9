""" "Back to results" on a practice page: the search the reader came from, if any.

The search's query string comes from the ``from`` parameter (a link that carries it) or from
the ``Referer`` of a search page on this same host; anything else gives no link. Only the
query string is kept, re-encoded, and put after this site's own search address: no other
host, path or scheme can come through.
"""

from urllib.parse import urlsplit

from django.http import QueryDict
from django.urls import Resolver404, resolve, reverse

SEARCH_VIEW = "practices:practice_list"


def back_to_results(request):
    """The address of the search results the reader came from, or ``None``."""
    query = request.GET["from"] if "from" in request.GET else _referring_search(request)
    if query is None:
        return None
    encoded = QueryDict(query.lstrip("?")).urlencode()
    return reverse(SEARCH_VIEW) + (f"?{encoded}" if encoded else "")


def _referring_search(request):
    referer = request.headers.get("referer", "")
    if not referer:
        return None
    parts = urlsplit(referer)
    if parts.scheme not in ("http", "https") or parts.netloc != request.get_host():
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    return parts.query if match.view_name == SEARCH_VIEW else None

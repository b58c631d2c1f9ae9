"""Template context shared by every page."""

from core.site import site_origin


def site(request):
    """Expose the public base URL (for citations and canonical links)."""
    return {"SITE_URL": site_origin()}

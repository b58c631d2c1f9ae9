"""Template context shared by every page."""

from django.conf import settings


def site(request):
    """Expose the public base URL (for citations and canonical links)."""
    return {"SITE_URL": settings.SITE_URL}

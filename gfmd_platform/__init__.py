"""Project wiring: settings, URLs, the API router, operations, and the Celery app (imported here
so that ``@shared_task`` functions bind to it whenever Django starts)."""

from .celery import app as celery_app

__all__ = ["celery_app"]

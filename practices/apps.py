from django.apps import AppConfig


class PracticesConfig(AppConfig):
    """Practices, their taxonomy and workflow; keeps the small tables in step with writes."""

    name = "practices"

    def ready(self):
        # Connects the log of deleted practices that the sync feed reports, and the receiver
        # that keeps kept tables and cached public reads in step with writes to what they show.
        from . import signals  # noqa: F401

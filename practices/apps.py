from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "practices"

    def ready(self):
        # Connects the log of deleted practices that the sync feed reports.
        from . import signals  # noqa: F401

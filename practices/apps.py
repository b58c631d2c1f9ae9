from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class PracticesConfig(AppConfig):
    """Practices, their taxonomy and workflow; keeps the small tables in step with writes."""

    name = "practices"

    def ready(self):
        # Connects the log of deleted practices that the sync feed reports.
        from . import signals  # noqa: F401

        # The small tables each process keeps follow every write made in this process, as
        # ``django.contrib.sites`` clears SITE_CACHE.
        from .relations import KEPT_MODELS, clear_kept_tables

        for model in KEPT_MODELS:
            uid = f"practices_clear_kept_tables_{model._meta.label_lower}"
            post_save.connect(clear_kept_tables, sender=model, dispatch_uid=f"{uid}_save")
            post_delete.connect(clear_kept_tables, sender=model, dispatch_uid=f"{uid}_delete")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("Alerts")

    def ready(self):
        from practices import workflow

        from . import tasks

        # "As published": each publication queues the immediate digests once committed.
        workflow.PUBLISH_LISTENERS.append(tasks.queue_immediate_digests)

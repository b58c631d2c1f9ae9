from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("Alerts")

    def ready(self):
        from practices import call_workflow, workflow
        from practices.readership import practice_counters

        from . import tasks
        from .models import Subscription

        # My State's reading table: followers of each practice's State or themes.
        practice_counters["followers"] = (
            _("Followers (now)"),
            lambda practices, since: Subscription.objects.follower_counts(practices),
        )

        # "As published": each publication queues the immediate digests once committed.
        workflow.PUBLISH_LISTENERS.append(tasks.queue_immediate_digests)
        # A call saved or opened: closed or announced at once, not at the next beat.
        call_workflow.CALL_LISTENERS.append(tasks.queue_call_update)

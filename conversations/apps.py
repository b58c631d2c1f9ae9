"""Ask this State: a reader's question to a State, routed without showing any address.

It sits above ``practices`` (it shows on practice and State pages, and asks about practices)
and below ``gfmd_platform``'s wiring; nothing below imports it.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "conversations"
    verbose_name = _("Questions to States")

    def ready(self):
        # My State's reading table: questions received about each practice (imports run one
        # way: practices never imports this app).
        from practices.readership import practice_counters

        from .models import Conversation

        practice_counters["questions"] = (
            _("Questions received"),
            lambda practices, since: Conversation.objects.count_by_practice(practices, since),
        )

"""The audit trail and failed notifications in the back office: readable, never editable."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AuditRecord, FailedEmail
from .notifications import deliver


@admin.register(AuditRecord)
class AuditRecordAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_name", "action", "from_status", "to_status", "subject"]
    list_filter = ["action", "to_status", "content_type"]
    search_fields = ["actor_name", "comment"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FailedEmail)
class FailedEmailAdmin(admin.ModelAdmin):
    """Notifications the mail server refused after every retry. Staff see them here (the
    addresses on each one's page): the decisions they reported are saved."""

    list_display = ["failed_at", "subject", "recipient_count", "attempts", "error"]
    search_fields = ["subject", "error"]
    date_hierarchy = "failed_at"
    readonly_fields = ["failed_at", "subject", "recipients", "attempts", "error", "body", "headers"]
    actions = ["queue_again"]

    @admin.action(description=_("Queue the selected emails again"))
    def queue_again(self, request, queryset):
        """Hand each kept message back to the queue; a new failure is recorded anew."""
        count = 0
        for failed in queryset.exclude(body=""):
            # Deleted first: a new failure (sending or queueing) is recorded as a new row.
            failed.delete()
            deliver(failed.subject, failed.body, failed.recipients, headers=failed.headers)
            count += 1
        self.message_user(request, _("%(count)s emails queued again.") % {"count": count})

    @admin.display(description="recipients")
    def recipient_count(self, obj):
        return obj.recipient_count

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

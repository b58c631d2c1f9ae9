"""The audit trail and failed notifications in the back office: readable, never editable."""

from django.contrib import admin

from .models import AuditRecord, FailedEmail


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
    readonly_fields = ["failed_at", "subject", "recipients", "attempts", "error"]

    @admin.display(description="recipients")
    def recipient_count(self, obj):
        return obj.recipient_count

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

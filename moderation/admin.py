"""The audit trail in the back office: readable and searchable, never editable."""

from django.contrib import admin

from .models import AuditRecord


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

"""Conversations in the back office: read-only (changes go through the moderators' pages)."""

from django.contrib import admin

from .models import BlockedSender, Conversation, Message


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    fields = ["author", "created_at", "reported_at", "body"]
    readonly_fields = fields
    can_delete = False


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ["subject", "state", "status", "route", "last_message_at"]
    list_filter = ["status", "route"]
    search_fields = ["subject"]
    readonly_fields = [
        "state",
        "practice",
        "asker",
        "subject",
        "share_email",
        "status",
        "route",
        "recipient_contact_ids",
        "recipient_user_ids",
        "routed_at",
        "last_message_at",
    ]
    inlines = [MessageInline]

    def has_add_permission(self, request):
        return False


@admin.register(BlockedSender)
class BlockedSenderAdmin(admin.ModelAdmin):
    """Blocks are made from a conversation (audited there); deleting one here unblocks."""

    list_display = ["user", "blocked_by", "created_at"]
    readonly_fields = ["user", "blocked_by", "created_at"]

    def has_add_permission(self, request):
        return False

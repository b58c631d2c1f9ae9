"""Invitations and join requests in the back office: readable; decisions happen on the site."""

from django.contrib import admin

from .models import Invitation, JoinRequest


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "state", "invited_by", "created_at", "accepted_at"]
    list_filter = ["state"]
    search_fields = ["email"]
    readonly_fields = ["email", "user", "state", "invited_by", "created_at", "accepted_at"]

    def has_add_permission(self, request):
        return False


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "state", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["status", "state"]
    search_fields = ["user__username", "user__email"]
    readonly_fields = ["user", "state", "message", "status", "decided_by", "decided_at"]

    def has_add_permission(self, request):
        return False

"""Back office: subscriptions (read and end), and calls for practices, which moderators manage
here (the model lives in ``practices.calls``; its notices are this app's)."""

from django.contrib import admin, messages

from moderation.transitions import TransitionError
from practices import call_workflow
from practices.call_forms import CallAdminForm
from practices.calls import Call

from .models import Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["label", "frequency", "created_at", "confirmed_at", "unsubscribed_at"]
    list_filter = ["frequency"]
    search_fields = ["label", "email", "user__username"]
    readonly_fields = ["user", "email", "query", "criteria", "label", "token", "confirmed_at"]


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    """Moderators (``practices.moderate_practice``) may also manage calls here (their own pages
    are under ``moderation:call_list``). Saves go through ``practices.call_workflow``, like the
    moderators' pages: status changes are audited, and saving an open call announces it at once
    if its opening time has come (else the beat task does)."""

    form = CallAdminForm

    list_display = ["title", "status", "opens_at", "closes_at", "announced_at", "reminded_at"]
    list_filter = ["status"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["themes", "gcm_objectives"]
    readonly_fields = ["announced_at", "reminded_at"]

    def _moderates(self, request):
        return request.user.has_perm("practices.moderate_practice")

    def has_module_permission(self, request):
        return self._moderates(request)

    def has_view_permission(self, request, obj=None):
        return self._moderates(request)

    has_add_permission = has_module_permission
    has_change_permission = has_view_permission

    def save_model(self, request, obj, form, change):
        """Saved with its themes and objectives in ``save_related``, through the workflow."""

    def save_related(self, request, form, formsets, change):
        try:
            call_workflow.save_call(form, by=request.user)
        except TransitionError as error:
            messages.error(request, error.message)
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

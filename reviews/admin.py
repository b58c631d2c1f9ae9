"""Expert review in the back office: readable; requests and reviews are made on the site."""

from django.contrib import admin

from .models import Review, ReviewerProfile, ReviewRequest


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "invited_by", "invited_at"]
    search_fields = ["user__username", "user__email", "organisation"]
    fields = ["organisation"]


@admin.register(ReviewRequest)
class ReviewRequestAdmin(admin.ModelAdmin):
    list_display = ["practice", "reviewer", "status", "requested_at", "due_date"]
    list_filter = ["status"]
    list_select_related = ["practice", "reviewer"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["request", "submitted_at"]
    list_select_related = ["request__practice", "request__reviewer"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

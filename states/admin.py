"""Back-office screens for States, regions, bodies, institutions, contacts and memberships."""

from django.contrib import admin
from django.db.models import Count

from core.i18n import NAME_COLUMNS
from core.text import PlainTextAdminMixin

from .models import (
    Contact,
    Institution,
    Region,
    RegionalBody,
    State,
    StateFinding,
    StateMembership,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "parent"]
    list_filter = ["level"]
    search_fields = NAME_COLUMNS
    prepopulated_fields = {"slug": ["name"]}


class FindingInline(admin.StackedInline):
    model = StateFinding
    extra = 0


@admin.register(State)
class StateAdmin(PlainTextAdminMixin, admin.ModelAdmin):
    list_display = ["name", "iso2", "iso3", "region", "subregion", "un_status"]
    list_filter = ["region", "subregion", "un_status"]
    search_fields = ["name", "iso2", "iso3"]
    list_select_related = ["region", "subregion"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FindingInline]


@admin.register(RegionalBody)
class RegionalBodyAdmin(PlainTextAdminMixin, admin.ModelAdmin):
    list_display = ["acronym", "name", "kind", "member_count"]
    list_filter = ["kind"]
    search_fields = ["acronym", "name"]
    filter_horizontal = ["members"]
    prepopulated_fields = {"slug": ["acronym"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_member_count=Count("members"))

    @admin.display(description="member States", ordering="_member_count")
    def member_count(self, obj):
        return obj._member_count


@admin.register(Institution)
class InstitutionAdmin(PlainTextAdminMixin, admin.ModelAdmin):
    list_display = ["name", "state", "kind", "source_section"]
    list_filter = ["kind", "state__region"]
    search_fields = ["name", "state__name", "description"]
    list_select_related = ["state"]
    autocomplete_fields = ["state"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Contact)
class ContactAdmin(PlainTextAdminMixin, admin.ModelAdmin):
    list_display = ["name", "state", "role", "institution", "is_public", "is_focal_point"]
    list_filter = ["is_public", "is_focal_point", "state__region"]
    search_fields = ["name", "role", "email", "state__name"]
    list_select_related = ["state", "institution"]
    autocomplete_fields = ["state", "institution"]


@admin.register(StateFinding)
class StateFindingAdmin(admin.ModelAdmin):
    list_display = ["state", "kind", "source_section"]
    list_filter = ["kind"]
    search_fields = ["text", "state__name"]
    list_select_related = ["state"]


@admin.register(StateMembership)
class StateMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "state", "created_at"]
    search_fields = ["user__username", "user__email", "state__name"]
    list_select_related = ["user", "state"]
    autocomplete_fields = ["user", "state"]

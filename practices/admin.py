"""Back-office screens for practices and their taxonomy.

Status is read-only here: decisions go through the moderation workflow, never a form field.
"""

from django.contrib import admin

from core.i18n import NAME_COLUMNS
from core.text import PlainTextAdminMixin
from search.indexing import rows_changing

from .models import (
    CurrencyConfirmation,
    CurrencyRequest,
    GcmObjective,
    GuidingPrinciple,
    Pillar,
    Practice,
    PracticeRemoval,
    SdgTarget,
    Theme,
)
from .translations import PracticeTranslation
from .workflow import record_published_version, refresh_public_reads


@admin.register(Pillar)
class PillarAdmin(PlainTextAdminMixin, admin.ModelAdmin):
    list_display = ["number", "name", "name_fr", "name_es"]
    search_fields = NAME_COLUMNS
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Theme)
class ThemeAdmin(PlainTextAdminMixin, admin.ModelAdmin):
    list_display = ["name", "name_fr", "name_es", "slug"]
    search_fields = NAME_COLUMNS
    prepopulated_fields = {"slug": ["name"]}


@admin.register(GcmObjective)
class GcmObjectiveAdmin(PlainTextAdminMixin, admin.ModelAdmin):
    list_display = ["number", "name"]
    search_fields = NAME_COLUMNS


@admin.register(GuidingPrinciple, SdgTarget)
class ClassificationAdmin(PlainTextAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "slug"]
    search_fields = NAME_COLUMNS


@admin.register(Practice)
class PracticeAdmin(PlainTextAdminMixin, admin.ModelAdmin):
    list_display = ["title", "lead_state", "lead_body", "pillar", "status", "stage", "updated_at"]
    list_filter = ["status", "origin", "pillar", "stage", "themes", "lead_state__region"]
    search_fields = ["title", "summary", "lead_state__name", "lead_body__acronym"]
    list_select_related = ["lead_state", "lead_body", "pillar"]
    autocomplete_fields = [
        "lead_state",
        "lead_body",
        "reported_by",
        "partner_states",
        "partner_bodies",
        "institutions",
        "contacts",
        "adapted_from",
    ]
    filter_horizontal = ["themes", "gcm_objectives", "guiding_principles", "sdg_targets"]
    readonly_fields = [
        "uuid",
        "status",
        "version",
        "revision_of",
        "created_by",
        "created_at",
        "updated_at",
        "submitted_at",
        "published_at",
    ]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "updated_at"

    def save_related(self, request, form, formsets, change):
        # After the many-to-many fields too: the search row and cached public reads follow an
        # edit of a published practice (an unpublished one simply has no row).
        super().save_related(request, form, formsets, change)
        practice = form.instance
        if practice.status == Practice.Status.PUBLISHED and practice.revision_of_id is None:
            # An editor's correction of a live practice is a published change: its own version.
            record_published_version(practice)
        refresh_public_reads([practice])

    # Deleting a practice removes its search row by cascade: the precomputed top results must
    # follow (cached public reads follow any deletion: its ``post_delete`` receiver).
    def delete_model(self, request, obj):
        with rows_changing([obj.pk]):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with rows_changing(list(queryset.values_list("pk", flat=True))):
            super().delete_queryset(request, queryset)


@admin.register(PracticeRemoval)
class PracticeRemovalAdmin(admin.ModelAdmin):
    """Read-only: the log is written when a published practice is deleted."""

    list_display = ["slug", "uuid", "removed_at"]
    search_fields = ["slug", "uuid"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class _ReadOnlyAdmin(admin.ModelAdmin):
    """Written by the platform (the currency checks, the reading counts), read here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CurrencyConfirmation)
class CurrencyConfirmationAdmin(_ReadOnlyAdmin):
    list_display = ["practice", "status", "answered_at", "answered_by"]
    list_filter = ["status"]
    list_select_related = ["practice", "answered_by"]
    search_fields = ["practice__title"]


@admin.register(CurrencyRequest)
class CurrencyRequestAdmin(_ReadOnlyAdmin):
    list_display = ["practice", "asked_at"]
    list_select_related = ["practice"]
    search_fields = ["practice__title"]


@admin.register(PracticeTranslation)
class PracticeTranslationAdmin(_ReadOnlyAdmin):
    """Written and decided through the translation pages (``translation_workflow``, audited);
    not deleted here either, as readers' pages and the sync feed follow the published ones."""

    list_display = [
        "practice",
        "language",
        "status",
        "revision_of",
        "translated_by",
        "published_at",
        "outdated_since",
    ]
    list_filter = ["status", "language"]
    list_select_related = ["practice", "translated_by"]
    search_fields = ["practice__title", "title"]

    def has_delete_permission(self, request, obj=None):
        return False

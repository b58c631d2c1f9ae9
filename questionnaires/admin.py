"""Admin: build rounds and their questions, copy a round as the next one, inspect responses.

Response status is read-only here: decisions go through the review pages and the workflow,
so that every one is in the audit trail.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from moderation.transitions import TransitionError
from states.admin import StateAdmin
from states.models import State

from . import workflow
from .models import (
    Answer,
    Question,
    QuestionnaireParticipation,
    QuestionOption,
    ReportedFigure,
    Response,
    Round,
)


class ParticipationInline(admin.TabularInline):
    model = QuestionnaireParticipation
    extra = 0


# The State screen lists the rounds a State answered. ``states`` cannot name this app's model
# (it sits below it), so the screen is extended here, as Django's docs extend ``UserAdmin``.
admin.site.unregister(State)


@admin.register(State)
class StateWithParticipationsAdmin(StateAdmin):
    inlines = [ParticipationInline, *StateAdmin.inlines]


@admin.register(QuestionnaireParticipation)
class QuestionnaireParticipationAdmin(admin.ModelAdmin):
    list_display = ["state", "year", "source_section"]
    list_filter = ["year"]
    search_fields = ["state__name"]
    list_select_related = ["state"]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["order", "code", "text", "kind", "intends_years", "source_section"]
    show_change_link = True


class ReportedFigureInline(admin.TabularInline):
    model = ReportedFigure
    extra = 0
    fields = ["slug", "question", "option", "value", "unit", "denominator", "source_section"]
    show_change_link = True


@admin.action(description=_("Copy this round as the next round"))
def copy_as_next_round(modeladmin, request, queryset):
    created = 0
    for source in queryset.order_by("year"):
        try:
            workflow.copy_round(source)
        except TransitionError as error:
            modeladmin.message_user(request, error.message, messages.ERROR)
        else:
            created += 1
    if created:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d round created (closed: open it when its questions are ready).",
                "%(count)d rounds created (closed: open them when their questions are ready).",
                created,
            )
            % {"count": created},
            messages.SUCCESS,
        )


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "status", "reported_respondents"]
    list_filter = ["status"]
    search_fields = ["title"]
    inlines = [QuestionInline, ReportedFigureInline]
    actions = [copy_as_next_round]


class QuestionOptionInline(admin.TabularInline):
    model = QuestionOption
    extra = 1


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["code", "round", "order", "kind", "text"]
    list_filter = ["round", "kind"]
    search_fields = ["code", "text"]
    list_select_related = ["round"]
    inlines = [QuestionOptionInline]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["question", "choice", "choices", "text", "note", "source_section"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["state", "round", "status", "origin", "submitted_at", "published_at"]
    list_filter = ["round", "status", "origin"]
    search_fields = ["state__name"]
    list_select_related = ["state", "round"]
    readonly_fields = [
        "status",
        "version",
        "submitted_by",
        "submitted_at",
        "published_at",
        "created_at",
        "updated_at",
    ]
    inlines = [AnswerInline]


@admin.register(ReportedFigure)
class ReportedFigureAdmin(admin.ModelAdmin):
    list_display = ["slug", "round", "question", "option", "value", "unit", "denominator"]
    list_filter = ["round", "unit"]
    list_select_related = ["round", "question"]
    search_fields = ["slug", "statement"]

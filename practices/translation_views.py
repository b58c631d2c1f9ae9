"""The translation pages: a State's (write, save a draft, submit) and the moderators' (review,
approve, reject). Changes go through ``practices.translation_workflow``; who may see what is
``PracticeTranslation.objects.editable_by`` and ``Practice.objects.editable_by`` (another
State's practice or translation is 404)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from moderation.decorators import moderator_required
from moderation.models import AuditRecord
from moderation.transitions import TransitionError, allowed_actions

from . import translation_workflow as workflow
from .diff import field_changes
from .models import Practice
from .translations import TEXT_FIELDS, PracticeTranslation, target_languages

S = PracticeTranslation.Status


class TranslationForm(forms.ModelForm):
    class Meta:
        model = PracticeTranslation
        fields = TEXT_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 6}) for name in TEXT_FIELDS if name != "title"
        }


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language of the translation"))

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = target_languages(practice)


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment for the State (required to reject)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _practice(request, pk):
    """A published practice of a State the user acts for (404 otherwise)."""
    return get_object_or_404(
        Practice.objects.editable_by(request.user)
        .published()
        .select_related("lead_state", "lead_body"),
        pk=pk,
    )


def _fields(practice, form):
    """(original text, form field) pairs, side by side."""
    return [(getattr(practice, name), form[name]) for name in TEXT_FIELDS]


@login_required
def translation_list(request, pk):
    """A practice's translations and the choice of a language to add or continue one."""
    practice = _practice(request, pk)
    chooser = LanguageForm(request.GET or None, practice=practice)
    if chooser.is_valid():
        return redirect(
            "workflow:translation_edit", pk=practice.pk, language=chooser.cleaned_data["language"]
        )
    context = {
        "practice": practice,
        "chooser": chooser,
        "translations": list(practice.translations.current()),
    }
    return render(request, "practices/translations/translation_list.html", context)


@login_required
def translation_edit(request, pk, language):
    """Write (or continue) the translation into ``language``: save a draft, or submit it. A
    published translation shows its open revision here (its published text to start from),
    which is saved and submitted the same way while readers keep the published text."""
    practice = _practice(request, pk)
    if language not in dict(target_languages(practice)):
        raise Http404
    translation = practice.translations.filter(
        language=language, revision_of__isnull=True
    ).first() or PracticeTranslation(practice=practice, language=language)
    revision = None
    if translation.status == S.PUBLISHED:
        revision = workflow.open_revision(translation) or PracticeTranslation(
            practice=practice,
            language=language,
            revision_of=translation,
            **{name: getattr(translation, name) for name in TEXT_FIELDS},
        )
    # The row the form writes: the translation itself until published, then its revision.
    written = revision or translation
    editable = workflow.is_editable(written)
    form = TranslationForm(request.POST or None, instance=written)
    if request.method == "POST" and editable and form.is_valid():
        try:
            saved = workflow.save_translation(
                practice=practice, language=language, text=form.cleaned_data, by=request.user
            )
            if request.POST.get("intent") == "submit":
                workflow.submit_translation(translation=saved, by=request.user)
                messages.success(request, _("Translation saved and sent for review."))
            else:
                messages.success(request, _("Draft translation saved."))
        except TransitionError as error:
            form.add_error(None, error.message)
        else:
            return redirect("workflow:translation_list", pk=practice.pk)
    context = {
        "practice": practice,
        "translation": translation,
        "revision": revision if revision is not None and revision.pk else None,
        "language_name": dict(target_languages(practice))[language],
        "language": language,
        "form": form,
        "fields": _fields(practice, form),
        "editable": editable,
        "pairs": [] if editable else _pairs(practice, written),
        "changes": None if editable or revision is None else _revision_changes(revision),
        "history": _history(translation),
    }
    # A form sent back (invalid, refused, or no longer editable) is a 400, as elsewhere.
    status = 400 if request.method == "POST" else 200
    return render(request, "practices/translations/translation_form.html", context, status=status)


def _pairs(practice, translation):
    """(label, original, translation) of each text field, side by side."""
    return [
        (
            PracticeTranslation._meta.get_field(name).verbose_name,
            getattr(practice, name),
            getattr(translation, name),
        )
        for name in TEXT_FIELDS
    ]


def _revision_changes(revision):
    """What a revision changes in the published translation, field by field."""
    labels = {name: PracticeTranslation._meta.get_field(name).verbose_name for name in TEXT_FIELDS}
    live = revision.revision_of
    return field_changes(
        {name: getattr(live, name) for name in TEXT_FIELDS},
        {name: getattr(revision, name) for name in TEXT_FIELDS},
        labels,
    )


def _history(translation):
    """Audit records of a translation and of its revisions, oldest first (one query)."""
    if translation.pk is None:
        return []
    root = translation.revision_of_id or translation.pk
    rows = PracticeTranslation.objects.filter(Q(pk=root) | Q(revision_of_id=root)).values("pk")
    return AuditRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(PracticeTranslation), object_id__in=rows
    ).select_related("actor")


@moderator_required
def translation_review(request, pk):
    """A submitted translation beside the original, with the decision buttons."""
    translation = get_object_or_404(
        PracticeTranslation.objects.select_related(
            "practice", "practice__lead_state", "translated_by", "revision_of"
        ),
        pk=pk,
    )
    form = DecisionForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        decision = request.POST.get("decision")
        comment = form.cleaned_data["comment"]
        try:
            if decision == "approve":
                workflow.approve_translation(
                    translation=translation, by=request.user, comment=comment
                )
                messages.success(request, _("Translation published."))
            elif decision == "reject":
                workflow.reject_translation(
                    translation=translation, by=request.user, comment=comment
                )
                messages.success(request, _("Translation rejected."))
            else:
                raise TransitionError(_("Unknown decision."))
        except TransitionError as error:
            form.add_error(None, error.message)
            status = 400
        else:
            return redirect("moderation:queue")
    practice = translation.practice
    context = {
        "translation": translation,
        "practice": practice,
        "pairs": _pairs(practice, translation),
        "changes": _revision_changes(translation) if translation.revision_of_id else None,
        "form": form,
        "actions": allowed_actions(translation, request.user),
        "history": _history(translation),
    }
    return render(request, "practices/translations/translation_review.html", context, status=status)

"""The translation pages: a State's (write, save a draft, submit) and the moderators' (review,
approve, reject). Changes go through ``practices.translation_workflow``; who may see what is
``PracticeTranslation.objects.editable_by`` and ``Practice.objects.editable_by`` (another
State's practice or translation is 404)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from moderation.decorators import moderator_required
from moderation.models import AuditRecord
from moderation.transitions import TransitionError, allowed_actions

from . import translation_workflow as workflow
from .models import Practice
from .translations import TEXT_FIELDS, PracticeTranslation, target_languages


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
        "translations": list(practice.translations.all()),
    }
    return render(request, "practices/translations/translation_list.html", context)


@login_required
def translation_edit(request, pk, language):
    """Write (or continue) the translation into ``language``: save a draft, or submit it."""
    practice = _practice(request, pk)
    if language not in dict(target_languages(practice)):
        raise Http404
    translation = practice.translations.filter(language=language).first() or PracticeTranslation(
        practice=practice, language=language
    )
    editable = workflow.is_editable(translation)
    form = TranslationForm(request.POST or None, instance=translation)
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
            messages.error(request, error.message)
        else:
            return redirect("workflow:translation_list", pk=practice.pk)
    context = {
        "practice": practice,
        "translation": translation,
        "language_name": dict(target_languages(practice))[language],
        "language": language,
        "form": form,
        "fields": _fields(practice, form),
        "editable": editable,
        "pairs": [] if editable else _pairs(practice, translation),
        "history": _history(translation),
    }
    return render(request, "practices/translations/translation_form.html", context)


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


def _history(translation):
    if translation.pk is None:
        return []
    return AuditRecord.objects.for_object(translation).select_related("actor")


@moderator_required
def translation_review(request, pk):
    """A submitted translation beside the original, with the decision buttons."""
    translation = get_object_or_404(
        PracticeTranslation.objects.select_related(
            "practice", "practice__lead_state", "translated_by"
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
        "form": form,
        "actions": allowed_actions(translation, request.user),
        "history": _history(translation),
    }
    return render(request, "practices/translations/translation_review.html", context, status=status)

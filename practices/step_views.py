"""The guided practice form: one page per step (``practices.steps``), each saving the draft.

``my-state/practices/start/`` is the first step of a new practice; every later page is
``my-state/practices/<pk>/edit/<step>/``. Each step posts only its own fields (the others
stay as saved) through the same workflow save as the whole form, so the version check, the
409 on a stale save and the States' rules are the same. Without JavaScript every step works;
``static/js/forms.js`` adds the live counters, the list filters and the warning before
leaving a page with unsaved changes.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from states.roles import acts_for_any_state

from . import fields, workflow
from .evidence_forms import IndicatorFormSet
from .forms import AttachmentForm, PracticeForm
from .models import Practice
from .steps import FIRST_STEP, REQUIRED_FIELDS, SELF_CHECK, STEP_OF_FIELD, STEPS, neighbours
from .steps import STEPS_BY_SLUG as _STEPS
from .submission_views import (
    _editable_practice,
    changes_requested,
    not_editable,
    save_practice_form,
)


def step_url(practice, step, field=None):
    """The page of ``step`` for ``practice``, at ``field`` when given."""
    url = reverse("workflow:practice_step", kwargs={"pk": practice.pk, "step": step.slug})
    return f"{url}#id_{field}" if field else url


def _answered(practice, name):
    if name in fields.M2M_FIELDS:
        return getattr(practice, name).exists()
    return bool(getattr(practice, name))


def checklist(practice):
    """The "Check and submit" lists: (label, done, link) for each required field, and
    (question, answered, link) for each of the UN Network Hub's criteria."""

    def item(name, label):
        return (label, _answered(practice, name), step_url(practice, STEP_OF_FIELD[name], name))

    required = [
        item(name, str(Practice._meta.get_field(name).verbose_name).capitalize())
        for name in REQUIRED_FIELDS
    ]
    return required, [item(name, question) for name, question in SELF_CHECK]


# The step whose page holds the indicators' rows (``evidence_forms.IndicatorFormSet``).
EVIDENCE_STEP = "results"
# The query parameter carrying the words "Find practices" looked for (the "adapted from" list).
FIND = "find"


def _render_step(request, form, practice, step, *, status=200, newer=None, indicators=None):
    before, after = neighbours(step)
    if indicators is None and practice is not None and step.slug == EVIDENCE_STEP:
        indicators = IndicatorFormSet(instance=practice, prefix="indicators")
    context = {
        "indicators": indicators,
        "form": form,
        "practice": practice,
        "step": step,
        "steps": STEPS,
        "before": before,
        "after": after,
        "newer": newer,
        "request_for_changes": changes_requested(practice) if practice else None,
    }
    if practice is not None and step.slug == "documents":
        context["attachments"] = practice.attachments.all()
        context["attachment_form"] = AttachmentForm()
    if practice is not None and step.slug == "check":
        context["required"], context["criteria"] = checklist(practice)
    return render(request, "practices/submit/practice_step.html", context, status=status)


def _save_step(request, form, practice, step, indicators=None):
    _before, after = neighbours(step)

    def next_url(saved):
        intent = request.POST.get("intent")
        words = (form.cleaned_data.get("adapted_from_search") or "").strip()
        if intent == FIND and words:
            return f"{step_url(saved, step)}?{urlencode({FIND: words})}#id_adapted_from"
        # "Find" is the step's first button, which Enter in any field presses: without words
        # it does what Enter does on every other step.
        if intent in ("continue", FIND) and after is not None:
            return step_url(saved, after)
        return step_url(saved, step)

    return save_practice_form(
        request,
        form,
        practice,
        render_form=lambda newer: _render_step(
            request, form, practice, step, status=409, newer=newer, indicators=indicators
        ),
        next_url=next_url,
        indicators=indicators,
    )


@login_required
def practice_start(request):
    """The first step of a new practice; saving it makes the draft."""
    if not acts_for_any_state(request.user):
        messages.error(request, _("You need to belong to a State to submit practices."))
        return redirect("accounts:join_state")
    form = PracticeForm(
        request.POST or None, instance=Practice(), user=request.user, step=FIRST_STEP
    )
    if request.method == "POST" and form.is_valid():
        return _save_step(request, form, None, FIRST_STEP)
    return _render_step(request, form, None, FIRST_STEP, status=400 if form.is_bound else 200)


@login_required
def practice_step(request, pk, step):
    """One step of an editable practice: its fields, saved on "Save" or "Save and continue"."""
    step = _STEPS.get(step)
    if step is None:
        raise Http404
    practice = _editable_practice(request, pk)
    if not workflow.is_editable(practice):
        return not_editable(request, practice)
    form = PracticeForm(
        request.POST or None,
        instance=practice,
        user=request.user,
        step=step,
        adapted_search=request.GET.get(FIND, "")[:100],
    )
    indicators = None
    if step.slug == EVIDENCE_STEP:
        indicators = IndicatorFormSet(request.POST or None, instance=practice, prefix="indicators")
    if request.method == "POST" and step.fields:
        # Both checked, so every message shows at once (each keeping what was typed).
        valid = form.is_valid()
        if (indicators is None or indicators.is_valid()) and valid:
            return _save_step(request, form, practice, step, indicators)
        return _render_step(request, form, practice, step, status=400, indicators=indicators)
    return _render_step(request, form, practice, step, indicators=indicators)

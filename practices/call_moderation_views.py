"""The moderators' pages of calls for practices: the list, create, edit, open now, close now.

Every save and status change goes through ``practices.call_workflow``.
"""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moderation.decorators import moderator_required
from moderation.models import AuditRecord
from moderation.transitions import TransitionError

from . import call_workflow
from .call_forms import CallForm
from .calls import Call
from .managers import published


@moderator_required
def call_list(request):
    """Every call (drafts too), the latest closing first, with its count of published answers."""
    calls = Call.objects.annotate(
        answer_count=Count("answers", filter=published("answers__"), distinct=True)
    ).order_by("-closes_at", "title")
    return render(
        request,
        "moderation/call_list.html",
        {"calls": calls, "now": timezone.now()},
    )


@moderator_required
def call_create(request):
    return _edit(request, Call())


@moderator_required
def call_edit(request, pk):
    return _edit(request, get_object_or_404(Call, pk=pk))


def _edit(request, call):
    existing = call.pk
    form = CallForm(request.POST or None, instance=call)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                call = call_workflow.save_call(form, by=request.user)
            except TransitionError as error:
                # The typed values stay; the status shown is renewed, so that a second press
                # decides on the status as it is now.
                call = Call.objects.get(pk=existing) if existing else Call()
                data = request.POST.copy()
                data["seen_status"] = call.status
                form = CallForm(data, instance=call)
                form.is_valid()
                form.add_error("status", error.message)
                status = 409
            else:
                messages.success(request, _("“%(title)s” is saved.") % {"title": call.title})
                return redirect("moderation:call_list")
        else:
            status = 400
    context = {"form": form, "call": call, "history": _history(call)}
    return render(request, "moderation/call_form.html", context, status=status)


@require_POST
@moderator_required
def call_open(request, pk):
    return _act(request, pk, call_workflow.open_call, _("“%(title)s” is open."))


@require_POST
@moderator_required
def call_close(request, pk):
    return _act(request, pk, call_workflow.close_call, _("“%(title)s” is closed."))


def _act(request, pk, action, done):
    call = get_object_or_404(Call, pk=pk)
    try:
        action(call, by=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done % {"title": call.title})
    return redirect("moderation:call_list")


def _history(call):
    return AuditRecord.objects.for_object(call) if call.pk else []

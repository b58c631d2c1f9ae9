"""The moderators' queue and review page. Decisions go through ``practices.workflow``."""

from django.contrib import messages
from django.core import signing
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moderation.decorators import moderator_required
from moderation.models import Action
from moderation.transitions import TransitionError, allowed_actions, four_eyes_blocks

from . import workflow
from .diff import content_snapshot, revision_changes, snapshot_changes
from .forms import DecisionForm, QueueFilterForm
from .models import Practice
from .submission_views import history
from .translations import PracticeTranslation

QUEUE_PAGE_SIZE = 50
REVIEWED_SALT = "practices.review.reviewed"
DECISION_ACTIONS = [Action.APPROVE, Action.REQUEST_CHANGES, Action.REJECT, Action.ARCHIVE]

# Sections that higher apps add to the review page (expert review), called as
# ``panel(request, practice)``: each returns the context of one section, its template under
# ``"template"``, or None to show nothing. Practices imports none of them.
REVIEW_PANELS = []


@moderator_required
def queue(request):
    """Items waiting for a decision, oldest submission first, with filters."""
    filters = QueueFilterForm(request.GET or None)
    now = timezone.now()
    items = filters.apply(
        Practice.objects.select_related(
            "lead_state", "lead_body", "created_by", "revision_of", "assigned_to"
        ).order_by("submitted_at", "pk"),
        user=request.user,
        now=now,
    )
    page = Paginator(items, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "moderation/queue.html",
        {
            "filters": filters,
            "page_obj": page,
            "now": now,
            "query": request.GET.urlencode(),
            # Submitted translations, a section of their own (``practices.translation_views``).
            "translations": PracticeTranslation.objects.waiting().select_related(
                "practice", "practice__lead_state", "translated_by"
            ),
        },
    )


@require_POST
@moderator_required
def assign(request, pk):
    """Take an item of the queue ("assign to me"), then back to the queue as it was filtered."""
    practice = get_object_or_404(Practice, pk=pk)
    workflow.assign(practice, by=request.user)
    messages.success(request, _("“%(title)s” is assigned to you.") % {"title": practice.title})
    # Re-encoded, so whatever was posted stays inside the query string of our own page.
    query = QueryDict(request.POST.get("query", "")).urlencode()
    target = reverse("moderation:queue")
    return redirect(f"{target}?{query}" if query else target)


def reviewed_token(practice):
    """The review form's ``reviewed`` field: the content shown and its fingerprint, signed."""
    return signing.dumps(
        {
            "fingerprint": workflow.content_fingerprint(practice),
            "shown": content_snapshot(practice),
        },
        salt=REVIEWED_SALT,
        compress=True,
    )


def read_reviewed(token):
    """``(fingerprint, shown)`` from a posted ``reviewed`` token; ``(None, None)`` if absent
    or altered."""
    try:
        data = signing.loads(token or "", salt=REVIEWED_SALT)
        return str(data["fingerprint"]), dict(data["shown"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None, None


@moderator_required
def review(request, pk):
    """The full submission, the diff for a revision, the history, and the decision buttons.

    A decision carries the content the moderator was shown (``reviewed``); if the practice
    changed since, it is refused and the page shows what changed (ASVS V11.1.6).
    """
    practice = get_object_or_404(
        Practice.objects.select_related("lead_state", "lead_body", "pillar", "revision_of"),
        pk=pk,
    )
    form = DecisionForm(
        request.POST or None,
        initial={"seen_status": practice.status, "reviewed": reviewed_token(practice)},
    )
    status = 200
    stale_changes = None
    if request.method == "POST" and form.is_valid():
        practice.status = form.cleaned_data["seen_status"] or practice.status
        fingerprint, shown = read_reviewed(form.cleaned_data["reviewed"])
        try:
            if fingerprint is None:
                raise TransitionError(
                    _("The decision did not say which version you reviewed; reload the page.")
                )
            workflow.decide(
                practice,
                request.POST.get("action", ""),
                by=request.user,
                comment=form.cleaned_data["comment"],
                reviewed_version=fingerprint,
                reviewed_content=shown,
            )
        except TransitionError as error:
            # Show the item as it is now; the typed comment stays, the seen status and the
            # reviewed content are renewed (so a second press decides on what is shown now).
            practice.refresh_from_db()
            if isinstance(error, workflow.StaleReview):
                stale_changes = snapshot_changes(shown, content_snapshot(practice))
            data = request.POST.copy()
            data["seen_status"] = practice.status
            data["reviewed"] = reviewed_token(practice)
            form = DecisionForm(data)
            form.is_valid()
            form.add_error(None, error.message)
            status = 409
        else:
            messages.success(request, _("Decision recorded. The State has been told."))
            return redirect("moderation:queue")
    actions = allowed_actions(practice, request.user)
    context = {
        "practice": practice,
        "form": form,
        "decisions": [action for action in DECISION_ACTIONS if action in actions],
        "four_eyes": four_eyes_blocks(practice, request.user),
        "stale_changes": stale_changes,
        "history": history(practice),
        "changes": revision_changes(practice.revision_of, practice)
        if practice.revision_of
        else None,
        # A resubmission: what changed since the moderator last sent it back.
        "since_review": snapshot_changes(practice.last_reviewed, content_snapshot(practice))
        if practice.last_reviewed and practice.status == Practice.Status.SUBMITTED
        else None,
        "attachments": practice.attachments.all(),
        "panels": [panel for panel in (hook(request, practice) for hook in REVIEW_PANELS) if panel],
    }
    return render(request, "moderation/review.html", context, status=status)

"""Expert review's pages: the public criteria, the reviewer's list and review form, and the
moderator's "ask reviewers" and "invite a reviewer". Decisions go through ``workflow``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moderation.decorators import moderator_required
from moderation.transitions import TransitionError
from practices.models import Practice

from . import workflow
from .criteria import CRITERIA, PEER_REVIEW_MINIMUM, SCORES
from .forms import AskReviewersForm, InviteReviewerForm, ReviewForm
from .models import ReviewRequest


def criteria(request):
    """The published criteria and scale (public)."""
    return render(
        request,
        "reviews/criteria.html",
        {"criteria": CRITERIA, "scores": SCORES, "minimum": PEER_REVIEW_MINIMUM},
    )


@login_required
def my_reviews(request):
    """The requests addressed to the signed-in user: to do, then done (or closed)."""
    requests = list(ReviewRequest.objects.for_reviewer(request.user).with_page_relations())
    to_do = [r for r in requests if r.is_open]
    done = [r for r in requests if not r.is_open]
    return render(request, "reviews/my_reviews.html", {"to_do": to_do, "done": done})


@login_required
def review(request, pk):
    """The submission as asked, read-only, and the review form (kept on errors)."""
    review_request = get_object_or_404(
        ReviewRequest.objects.for_reviewer(request.user).select_related(
            "practice__lead_state", "practice__lead_body", "practice__pillar", "review"
        ),
        pk=pk,
    )
    practice = review_request.practice
    form = ReviewForm(request.POST or None) if review_request.is_open else None
    status = 200
    if request.method == "POST":
        if form is None:
            messages.error(request, _("This review can no longer be submitted."))
            return redirect("reviews:review", pk=pk)
        if form.is_valid():
            try:
                workflow.submit_review(review_request, by=request.user, answers=form.cleaned_data)
            except TransitionError as error:
                form.add_error(None, error.message)
                status = 409
            else:
                messages.success(request, _("Thank you: your review is recorded."))
                return redirect("reviews:my_reviews")
        else:
            status = 400
    context = {
        "review_request": review_request,
        "practice": practice,
        "form": form,
        "submitted": getattr(review_request, "review", None),
        "attachments": practice.attachments.all(),
    }
    return render(request, "reviews/review.html", context, status=status)


@require_POST
@login_required
def decline(request, pk):
    review_request = get_object_or_404(ReviewRequest.objects.for_reviewer(request.user), pk=pk)
    try:
        workflow.decline(review_request, by=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You declined this review; the moderator has been told."))
    return redirect("reviews:my_reviews")


@require_POST
@moderator_required
def ask(request, pk):
    """The moderator review page's "Ask reviewers" form; back to that page either way."""
    practice = get_object_or_404(Practice, pk=pk)
    form = AskReviewersForm(request.POST, practice=practice)
    if form.is_valid():
        try:
            created = workflow.request_reviews(
                practice,
                reviewers=form.cleaned_data["reviewers"],
                by=request.user,
                due_date=form.cleaned_data["due_date"],
            )
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Review asked of %(count)s reviewer(s); they have been emailed.")
                % {"count": len(created)},
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("moderation:review", pk=practice.pk)


@moderator_required
def invite(request):
    form = InviteReviewerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        workflow.invite_reviewer(
            email=data["email"],
            organisation=data["organisation"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            by=request.user,
        )
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": data["email"]})
        return redirect("reviews:invite")
    return render(
        request, "reviews/invite.html", {"form": form}, status=400 if form.is_bound else 200
    )

"""The reviews section of the moderator's review page (``practices.moderation_views``'s
``REVIEW_PANELS`` hook): the requests, the scores side by side, and the "Ask reviewers" form."""

from statistics import mean

from moderation.models import ModerationStatus

from .criteria import CRITERIA
from .forms import AskReviewersForm
from .models import ReviewRequest


def score_table(requests):
    """Criterion rows × reviewer columns of the submitted reviews among ``requests``, with the
    mean per criterion: ``(reviews, rows)``, each row ``(criterion, [(score, comment)], mean)``."""
    reviews = [r.review for r in requests if r.status == ReviewRequest.Status.SUBMITTED]
    rows = []
    for criterion in CRITERIA:
        cells = [
            (getattr(review, criterion.score_field), getattr(review, criterion.comment_field))
            for review in reviews
        ]
        rows.append((criterion, cells, mean(score for score, _c in cells) if cells else None))
    return reviews, rows


def moderator_panel(request, practice):
    requests = list(
        ReviewRequest.objects.filter(practice=practice)
        .select_related("reviewer__reviewer_profile", "review")
        .order_by("requested_at", "pk")
    )
    current = [r for r in requests if r.submission_at == practice.submitted_at]
    reviews, rows = score_table(current)
    can_ask = practice.status == ModerationStatus.SUBMITTED
    return {
        "template": "reviews/_moderator_panel.html",
        "requests": requests,
        "current": current,
        "reviews": reviews,
        "rows": rows,
        "ask_form": AskReviewersForm(practice=practice) if can_ask else None,
    }

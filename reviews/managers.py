"""Who sees which review request: written once for the reviewer's pages and the moderator's."""

from django.db import models

from practices.models import Practice
from states.roles import is_moderator


class ReviewRequestQuerySet(models.QuerySet):
    def for_reviewer(self, user):
        """The requests addressed to ``user`` (none for anonymous visitors).

        A reviewer's pages look requests up through this, so another reviewer's request, or
        a practice they were not asked about, answers 404.
        """
        if not user.is_authenticated:
            return self.none()
        return self.filter(reviewer=user)

    def visible_to(self, user):
        """Every request for moderators; a reviewer's own otherwise. Never a State's users."""
        return self.all() if is_moderator(user) else self.for_reviewer(user)

    def of_submission(self, practice):
        """The requests about ``practice`` as it is submitted now (its latest submission)."""
        return self.filter(practice=practice, submission_at=practice.submitted_at)

    def with_page_relations(self):
        return self.select_related("practice", "reviewer", "review").order_by(
            "-requested_at", "-pk"
        )


def practices_for_reviewer(user):
    """The practices ``user`` has been asked to review: all a reviewer may read unpublished."""
    if not user.is_authenticated:
        return Practice.objects.none()
    return Practice.objects.filter(review_requests__reviewer=user).distinct()

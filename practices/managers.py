"""Who may see which practice, written once for pages, API, feeds, exports and admin."""

from django.db import models

from states.managers import is_moderator, user_state_ids

# What ``templates/practices/_practice_card.html`` shows, plus what lists sort by.
CARD_FIELDS = (
    "slug",
    "title",
    "summary",
    "language",
    "start_year",
    "end_year",
    "stage",
    "published_at",
    "lead_state",
    "lead_body",
    "pillar",
)


def sees_unpublished(user):
    """Whether ``visible_to(user)`` holds more than the published practices."""
    return is_moderator(user) or bool(user_state_ids(user))


class PracticeQuerySet(models.QuerySet):
    def published(self):
        """Live practices: published, and not a pending revision of another practice."""
        return self.filter(status=self.model.Status.PUBLISHED, revision_of__isnull=True)

    def visible_to(self, user):
        """Published practices for everyone, plus every practice of the user's own States.

        Moderators see everything. Another State's drafts never match, so views built on this
        answer 404 for them rather than 403, and their IDs do not leak.
        """
        if is_moderator(user):
            return self.all()
        own_states = user_state_ids(user)
        if not own_states:
            return self.published()
        return self.filter(
            models.Q(status=self.model.Status.PUBLISHED, revision_of__isnull=True)
            | models.Q(lead_state_id__in=own_states)
        )

    def editable_by(self, user):
        """Practices a submitter may change: those led by one of their States."""
        if is_moderator(user):
            return self.all()
        return self.filter(lead_state_id__in=user_state_ids(user))

    def for_cards(self):
        """What a result card renders but its themes."""
        return self.select_related("lead_state", "lead_body", "pillar").only(*CARD_FIELDS)

    def with_list_relations(self):
        """Load what a result card renders (and no more), in a fixed number of queries."""
        return self.for_cards().prefetch_related("themes")

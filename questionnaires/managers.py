"""Who may see which questionnaire response, written once for pages, CSV, API and profiles."""

from django.db import models

from moderation.models import ModerationStatus
from states.managers import is_moderator, user_state_ids


class ResponseQuerySet(models.QuerySet):
    def published(self):
        """Responses a moderator approved: the only ones public results may count or show."""
        return self.filter(status=ModerationStatus.PUBLISHED)

    def visible_to(self, user):
        """Published responses, plus every response of the user's own States; all for moderators.

        Another State's draft never matches, so views built on this answer 404 for it.
        """
        if is_moderator(user):
            return self.all()
        own_states = user_state_ids(user)
        if not own_states:
            return self.published()
        return self.filter(
            models.Q(status=ModerationStatus.PUBLISHED) | models.Q(state_id__in=own_states)
        )

    def editable_by(self, user):
        """Responses a user may answer for: those of their own States (all for moderators)."""
        if is_moderator(user):
            return self.all()
        return self.filter(state_id__in=user_state_ids(user))


class AnswerQuerySet(models.QuerySet):
    def published(self):
        """Answers of published responses only."""
        return self.filter(response__status=ModerationStatus.PUBLISHED)

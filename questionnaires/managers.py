"""Which questionnaire responses are published, written once for pages, CSV, API and profiles.

Who may see or change the rest is ``states.roles``' rule for State-owned rows."""

from django.db import models

from moderation.models import ModerationStatus
from states.roles import StateOwnedQuerySet


def published(prefix=""):
    """The published rule for responses as a ``Q``: a moderator approved them.

    ``prefix`` is the path to the response from the queried model (``"responses__"``), for
    ``Count(..., filter=published("responses__"))`` and for answers.
    """
    return models.Q(**{f"{prefix}status": ModerationStatus.PUBLISHED})


class ResponseQuerySet(StateOwnedQuerySet):
    def public_rule(self):
        """Published responses are public."""
        return published()

    def published(self):
        """Responses a moderator approved: the only ones public results may count or show."""
        return self.filter(published())


class AnswerQuerySet(models.QuerySet):
    def published(self):
        """Answers of published responses only."""
        return self.filter(published("response__"))

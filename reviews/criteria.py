"""The published criteria of expert review, defined once: the forms, the model's fields, the
moderator's table and the public criteria page are all built from ``CRITERIA``."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# How many submitted reviews of one submission make its approval "Peer-reviewed".
PEER_REVIEW_MINIMUM = 2


@dataclass(frozen=True)
class Criterion:
    key: str  # the model's ``<key>_score`` and ``<key>_comment`` fields
    label: str
    description: str

    @property
    def score_field(self):
        return f"{self.key}_score"

    @property
    def comment_field(self):
        return f"{self.key}_comment"


CRITERIA = (
    Criterion(
        "relevance",
        _("Relevance to the GCM objectives"),
        _(
            "The practice addresses one or more objectives of the Global Compact for Safe, "
            "Orderly and Regular Migration, and the submission shows how."
        ),
    ),
    Criterion(
        "results",
        _("Evidence of results"),
        _(
            "The submission reports what the practice achieved, with evidence (evaluations, "
            "figures, documents) rather than intentions alone."
        ),
    ),
    Criterion(
        "sustainability",
        _("Sustainability"),
        _(
            "The practice can last beyond its first funding or mandate: institutions, budget "
            "or legal basis that carry it on."
        ),
    ),
    Criterion(
        "replicability",
        _("Replicability"),
        _(
            "Another State or body could adapt the practice: the submission says what it "
            "needs and what depends on the local context."
        ),
    ),
    Criterion(
        "principles",
        _("Respect of the guiding principles"),
        _(
            "The practice respects the GCM's guiding principles, among them people-centred, "
            "human-rights-based and gender-responsive approaches."
        ),
    ),
)

CRITERIA_BY_KEY = {criterion.key: criterion for criterion in CRITERIA}

# The scale of every criterion: a number with a label (never the number alone).
SCORES = (
    (1, pgettext_lazy("review score", "1 – Not met")),
    (2, pgettext_lazy("review score", "2 – Partly met")),
    (3, pgettext_lazy("review score", "3 – Largely met")),
    (4, pgettext_lazy("review score", "4 – Fully met")),
)
SCORE_MIN, SCORE_MAX = SCORES[0][0], SCORES[-1][0]

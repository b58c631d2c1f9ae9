"""Which practices are published, and which involve a State or body: written once for pages,
API, feeds, exports and admin. Who may see or change the rest is ``states.roles``' rule for
State-owned rows (a practice belongs to its lead State)."""

from django.db import models
from django.db.models.constants import LOOKUP_SEP

from moderation.models import ModerationStatus
from search.schema import BODY, FACETS_BY_NAME
from states.models import State
from states.roles import StateOwnedQuerySet

# What a result card (``practices.cards``) shows, plus what lists sort by.
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


def published(prefix=""):
    """The published rule as a ``Q``: published, and not a pending revision of another practice.

    ``prefix`` is the path to the practice from the queried model (``"led_practices__"``),
    so annotations such as ``Count(..., filter=published("led_practices__"))`` and the
    partial indexes in ``practices.models`` state the same rule as ``published()``.
    """
    return models.Q(
        **{f"{prefix}status": ModerationStatus.PUBLISHED, f"{prefix}revision_of__isnull": True}
    )


# "Newest first", wherever practices are listed by publication. The default data are published
# in one transaction and share one timestamp: the later-created row (the higher pk, the later
# in the paper's order) counts as the newer, rather than the title deciding.
NEWEST_FIRST = ("-published_at", "-pk")


# Live practices, and those that were published once and have been archived since: what the
# sync feed reports (a live row or a tombstone).
EVER_PUBLISHED = models.Q(revision_of__isnull=True) & (
    models.Q(status=ModerationStatus.PUBLISHED) | models.Q(published_at__isnull=False)
)


class PracticeQuerySet(StateOwnedQuerySet):
    # A practice belongs to the State that leads it.
    owner_field = "lead_state"

    def public_rule(self):
        """Published practices are public."""
        return published()

    def published(self):
        """Live practices: published, and not a pending revision of another practice."""
        return self.filter(published())

    def ever_published(self):
        """Live practices, and those that were published once and have been archived since."""
        return self.filter(EVER_PUBLISHED)

    def involving_state(self, *states):
        """Practices led by one of ``states`` or naming one of them as a partner."""
        return self.involving(FACETS_BY_NAME["state"].lookups, states)

    def involving_body(self, *bodies):
        """Practices led by one of ``bodies`` or naming one of them as a partner."""
        return self.involving(BODY.lookups, bodies)

    def involving(self, lookups, targets):
        """Practices reaching any of ``targets`` through any of ``lookups`` (the ORM paths of a
        ``search.schema`` facet): the one rule by which the FilterSet selects."""
        condition = models.Q()
        for lookup in lookups:
            field = self.model._meta.get_field(lookup.split(LOOKUP_SEP)[0])
            if LOOKUP_SEP not in lookup and field.many_to_many:
                # An id subquery over the link table rather than an OR over a join: no
                # duplicate rows to remove with ``distinct()``, and no join the planner must
                # combine with the OR.
                links = field.remote_field.through.objects.filter(
                    **{f"{field.m2m_reverse_field_name()}__in": targets}
                )
                condition |= models.Q(pk__in=links.values(field.m2m_field_name()))
            else:
                condition |= models.Q(**{f"{lookup}__in": targets})
        return self.filter(condition)

    def involved_states(self):
        """The States that lead or partner any of these practices (``involving_state`` turned
        around). Two id subqueries, not an OR over two joins: that took 14 s at 100,000."""
        partners = self.model.partner_states.through.objects.filter(practice__in=self)
        return State.objects.filter(
            models.Q(pk__in=self.values("lead_state_id"))
            | models.Q(pk__in=partners.values("state_id"))
        )

    def for_cards(self):
        """What a result card renders but its themes."""
        return self.select_related("lead_state", "lead_body", "pillar").only(*CARD_FIELDS)

    def newest_first(self):
        """Newest publication first (``NEWEST_FIRST``)."""
        return self.order_by(*NEWEST_FIRST)

    def with_list_relations(self):
        """Load what a result card renders (and no more), in a fixed number of queries."""
        return self.for_cards().prefetch_related("themes")

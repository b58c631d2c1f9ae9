"""Who sees which conversation, written once for every view of them."""

from django.db import models

from states.roles import is_moderator, own_state_ids


def _routed_to_states_of(user):
    """The questions routed to a State ``user`` is a member of (a held question has not
    reached the State)."""
    return models.Q(state_id__in=own_state_ids(user), routed_at__isnull=False)


class ConversationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The asker's own; their State's once routed; every one for moderators. Anything else
        answers 404."""
        if not user.is_authenticated:
            return self.none()
        if is_moderator(user):
            return self.all()
        return self.filter(models.Q(asker=user) | _routed_to_states_of(user))

    def for_state_members(self, user):
        """My State → Questions: those routed to the States ``user`` is a member of; a
        moderator also sees those routed to the moderators (a State with nobody to write to)."""
        rule = _routed_to_states_of(user)
        if is_moderator(user):
            rule |= models.Q(route=self.model.Route.MODERATORS)
        return self.filter(rule)

    def held(self):
        return self.filter(status=self.model.Status.HELD)

    def received(self):
        """Questions that reached their State (routed; a held one has not, yet)."""
        return self.filter(routed_at__isnull=False)

    def count_by_practice(self, practices, since):
        """``{practice id: questions about it received since ``since``}``, in one query."""
        rows = (
            self.received()
            .filter(practice__in=practices, created_at__gte=since)
            .order_by()
            .values("practice_id")
            .annotate(n=models.Count("pk"))
            .values_list("practice_id", "n")
        )
        return dict(rows)

"""Query rules for States' data, written once for views, API, feeds and admin alike."""

from django.db import models


def user_state_ids(user):
    """IDs of the States a signed-in user belongs to (empty for anonymous users)."""
    if not user.is_authenticated:
        return []
    return list(user.state_memberships.values_list("state_id", flat=True))


def is_moderator(user):
    """Moderators (and superusers) review every State's submissions."""
    return user.is_authenticated and user.has_perm("practices.moderate_practice")


class ContactQuerySet(models.QuerySet):
    def public(self):
        """Contacts a State chose to publish: the only ones any public page or API may show."""
        return self.filter(is_public=True)

    def visible_to(self, user):
        """Public contacts, plus every contact of the user's own States; all for moderators."""
        if is_moderator(user):
            return self.all()
        return self.filter(models.Q(is_public=True) | models.Q(state_id__in=user_state_ids(user)))

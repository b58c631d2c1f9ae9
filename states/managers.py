"""Query rules for States' data, written once for views, API, feeds and admin alike."""

from django.db import models

from .roles import StateOwnedQuerySet, is_moderator


class StateQuerySet(models.QuerySet):
    def with_member(self, user):
        """The States ``user`` is a member of (none for anonymous users), in one query."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)

    def acted_for_by(self, user):
        """The States ``user`` may act for: every State for moderators, else their own."""
        return self.all() if is_moderator(user) else self.with_member(user)


class ContactQuerySet(StateOwnedQuerySet):
    def public_rule(self):
        """Contacts their State chose to publish."""
        return models.Q(is_public=True)

    def public(self):
        """Contacts a State chose to publish: the only ones any public page or API may show."""
        return self.filter(self.public_rule())

"""Query rules for States' data, written once for views, API, feeds and admin alike."""

from django.db import models

from .roles import StateOwnedQuerySet


class ContactQuerySet(StateOwnedQuerySet):
    def public_rule(self):
        """Contacts their State chose to publish."""
        return models.Q(is_public=True)

    def public(self):
        """Contacts a State chose to publish: the only ones any public page or API may show."""
        return self.filter(self.public_rule())

"""Who acts for which State: the one place the platform's roles are written.

A moderator acts for every State; any other signed-in user acts for the States they are a
member of (``StateMembership``); anonymous visitors act for none. Views, forms, workflow
actions, the API and the QuerySets below ask these functions instead of reading memberships
or permissions themselves.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import models

# The permission that makes a moderator (granted through the Moderators group).
MODERATE_APP, MODERATE_CODENAME = "practices", "moderate_practice"

# Expert reviewers (``reviews``): invited by moderators, members of this group, of no State.
REVIEWERS_GROUP = "Reviewers"


def is_moderator(user):
    """Moderators (and superusers) review every State's submissions."""
    return user.is_authenticated and user.has_perm(f"{MODERATE_APP}.{MODERATE_CODENAME}")


def moderators():
    """Every active moderator: through a group, a direct permission, or as a superuser."""
    permission = Permission.objects.filter(
        codename=MODERATE_CODENAME, content_type__app_label=MODERATE_APP
    ).first()
    rule = models.Q(is_superuser=True)
    if permission is not None:
        rule |= models.Q(groups__permissions=permission) | models.Q(user_permissions=permission)
    return get_user_model().objects.filter(rule, is_active=True)


def is_reviewer(user):
    """Members of the Reviewers group assess the practices a moderator asks them to review.

    The role gives no State and no right to see anything else: what a reviewer may read is
    what ``reviews.managers`` lists for them.
    """
    return user.is_authenticated and user.groups.filter(name=REVIEWERS_GROUP).exists()


def reviewers():
    """Every active reviewer."""
    return get_user_model().objects.filter(groups__name=REVIEWERS_GROUP, is_active=True)


def own_state_ids(user):
    """IDs of the States a user is a member of (empty for anonymous users).

    Moderators act for every State whatever this says: ask ``acts_for`` (or
    ``State.objects.acted_for_by``) when that matters.
    """
    if not user.is_authenticated:
        return []
    return list(user.state_memberships.values_list("state_id", flat=True))


def acts_for_any_state(user):
    """Whether ``user`` acts for at least one State (every moderator does).

    Such a user may write practices and answers, and ``visible_to`` shows them more than
    what is public.
    """
    return is_moderator(user) or bool(own_state_ids(user))


def acts_for(user, state):
    """Whether ``user`` may act for ``state`` (a ``State`` or its primary key)."""
    state_id = getattr(state, "pk", state)
    return is_moderator(user) or state_id in own_state_ids(user)


class StateQuerySet(models.QuerySet):
    def with_member(self, user):
        """The States ``user`` is a member of (none for anonymous users), in one query."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)

    def acted_for_by(self, user):
        """The States ``user`` may act for: every State for moderators, else their own."""
        return self.all() if is_moderator(user) else self.with_member(user)


class StateOwnedQuerySet(models.QuerySet):
    """Rows owned by one State: who may change them, and who may see them.

    Written once for practices (owned by their lead State), questionnaire responses and
    contacts. A subclass names the foreign key to the owning State in ``owner_field`` and
    says, in ``public_rule()``, which rows everyone may see.
    """

    owner_field = "state"

    def public_rule(self):
        """A ``Q`` matching the rows every visitor may see."""
        raise NotImplementedError

    def _owned_by(self, state_ids):
        return models.Q(**{f"{self.owner_field}_id__in": state_ids})

    def editable_by(self, user):
        """Rows of the States the user acts for (all rows for moderators)."""
        if is_moderator(user):
            return self.all()
        return self.filter(self._owned_by(own_state_ids(user)))

    def visible_to(self, user):
        """What everyone may see, plus every row of the user's own States; all for moderators.

        Another State's unpublished rows never match, so views built on this answer 404 for
        them rather than 403, and their IDs do not leak.
        """
        if is_moderator(user):
            return self.all()
        state_ids = own_state_ids(user)
        if not state_ids:
            return self.filter(self.public_rule())
        return self.filter(self.public_rule() | self._owned_by(state_ids))

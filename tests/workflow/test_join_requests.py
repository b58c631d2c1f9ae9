"""A signed-in user asks to join another State; a moderator approves or declines."""

import pytest
from django.core import mail

from accounts import services
from accounts.models import JoinRequest
from moderation.transitions import TransitionError
from states.models import StateMembership

pytestmark = pytest.mark.django_db


def test_a_request_is_recorded_and_moderators_are_told(
    client, submitter, other_state, moderator, django_capture_on_commit_callbacks
):
    client.force_login(submitter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/accounts/join/", {"state": other_state.pk, "message": "I coordinate both desks."}
        )
    assert response.status_code == 302
    join_request = JoinRequest.objects.get()
    assert (join_request.user, join_request.state, join_request.status) == (
        submitter,
        other_state,
        JoinRequest.Status.PENDING,
    )
    assert mail.outbox[0].to == [moderator.email]
    assert not StateMembership.objects.filter(user=submitter, state=other_state).exists()


def test_own_states_are_not_offered_and_duplicates_are_refused(
    client, submitter, state, other_state
):
    client.force_login(submitter)
    form = client.get("/en/accounts/join/").context["form"]
    assert state not in form.fields["state"].queryset
    client.post("/en/accounts/join/", {"state": other_state.pk})
    response = client.post("/en/accounts/join/", {"state": other_state.pk})
    assert response.status_code == 400
    assert JoinRequest.objects.count() == 1


def test_approval_grants_the_membership_and_tells_the_user(
    client, submitter, other_state, moderator, django_capture_on_commit_callbacks
):
    join_request = JoinRequest.objects.create(user=submitter, state=other_state)
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/en/accounts/join-requests/{join_request.pk}/decide/", {"decision": "approve"}
        )
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    assert join_request.decided_by == moderator
    assert StateMembership.objects.filter(user=submitter, state=other_state).exists()
    assert mail.outbox[0].to == [submitter.email]


def test_declining_grants_nothing(client, submitter, other_state, moderator):
    join_request = JoinRequest.objects.create(user=submitter, state=other_state)
    client.force_login(moderator)
    client.post(f"/en/accounts/join-requests/{join_request.pk}/decide/", {"decision": "decline"})
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED
    assert not StateMembership.objects.filter(user=submitter, state=other_state).exists()


def test_a_request_is_decided_only_once(submitter, other_state, moderator, admin_user):
    join_request = JoinRequest.objects.create(user=submitter, state=other_state)
    services.decide_join_request(join_request, approve=False, by=moderator)
    with pytest.raises(TransitionError, match="Already decided"):
        services.decide_join_request(join_request, approve=True, by=admin_user)


def test_submitters_cannot_decide(client, submitter, other_submitter, state):
    join_request = JoinRequest.objects.create(user=other_submitter, state=state)
    client.force_login(submitter)
    response = client.post(
        f"/en/accounts/join-requests/{join_request.pk}/decide/", {"decision": "approve"}
    )
    assert response.status_code == 403
    assert JoinRequest.objects.get().status == JoinRequest.Status.PENDING

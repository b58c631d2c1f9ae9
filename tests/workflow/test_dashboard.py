"""My State: the State's practices by status, its contacts, and what needs the user's action."""

import pytest

from practices import workflow
from practices.models import Practice
from tests.factories import ContactFactory, PracticeFactory

S = Practice.Status
pytestmark = pytest.mark.django_db
DASHBOARD = "/en/my-state/"


@pytest.fixture
def signed_in(client, submitter):
    client.force_login(submitter)
    return client


def test_practices_are_grouped_by_status(signed_in, make_practice, state):
    made = {status: make_practice(status, title=f"Practice {status}") for status in S}
    section = signed_in.get(DASHBOARD).context["sections"][0]
    assert section["state"] == state
    groups = dict(section["groups"])
    for status, practice in made.items():
        assert groups[status] == [practice]


def test_what_needs_action_lists_changes_requested_and_drafts(signed_in, make_practice, moderator):
    draft = make_practice(S.DRAFT)
    sent_back = make_practice(S.SUBMITTED)
    workflow.request_changes(sent_back, by=moderator, comment="More detail.")
    make_practice(S.SUBMITTED)
    make_practice(S.PUBLISHED)
    section = signed_in.get(DASHBOARD).context["sections"][0]
    assert [p.pk for p in section["needs_action"]] == [sent_back.pk, draft.pk]


def test_other_states_practices_and_contacts_are_absent(signed_in, other_state, state):
    PracticeFactory(lead_state=other_state, status=S.DRAFT, title="Their secret draft")
    ContactFactory(state=other_state, name="Their hidden desk", is_public=False)
    ContactFactory(state=state, name="Our hidden desk", is_public=False)
    html = signed_in.get(DASHBOARD).content.decode()
    assert "Their secret draft" not in html
    assert "Their hidden desk" not in html
    assert "Our hidden desk" in html
    assert "Not public" in html


def test_the_dashboard_needs_a_fixed_number_of_queries(
    signed_in, make_practice, state, served_once, django_assert_num_queries
):
    for index in range(20):
        make_practice(list(S)[index % 6])
        ContactFactory(state=state)
    served_once(signed_in, DASHBOARD)

    # The session and its user, their States, the States' practices and contacts, the user's
    # permissions (their own, their groups'), their join requests; the readership table: the
    # published practices, their day counts, questions, the confirmed alerts and the themes.
    with django_assert_num_queries(13):
        signed_in.get(DASHBOARD)


def test_a_user_of_two_states_sees_both(client, state, other_state):
    from tests.factories import SubmitterFactory

    user = SubmitterFactory(states=[state, other_state])
    client.force_login(user)
    sections = client.get(DASHBOARD).context["sections"]
    assert {section["state"] for section in sections} == {state, other_state}


def test_moderators_see_the_size_of_the_queue(client, moderator, make_practice):
    make_practice(S.SUBMITTED)
    client.force_login(moderator)
    response = client.get(DASHBOARD)
    assert response.context["pending_reviews"] == 1
    assert "/en/moderation/" in response.content.decode()

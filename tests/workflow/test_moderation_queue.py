"""The queue: items waiting for a decision with State, submitter and age, oldest first,
filterable, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from practices import workflow
from practices.models import Practice
from practices.moderation_views import reviewed_token
from tests.factories import PracticeFactory, StateFactory

S = Practice.Status
pytestmark = pytest.mark.django_db
QUEUE = "/en/moderation/"


@pytest.fixture
def signed_in(client, moderator):
    client.force_login(moderator)
    return client


def _submitted(days_ago, **fields):
    return PracticeFactory(
        status=S.SUBMITTED, submitted_at=timezone.now() - timedelta(days=days_ago), **fields
    )


def test_pending_items_are_listed_oldest_first(signed_in):
    newest, oldest, middle = _submitted(1), _submitted(9), _submitted(4)
    PracticeFactory(status=S.DRAFT)
    PracticeFactory(status=S.PUBLISHED)
    items = list(signed_in.get(QUEUE).context["page_obj"])
    assert items == [oldest, middle, newest]


def test_each_row_shows_state_submitter_and_age(signed_in, submitter, state):
    _submitted(3, lead_state=state, created_by=submitter, title="Skills partnership")
    html = signed_in.get(QUEUE).content.decode()
    assert "Skills partnership" in html
    assert state.display_name in html
    assert submitter.username in html
    assert "3\xa0days" in html


def test_filters_by_state_kind_status_and_title(signed_in, make_practice, submitter):
    mexico_item = _submitted(2, title="Tres por uno")
    other = _submitted(1, lead_state=StateFactory(), title="Other one")
    live = make_practice(S.PUBLISHED)
    revision = workflow.start_revision(live, by=submitter)
    workflow.submit(revision, by=submitter)

    def listed(**params):
        return set(signed_in.get(QUEUE, params).context["page_obj"])

    assert listed(state=other.lead_state.pk) == {other}
    assert listed(kind="revision") == {revision}
    assert revision not in listed(kind="new")
    assert listed(q="tres") == {mexico_item}
    assert listed(status=S.CHANGES_REQUESTED) == set()


def test_the_changes_requested_filter_lists_items_waiting_for_their_state(signed_in, moderator):
    item = _submitted(2)
    workflow.request_changes(item, by=moderator, comment="More detail.")
    assert set(signed_in.get(QUEUE, {"status": S.CHANGES_REQUESTED}).context["page_obj"]) == {item}
    assert item not in set(signed_in.get(QUEUE).context["page_obj"])


def test_bad_filter_values_do_not_break_the_page(signed_in):
    response = signed_in.get(QUEUE, {"state": "not-a-number", "kind": "??", "page": "x"})
    assert response.status_code == 200


def test_the_queue_needs_a_fixed_number_of_queries(
    signed_in, served_once, django_assert_num_queries
):
    for days in range(30):
        _submitted(days)
    served_once(signed_in, QUEUE)

    # The session and its user, the moderator's permissions (their own, their groups'), the
    # queue's count, the States and the themes to filter by, the page of items, the submitted
    # translations.
    with django_assert_num_queries(9):
        response = signed_in.get(QUEUE)
    assert len(response.context["page_obj"]) == 30


def test_a_decision_from_the_review_page_returns_to_the_queue(signed_in):
    item = _submitted(1)
    response = signed_in.post(
        reverse("moderation:review", kwargs={"pk": item.pk}),
        {"action": "request_changes", "comment": "Please cite the law.", **_reviewed(item)},
    )
    assert response.status_code == 302
    assert response.url == QUEUE
    item.refresh_from_db()
    assert item.status == S.CHANGES_REQUESTED


def test_a_decision_without_its_required_comment_is_refused_with_a_message(signed_in):
    item = _submitted(1)
    response = signed_in.post(
        reverse("moderation:review", kwargs={"pk": item.pk}),
        {"action": "reject", "comment": "", **_reviewed(item)},
    )
    assert response.status_code == 409
    assert "A comment is required" in response.content.decode()
    item.refresh_from_db()
    assert item.status == S.SUBMITTED


def test_the_second_moderator_is_told_who_decided_first(client, moderator, admin_user):
    item = _submitted(1)
    url = reverse("moderation:review", kwargs={"pk": item.pk})
    client.force_login(admin_user)
    form = client.get(url).context["form"]
    seen, reviewed = form["seen_status"].value(), form["reviewed"].value()
    client.force_login(moderator)
    client.post(url, {"action": "approve", "seen_status": S.SUBMITTED, **_reviewed(item)})
    client.force_login(admin_user)
    response = client.post(
        url, {"action": "reject", "comment": "No.", "seen_status": seen, "reviewed": reviewed}
    )
    assert response.status_code == 409
    assert f"Already decided by {moderator.username}" in response.content.decode()
    item.refresh_from_db()
    assert item.status == S.PUBLISHED


def _reviewed(practice):
    """The review form's hidden ``reviewed`` field, as the page would send it."""
    return {"reviewed": reviewed_token(practice)}

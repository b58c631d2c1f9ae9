"""The moderation queue: filters by State, theme and age; "assign to me", stored and
audited; the age of each item shown."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation.models import Action, AuditRecord
from practices.models import Practice
from tests import factories

pytestmark = pytest.mark.django_db
QUEUE = reverse("moderation:queue")


def _submitted(days_ago, **fields):
    return factories.PracticeFactory(
        status=Practice.Status.SUBMITTED,
        submitted_at=timezone.now() - timedelta(days=days_ago),
        **fields,
    )


def _titles(response):
    return [p.title for p in response.context["page_obj"]]


def test_the_queue_filters_by_state(moderating, state, other_state):
    _submitted(1, title="Ours", lead_state=state)
    _submitted(1, title="Theirs", lead_state=other_state)
    assert _titles(moderating.get(QUEUE, {"state": state.pk})) == ["Ours"]


def test_the_queue_filters_by_theme(moderating):
    remittances = factories.ThemeFactory(name="Remittances")
    tagged = _submitted(1, title="Tagged")
    tagged.themes.set([remittances])
    _submitted(1, title="Other")
    assert _titles(moderating.get(QUEUE, {"theme": remittances.pk})) == ["Tagged"]


def test_the_queue_filters_by_age(moderating):
    _submitted(40, title="Old")
    _submitted(10, title="Middle")
    _submitted(1, title="New")
    assert _titles(moderating.get(QUEUE, {"age": "30"})) == ["Old"]
    assert _titles(moderating.get(QUEUE, {"age": "7"})) == ["Old", "Middle"]


def test_each_item_shows_how_long_it_has_waited(moderating):
    _submitted(10)
    page = moderating.get(QUEUE).content.decode()
    assert "1\xa0week, 3\xa0days" in page


def test_assign_to_me_is_stored_and_audited(moderating, moderator):
    item = _submitted(2)
    response = moderating.post(
        reverse("moderation:assign", kwargs={"pk": item.pk}), {"query": "age=7&state="}
    )
    assert response.status_code == 302
    assert response.url == f"{QUEUE}?age=7&state="
    item.refresh_from_db()
    assert item.assigned_to == moderator
    record = AuditRecord.objects.for_object(item).last()
    assert (record.action, record.actor, record.from_status, record.to_status) == (
        Action.ASSIGN,
        moderator,
        "submitted",
        "submitted",
    )


def test_the_queue_shows_and_filters_what_is_assigned_to_me(moderating, moderator):
    mine = _submitted(2, title="Mine")
    _submitted(2, title="Nobody's")
    moderating.post(reverse("moderation:assign", kwargs={"pk": mine.pk}))
    assert _titles(moderating.get(QUEUE, {"assigned": "me"})) == ["Mine"]
    assert _titles(moderating.get(QUEUE, {"assigned": "none"})) == ["Nobody's"]
    assert "Assign to me" in moderating.get(QUEUE).content.decode()


def test_only_moderators_assign(client, submitter):
    item = _submitted(2)
    client.force_login(submitter)
    response = client.post(reverse("moderation:assign", kwargs={"pk": item.pk}))
    assert response.status_code in (302, 403, 404)
    item.refresh_from_db()
    assert item.assigned_to is None


def test_assigning_is_a_post(moderating):
    item = _submitted(2)
    assert moderating.get(reverse("moderation:assign", kwargs={"pk": item.pk})).status_code == 405


def test_a_posted_query_with_a_line_break_stays_inside_the_queue_address(moderating):
    item = _submitted(2)
    response = moderating.post(
        reverse("moderation:assign", kwargs={"pk": item.pk}), {"query": "a=1\r\nLocation: x"}
    )
    assert response.status_code == 302
    assert response.url.startswith(f"{QUEUE}?")
    assert "\n" not in response.url

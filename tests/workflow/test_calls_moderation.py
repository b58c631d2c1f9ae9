"""Moderators run calls for practices from their own pages: the list, create and edit forms,
"Open now" and "Close now"; every status change is audited; opening announces once, the
emails of a notice going to the queue together."""

import html5lib
import pytest
from celery.signals import task_prerun
from django.urls import reverse
from django.utils import timezone

from alerts import calls as call_notices
from moderation.models import Action, AuditRecord
from practices import call_workflow
from practices.calls import Call
from tests import factories

pytestmark = pytest.mark.django_db
S = Call.Status
DAY = timezone.timedelta(days=1)
LOCAL = "%Y-%m-%dT%H:%M"


def call_data(**overrides):
    now = timezone.now()
    data = {
        "title": "Diaspora investment",
        "description": "States are asked for their diaspora investment schemes.",
        "opens_at": (now - DAY).strftime(LOCAL),
        "closes_at": (now + 30 * DAY).strftime(LOCAL),
        "status": S.OPEN,
    }
    return {**data, **overrides}


def records(call):
    return list(AuditRecord.objects.for_object(call).values_list("action", "actor_name"))


@pytest.fixture
def tasks_run():
    """The names of the Celery tasks run (eagerly, as in every test without a broker)."""
    names = []

    def count(sender=None, **kwargs):
        names.append(sender.name)

    task_prerun.connect(count, weak=False)
    yield names
    task_prerun.disconnect(count)


def test_a_moderator_creates_a_call_that_appears_on_the_public_page_once_open(
    client, moderator, django_capture_on_commit_callbacks
):
    theme = factories.ThemeFactory(name="Remittances")
    objective = factories.GcmObjectiveFactory(number=19)
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("moderation:call_create"),
            call_data(themes=[theme.pk], gcm_objectives=[objective.pk]),
        )
    assert response.status_code == 302
    call = Call.objects.get()
    assert call.slug == "diaspora-investment" and call.status == S.OPEN
    assert list(call.themes.all()) == [theme] and list(call.gcm_objectives.all()) == [objective]
    assert "Diaspora investment" in client.get(reverse("calls:call_list")).content.decode()
    assert client.get(call.get_absolute_url()).status_code == 200


def test_a_draft_call_stays_off_the_public_page(client, moderator):
    client.force_login(moderator)
    client.post(reverse("moderation:call_create"), call_data(status=S.DRAFT), follow=True)
    call = Call.objects.get()
    assert call.status == S.DRAFT
    assert "Diaspora investment" not in client.get(reverse("calls:call_list")).content.decode()
    assert "Diaspora investment" in client.get(reverse("moderation:call_list")).content.decode()


def test_a_call_closing_before_it_opens_is_refused_with_a_message(client, moderator):
    client.force_login(moderator)
    now = timezone.now()
    response = client.post(
        reverse("moderation:call_create"),
        call_data(opens_at=(now + 9 * DAY).strftime(LOCAL), closes_at=(now + DAY).strftime(LOCAL)),
    )
    assert response.status_code == 400
    assert "The closing time must be after the opening time." in response.content.decode()
    assert not Call.objects.exists()


def test_an_edit_refused_keeps_what_was_typed(client, moderator):
    call = factories.CallFactory(title="Before")
    client.force_login(moderator)
    typed = call_data(
        title="Typed title",
        description="Typed description.",
        closes_at=(call.opens_at - DAY).strftime(LOCAL),
    )
    response = client.post(reverse("moderation:call_edit", args=[call.pk]), typed)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="Typed title"' in html and "Typed description." in html
    assert "what you typed has been kept" in html
    call.refresh_from_db()
    assert call.title == "Before"


def test_opening_a_call_whose_deadline_has_passed_is_refused_with_a_message(client, moderator):
    call = factories.CallFactory(
        status=S.CLOSED, opens_at=timezone.now() - 9 * DAY, closes_at=timezone.now() - DAY
    )
    client.force_login(moderator)
    response = client.post(reverse("moderation:call_open", args=[call.pk]), follow=True)
    assert "Its closing time has passed" in response.content.decode()
    call.refresh_from_db()
    assert call.status == S.CLOSED and records(call) == []


def test_an_announced_call_cannot_go_back_to_draft(client, moderator):
    call = factories.CallFactory(announced_at=timezone.now())
    client.force_login(moderator)
    response = client.post(
        reverse("moderation:call_edit", args=[call.pk]), call_data(status=S.DRAFT)
    )
    assert response.status_code == 400
    assert "announced already" in response.content.decode()
    call.refresh_from_db()
    assert call.status == S.OPEN


@pytest.mark.parametrize("role", ["anonymous", "submitter", "reader"])
def test_who_is_not_a_moderator_is_refused_every_call_page(client, role, submitter):
    call = factories.CallFactory(status=S.DRAFT)
    if role == "submitter":
        client.force_login(submitter)
    elif role == "reader":
        client.force_login(factories.UserFactory())
    expected = 302 if role == "anonymous" else 403
    for name, args in [("call_list", []), ("call_create", []), ("call_edit", [call.pk])]:
        assert client.get(reverse(f"moderation:{name}", args=args)).status_code == expected
        response = client.post(reverse(f"moderation:{name}", args=args), call_data())
        assert response.status_code == expected
    for name in ["call_open", "call_close"]:
        assert client.post(reverse(f"moderation:{name}", args=[call.pk])).status_code == expected
    call.refresh_from_db()
    assert call.status == S.DRAFT and Call.objects.count() == 1


def test_a_state_user_cannot_open_or_close_a_call(client, submitter):
    draft = factories.CallFactory(status=S.DRAFT)
    running = factories.CallFactory()
    client.force_login(submitter)
    assert client.post(reverse("moderation:call_open", args=[draft.pk])).status_code == 403
    assert client.post(reverse("moderation:call_close", args=[running.pk])).status_code == 403
    draft.refresh_from_db()
    running.refresh_from_db()
    assert draft.status == S.DRAFT and running.status == S.OPEN
    assert not AuditRecord.objects.exists()


def test_the_actions_need_a_post_with_a_csrf_token(moderator):
    from django.test import Client

    call = factories.CallFactory(status=S.DRAFT)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(moderator)
    assert strict.get(reverse("moderation:call_open", args=[call.pk])).status_code == 405
    assert strict.post(reverse("moderation:call_open", args=[call.pk])).status_code == 403
    assert strict.post(reverse("moderation:call_create"), call_data()).status_code == 403
    call.refresh_from_db()
    assert call.status == S.DRAFT and Call.objects.count() == 1


def test_every_status_change_is_written_to_the_audit_trail(client, moderator):
    client.force_login(moderator)
    name = moderator.get_username()
    client.post(reverse("moderation:call_create"), call_data(status=S.DRAFT))
    call = Call.objects.get()
    client.post(reverse("moderation:call_open", args=[call.pk]))
    client.post(reverse("moderation:call_close", args=[call.pk]))
    call.refresh_from_db()
    assert call.status == S.CLOSED and call.closes_at <= timezone.now()
    assert not call.accepts_answers()
    assert records(call) == [
        (Action.CALL_CREATE, name),
        (Action.CALL_OPEN, name),
        (Action.CALL_CLOSE, name),
    ]
    opened = AuditRecord.objects.for_object(call).get(action=Action.CALL_OPEN)
    assert (opened.from_status, opened.to_status, opened.actor) == (S.DRAFT, S.OPEN, moderator)
    page = client.get(reverse("moderation:call_edit", args=[call.pk])).content.decode()
    assert "Call opened" in page and "Call closed" in page


def test_a_call_closing_at_its_deadline_is_recorded_without_an_actor(client, moderator):
    due = factories.CallFactory(opens_at=timezone.now() - 9 * DAY, closes_at=timezone.now() - DAY)
    assert call_workflow.close_due_calls() == [due]
    [record] = AuditRecord.objects.for_object(due)
    assert (record.action, record.actor, record.actor_name) == (Action.CALL_CLOSE, None, "")
    assert (record.from_status, record.to_status) == (S.OPEN, S.CLOSED)
    client.force_login(moderator)
    page = client.get(reverse("moderation:call_edit", args=[due.pk])).content.decode()
    assert "the platform, at the deadline" in page


def test_opening_a_call_announces_it_once(
    client, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    member = factories.SubmitterFactory(states=[factories.StateFactory()], email="m@example.org")
    call = factories.CallFactory(status=S.DRAFT, opens_at=timezone.now() + DAY)
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("moderation:call_open", args=[call.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("moderation:call_edit", args=[call.pk]), call_data(title="Renamed"))
    with django_capture_on_commit_callbacks(execute=True):
        call_notices.announce_open_calls()
    assert [email.to for email in mailoutbox] == [[member.email]]
    call.refresh_from_db()
    assert call.opens_at <= timezone.now() and call.announced_at is not None


def test_a_call_opening_later_is_announced_when_its_time_comes(
    client, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    factories.SubmitterFactory(states=[factories.StateFactory()], email="m@example.org")
    client.force_login(moderator)
    later = timezone.now() + 2 * DAY
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("moderation:call_create"), call_data(opens_at=later.strftime(LOCAL)))
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        call_notices.announce_open_calls(now=later + DAY)
    assert len(mailoutbox) == 1


def test_a_notice_to_several_addresses_is_queued_as_one_task(
    tasks_run, mailoutbox, django_capture_on_commit_callbacks
):
    for number in range(3):
        factories.SubmitterFactory(
            states=[factories.StateFactory()], email=f"member{number}@example.org"
        )
    factories.CallFactory()
    with django_capture_on_commit_callbacks(execute=True):
        call_notices.announce_open_calls()
    assert tasks_run == ["moderation.send_emails"]
    assert sorted(email.to[0] for email in mailoutbox) == [
        f"member{number}@example.org" for number in range(3)
    ]


def test_the_reminder_shares_the_announcement_code_and_goes_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    factories.SubmitterFactory(states=[factories.StateFactory()], email="m@example.org")
    call = factories.CallFactory(closes_at=timezone.now() + 3 * DAY, announced_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert call_notices.send_notices(call_notices.REMINDER) == [call]
        assert call_notices.send_notices(call_notices.REMINDER) == []
    assert [email.subject for email in mailoutbox] == [f"[GFMD] One week left: {call.title}"]


def test_the_admin_saves_a_call_through_the_workflow(
    client, admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    factories.SubmitterFactory(states=[factories.StateFactory()], email="m@example.org")
    now = timezone.now()
    client.force_login(admin_user)
    data = {
        "slug": "admin-call",
        "title": "Admin call",
        "description": "Made in the admin.",
        "opens_at_0": (now - DAY).strftime("%Y-%m-%d"),
        "opens_at_1": "00:00:00",
        "closes_at_0": (now + 9 * DAY).strftime("%Y-%m-%d"),
        "closes_at_1": "00:00:00",
        "status": S.OPEN,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:practices_call_add"), data)
    assert response.status_code == 302
    call = Call.objects.get()
    assert [action for action, _name in records(call)] == [Action.CALL_CREATE, Action.CALL_OPEN]
    assert len(mailoutbox) == 1
    data.update(closes_at_0=(now - 2 * DAY).strftime("%Y-%m-%d"))
    response = client.post(reverse("admin:practices_call_change", args=[call.pk]), data)
    assert "The closing time must be after the opening time." in response.content.decode()


def test_the_moderators_list_shows_every_call_with_its_published_answers(
    client, moderator, django_assert_num_queries
):
    client.force_login(moderator)
    client.get(reverse("moderation:call_list"))
    answered = factories.CallFactory(title="Answered call")
    factories.PracticeFactory(in_response_to=answered)
    factories.PracticeFactory(
        in_response_to=answered, status=factories.Practice.Status.DRAFT, published_at=None
    )
    factories.CallFactory(title="Draft call", status=S.DRAFT)
    factories.CallFactory(title="Past call", status=S.CLOSED)
    # The session, the user, their permissions (2) and the calls with their counts.
    with django_assert_num_queries(5):
        response = client.get(reverse("moderation:call_list"))
    html = response.content.decode()
    assert "Answered call" in html and "Draft call" in html and "Past call" in html
    counts = {call.title: call.answer_count for call in response.context["calls"]}
    assert counts == {"Answered call": 1, "Draft call": 0, "Past call": 0}
    for _ in range(3):
        factories.CallFactory()
    with django_assert_num_queries(5):
        client.get(reverse("moderation:call_list"))


def test_the_queue_page_links_to_the_calls(client, moderator):
    client.force_login(moderator)
    html = client.get(reverse("moderation:queue")).content.decode()
    assert reverse("moderation:call_list") in html


def test_the_moderators_call_pages_parse_without_error_as_html5(client, moderator):
    call = factories.CallFactory(announced_at=timezone.now())
    call_workflow.close_due_calls(now=call.closes_at)
    client.force_login(moderator)
    pages = {
        "list": client.get(reverse("moderation:call_list")),
        "new": client.get(reverse("moderation:call_create")),
        "edit": client.get(reverse("moderation:call_edit", args=[call.pk])),
        "refused": client.post(reverse("moderation:call_create"), call_data(closes_at="")),
    }
    parser = html5lib.HTMLParser(strict=True)
    for name, response in pages.items():
        try:
            parser.parse(response.content.decode())
        except html5lib.html5parser.ParseError as error:
            pytest.fail(f"{name}: {error}")


def test_open_now_opens_at_once_a_call_scheduled_to_open_later(client, moderator):
    call = factories.CallFactory(opens_at=timezone.now() + 3 * DAY)
    client.force_login(moderator)
    assert "Open now" in client.get(reverse("moderation:call_list")).content.decode()
    client.post(reverse("moderation:call_open", args=[call.pk]))
    call.refresh_from_db()
    assert call.opens_at <= timezone.now() and call.accepts_answers()
    assert [action for action, _name in records(call)] == [Action.CALL_OPEN]
    response = client.post(reverse("moderation:call_open", args=[call.pk]), follow=True)
    assert "is “Open” already" in response.content.decode()


def test_a_status_left_as_shown_keeps_another_moderators_change_made_meanwhile(client, moderator):
    call = factories.CallFactory(status=S.DRAFT, title="Before")
    client.force_login(moderator)
    shown = client.get(reverse("moderation:call_edit", args=[call.pk])).context["form"]
    assert shown["seen_status"].value() == S.DRAFT
    call_workflow.open_call(call, by=factories.UserFactory())
    data = call_data(title="Renamed", status=S.DRAFT, seen_status=S.DRAFT)
    assert client.post(reverse("moderation:call_edit", args=[call.pk]), data).status_code == 302
    call.refresh_from_db()
    assert (call.title, call.status) == ("Renamed", S.OPEN)


def test_a_status_change_on_a_call_changed_meanwhile_is_refused_and_the_input_kept(
    client, moderator
):
    call = factories.CallFactory(status=S.DRAFT, title="Before")
    call_workflow.open_call(call, by=factories.UserFactory())
    client.force_login(moderator)
    data = call_data(title="Typed title", status=S.CLOSED, seen_status=S.DRAFT)
    response = client.post(reverse("moderation:call_edit", args=[call.pk]), data)
    html = response.content.decode()
    assert response.status_code == 409
    assert "This call changed in the meantime" in html and 'value="Typed title"' in html
    assert response.context["form"]["seen_status"].value() == S.OPEN
    call.refresh_from_db()
    assert (call.title, call.status) == ("Before", S.OPEN)

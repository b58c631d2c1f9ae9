"""Calls for practices: pages, "In response to", late answers refused, closing by itself,
notices when a call opens and a week before it closes, counts, and the API."""

import pytest
from django.urls import reverse
from django.utils import timezone

from alerts import calls as call_notices
from alerts import tasks
from alerts.models import NoticePreference
from practices.call_workflow import close_due_calls
from practices.calls import Call
from practices.models import Practice
from tests import factories
from tests.alerts.factories import saved_search

pytestmark = pytest.mark.django_db
S = Practice.Status
DAY = timezone.timedelta(days=1)


def test_the_calls_page_lists_open_and_past_calls_but_no_draft(client, make_call):
    make_call(title="An open call")
    make_call(title="A past call", status=Call.Status.CLOSED)
    make_call(title="A draft call", status=Call.Status.DRAFT)
    html = client.get(reverse("calls:call_list")).content.decode()
    assert "An open call" in html and "A past call" in html
    assert "A draft call" not in html


def test_a_draft_call_page_is_a_404(client, make_call):
    call = make_call(status=Call.Status.DRAFT)
    assert client.get(call.get_absolute_url()).status_code == 404


def test_a_call_page_shows_its_deadline_and_the_published_answers_only(client, make_call):
    call = make_call()
    factories.PracticeFactory(title="Published answer", in_response_to=call)
    factories.PracticeFactory(
        title="Draft answer", in_response_to=call, status=S.DRAFT, published_at=None
    )
    html = client.get(call.get_absolute_url()).content.decode()
    assert "Published answer" in html and "Draft answer" not in html
    assert call.closes_at.strftime("%Y") in html and "Deadline" in html


def test_the_submission_form_offers_open_calls_only(client, submitter, make_call):
    open_call = make_call(title="Open one")
    make_call(title="Closed one", status=Call.Status.CLOSED)
    make_call(title="Not yet", opens_at=timezone.now() + DAY, closes_at=timezone.now() + 9 * DAY)
    client.force_login(submitter)
    form = client.get(reverse("workflow:practice_create")).context["form"]
    assert list(form.fields["in_response_to"].queryset) == [open_call]


def test_a_new_answer_to_an_open_call_is_saved(client, submitter, make_call, form_data):
    call = make_call()
    client.force_login(submitter)
    response = client.post(reverse("workflow:practice_create"), form_data(in_response_to=call.pk))
    assert response.status_code == 302
    assert Practice.objects.get().in_response_to == call


def test_an_answer_after_the_deadline_is_refused_with_a_message(
    client, submitter, make_call, form_data
):
    call = make_call(opens_at=timezone.now() - 9 * DAY, closes_at=timezone.now() - DAY)
    client.force_login(submitter)
    response = client.post(reverse("workflow:practice_create"), form_data(in_response_to=call.pk))
    assert response.status_code == 400
    assert "accepts no new answers" in response.content.decode()
    assert not Practice.objects.exists()


def test_a_draft_linked_before_the_deadline_stays_linked(
    client, submitter, make_call, make_practice, form_data
):
    call = make_call()
    draft = make_practice(in_response_to=call)
    call.closes_at = timezone.now() - timezone.timedelta(seconds=1)
    call.save()
    close_due_calls()
    client.force_login(submitter)
    url = reverse("workflow:practice_edit", kwargs={"pk": draft.pk})
    response = client.post(url, form_data(draft, in_response_to=call.pk, summary="Edited."))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.in_response_to == call and draft.summary == "Edited."


def test_a_call_closes_by_itself_after_its_deadline(make_call):
    due = make_call(opens_at=timezone.now() - 9 * DAY, closes_at=timezone.now() - DAY)
    running = make_call()
    assert tasks.update_calls.delay().get()["closed"] == 1
    due.refresh_from_db()
    running.refresh_from_db()
    assert due.status == Call.Status.CLOSED and running.status == Call.Status.OPEN
    assert not due.accepts_answers()


def test_when_a_call_opens_followers_and_state_members_are_told_once(
    make_call, remittances, mailoutbox, django_capture_on_commit_callbacks
):
    saved_search("theme=remittances", email="follower@example.org")
    member = factories.SubmitterFactory(states=[factories.StateFactory()], email="m@example.org")
    quiet = factories.SubmitterFactory(states=[factories.StateFactory()], email="q@example.org")
    NoticePreference.objects.create(user=quiet, call_notices=False)
    call = make_call(themes=[remittances], title="Diaspora investment")
    with django_capture_on_commit_callbacks(execute=True):
        call_notices.announce_open_calls()
        call_notices.announce_open_calls()
    told = sorted(address for email in mailoutbox for address in email.to)
    assert told == ["follower@example.org", member.email]
    assert all("Diaspora investment" in email.subject for email in mailoutbox)
    assert all("List-Unsubscribe" in email.extra_headers for email in mailoutbox)
    call.refresh_from_db()
    assert call.announced_at is not None


def test_a_member_opts_out_of_call_notices_with_the_link_of_a_notice(
    client, make_call, mailoutbox, django_capture_on_commit_callbacks
):
    member = factories.SubmitterFactory(states=[factories.StateFactory()], email="m@example.org")
    make_call()
    with django_capture_on_commit_callbacks(execute=True):
        call_notices.announce_open_calls()
    [email] = mailoutbox
    link = email.extra_headers["List-Unsubscribe"][1:-1].split("://", 1)[1].split("/", 1)[1]
    assert client.post("/" + link).status_code == 200
    assert NoticePreference.objects.get(user=member).call_notices is False


def test_a_reminder_goes_once_a_week_before_the_deadline(
    make_call, mailoutbox, django_capture_on_commit_callbacks
):
    factories.SubmitterFactory(states=[factories.StateFactory()], email="m@example.org")
    soon = make_call(closes_at=timezone.now() + 5 * DAY, title="Closing soon")
    make_call(closes_at=timezone.now() + 20 * DAY, title="Closing later")
    with django_capture_on_commit_callbacks(execute=True):
        call_notices.announce_open_calls()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.remind_closing_calls.delay()
        tasks.remind_closing_calls.delay()
    assert [email.subject for email in mailoutbox] == ["[GFMD] One week left: Closing soon"]
    soon.refresh_from_db()
    assert soon.reminded_at is not None


def test_a_closed_call_shows_counts_by_region_and_theme(client, make_call, remittances):
    call = make_call(status=Call.Status.CLOSED)
    state = factories.StateFactory()
    for _ in range(2):
        factories.PracticeFactory(in_response_to=call, lead_state=state, themes=[remittances])
    html = client.get(call.get_absolute_url()).content.decode()
    assert "Answers by region" in html
    assert f"{state.region.display_name}: 2" in html
    assert "Remittances: 2" in html


def test_the_api_lists_calls_and_the_practices_answering_each(
    client, make_call, remittances, django_assert_num_queries
):
    call = make_call(themes=[remittances])
    make_call(status=Call.Status.DRAFT)
    factories.PracticeFactory(in_response_to=call, title="An answer")
    factories.PracticeFactory(in_response_to=call, status=S.DRAFT, published_at=None)
    with django_assert_num_queries(4):
        listing = client.get("/api/v1/calls/")
    assert listing.status_code == 200
    [item] = listing.json()["results"]
    assert item["slug"] == call.slug and item["themes"][0]["slug"] == "remittances"
    answers = client.get(item["practices_url"])
    assert [row["title"] for row in answers.json()["results"]] == ["An answer"]
    assert client.get("/api/v1/calls/no-such-call/").status_code == 404
    draft = Call.objects.get(status=Call.Status.DRAFT)
    assert client.get(f"/api/v1/calls/{draft.slug}/").status_code == 404
    assert client.get(f"/api/v1/calls/{draft.slug}/practices/").status_code == 404
    csv = client.get("/api/v1/calls/?format=csv")
    assert csv.status_code == 200 and call.slug in csv.content.decode()


def test_the_calls_api_is_in_the_openapi_schema(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    assert "/api/v1/calls/" in schema["paths"]
    assert "/api/v1/calls/{slug}/practices/" in schema["paths"]

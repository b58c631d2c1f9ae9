"""A living record: the State is asked, a year after publication, whether its practice is still
current; its answer is shown on the practice page and in the API, at once."""

from datetime import timedelta

import html5lib
import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from moderation.models import Action, AuditRecord
from practices import currency, tasks
from practices.living import CurrencyConfirmation, CurrencyRequest
from practices.models import Practice
from tests import factories

pytestmark = pytest.mark.django_db

YEAR_AGO = timedelta(days=370)


@pytest.fixture
def old_practice(state, submitter):
    return factories.PracticeFactory(
        lead_state=state,
        title="Diaspora bonds",
        published_at=timezone.now() - YEAR_AGO,
    )


def answer_url(practice):
    return reverse("workflow:currency_answer", kwargs={"pk": practice.pk})


def run_check(capture):
    with capture(execute=True):
        return tasks.ask_about_currency()


def test_the_state_is_asked_once_twelve_months_after_publication(
    old_practice, submitter, mailoutbox, django_capture_on_commit_callbacks
):
    assert run_check(django_capture_on_commit_callbacks) == {"asked": 1}

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [submitter.email]
    assert "Diaspora bonds" in email.body
    assert answer_url(old_practice) in email.body
    assert CurrencyRequest.objects.filter(practice=old_practice).count() == 1


def test_a_practice_published_less_than_twelve_months_ago_is_not_asked_about(
    state, submitter, mailoutbox, django_capture_on_commit_callbacks
):
    factories.PracticeFactory(lead_state=state, published_at=timezone.now() - timedelta(days=300))

    assert run_check(django_capture_on_commit_callbacks) == {"asked": 0}
    assert mailoutbox == []


def test_a_second_run_or_a_retry_asks_nothing_twice(
    old_practice, submitter, mailoutbox, django_capture_on_commit_callbacks
):
    run_check(django_capture_on_commit_callbacks)
    assert run_check(django_capture_on_commit_callbacks) == {"asked": 0}
    assert len(mailoutbox) == 1


def test_an_unanswered_question_is_asked_again_a_period_later(
    old_practice, submitter, mailoutbox, django_capture_on_commit_callbacks
):
    CurrencyRequest.objects.create(practice=old_practice, asked_at=timezone.now() - YEAR_AGO)

    assert run_check(django_capture_on_commit_callbacks) == {"asked": 1}


def test_an_answer_starts_a_new_period(old_practice, submitter, mailoutbox):
    currency.answer(old_practice, by=submitter, status=currency.Answer.STILL_RUNNING)

    assert currency.due_practices().count() == 0


def test_the_check_period_comes_from_the_settings(old_practice, settings):
    settings.CURRENCY_CHECK_MONTHS = 24

    assert currency.due_practices().count() == 0


def test_only_members_of_that_state_get_the_email_and_see_no_other_address(
    old_practice,
    state,
    submitter,
    other_submitter,
    moderator,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    colleague = factories.SubmitterFactory(states=[state])

    run_check(django_capture_on_commit_callbacks)

    assert sorted(email.to[0] for email in mailoutbox) == sorted([submitter.email, colleague.email])
    for email in mailoutbox:
        assert len(email.to) == 1 and not email.cc and not email.bcc
        others = {submitter.email, colleague.email, other_submitter.email, moderator.email}
        for address in others - set(email.to):
            assert address not in email.body


def test_a_state_without_members_is_not_marked_asked(
    other_state, mailoutbox, django_capture_on_commit_callbacks
):
    lonely = factories.PracticeFactory(
        lead_state=factories.StateFactory(), published_at=timezone.now() - YEAR_AGO
    )

    assert run_check(django_capture_on_commit_callbacks) == {"asked": 0}
    assert not CurrencyRequest.objects.filter(practice=lonely).exists()


def test_a_member_answers_and_the_answer_is_audited(client, old_practice, submitter):
    client.force_login(submitter)
    assert client.get(answer_url(old_practice)).status_code == 200

    response = client.post(
        answer_url(old_practice), {"status": "still_running", "note": "Funded to 2027."}
    )

    assert response.status_code == 302
    confirmation = CurrencyConfirmation.objects.get(practice=old_practice)
    assert confirmation.status == "still_running"
    assert confirmation.answered_by == submitter
    assert confirmation.note == "Funded to 2027."
    record = AuditRecord.objects.get(
        content_type=ContentType.objects.get_for_model(Practice), object_id=old_practice.pk
    )
    assert record.action == Action.CONFIRM_CURRENCY
    assert "Funded to 2027." in record.comment


def test_completed_records_the_answer_without_changing_the_stage(old_practice, submitter):
    old_practice.stage = Practice.Stage.ONGOING
    old_practice.save()

    currency.answer(old_practice, by=submitter, status=currency.Answer.COMPLETED)

    old_practice.refresh_from_db()
    assert old_practice.stage == Practice.Stage.ONGOING
    assert old_practice.status == Practice.Status.PUBLISHED


def test_an_answer_without_a_choice_keeps_the_note_and_says_what_is_missing(
    client, old_practice, submitter
):
    client.force_login(submitter)
    response = client.post(answer_url(old_practice), {"note": "Kept text"})

    assert response.status_code == 400
    assert "Kept text" in response.content.decode()
    assert not CurrencyConfirmation.objects.exists()


def test_the_answer_page_is_404_for_another_states_member(client, old_practice, other_submitter):
    client.force_login(other_submitter)

    assert client.get(answer_url(old_practice)).status_code == 404
    assert client.post(answer_url(old_practice), {"status": "completed"}).status_code == 404
    assert not CurrencyConfirmation.objects.exists()


def test_the_answer_page_sends_anonymous_visitors_to_sign_in(client, old_practice):
    response = client.get(answer_url(old_practice))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_answer_shows_on_the_cached_practice_page_at_once(client, old_practice, submitter):
    url = old_practice.get_absolute_url()
    assert "Last confirmed" in client.get(url).content.decode()

    currency.answer(old_practice, by=submitter, status=currency.Answer.STILL_RUNNING)

    html = client.get(url).content.decode()
    assert f"Still running, confirmed by {old_practice.lead_state.display_name} on" in html
    assert "Last confirmed" not in html


@pytest.mark.parametrize(
    ("status", "shown"),
    [("completed", "Completed (confirmed"), ("update_coming", "Update coming (")],
)
def test_each_answer_is_shown_with_its_date(client, old_practice, submitter, status, shown):
    currency.answer(old_practice, by=submitter, status=status)

    html = client.get(old_practice.get_absolute_url()).content.decode()
    assert shown in html
    assert timezone.now().strftime("%Y-%m-%d") in html


def test_an_unanswered_practice_shows_its_publication_as_last_confirmed(client, old_practice):
    html = client.get(old_practice.get_absolute_url()).content.decode()

    assert "Last confirmed" in html
    assert f'datetime="{old_practice.published_at:%Y-%m-%d}"' in html


def test_the_papers_practices_show_no_invented_confirmation(client, state):
    paper = factories.PracticeFactory(
        lead_state=state, origin=Practice.Origin.PAPER, source_year=2008
    )

    html = client.get(paper.get_absolute_url()).content.decode()

    assert "Reported in 2008, not confirmed since" in html
    assert "Last confirmed" not in html
    assert "confirmed by" not in html


def test_the_api_gives_the_currency(client, old_practice, submitter, state):
    paper = factories.PracticeFactory(
        lead_state=state, origin=Practice.Origin.PAPER, source_year=2008
    )
    detail = f"/api/v1/practices/{old_practice.uuid}/"
    assert client.get(detail).json()["currency"]["status"] is None

    confirmation = currency.answer(old_practice, by=submitter, status="update_coming")

    body = client.get(detail).json()["currency"]
    assert body["status"] == "update_coming"
    assert body["confirmed_at"][:10] == f"{confirmation.answered_at:%Y-%m-%d}"
    listed = {
        item["slug"]: item["currency"]
        for item in client.get("/api/v1/practices/").json()["results"]
    }
    assert listed[paper.slug] == {"status": None, "confirmed_at": None}
    assert listed[old_practice.slug]["status"] == "update_coming"


def test_the_answer_page_is_valid_html(client, old_practice, submitter):
    client.force_login(submitter)
    html = client.get(answer_url(old_practice)).content.decode()

    assert "<legend" in html  # the three choices are a labelled group
    html5lib.HTMLParser(strict=True).parse(html)


def test_an_answer_leaves_the_texts_version_alone(old_practice, submitter):
    before = old_practice.version

    currency.answer(old_practice, by=submitter, status=currency.Answer.STILL_RUNNING)

    old_practice.refresh_from_db()
    assert old_practice.version == before


def test_a_draft_has_no_answer_page(client, state, submitter):
    draft = factories.PracticeFactory(lead_state=state, status="draft", published_at=None)
    client.force_login(submitter)

    assert client.get(answer_url(draft)).status_code == 404


def test_staff_read_the_answers_and_questions_in_the_admin(
    client, admin_user, old_practice, submitter
):
    currency.answer(old_practice, by=submitter, status=currency.Answer.COMPLETED)
    CurrencyRequest.objects.create(practice=old_practice, asked_at=timezone.now())
    client.force_login(admin_user)

    answers = client.get(reverse("admin:practices_currencyconfirmation_changelist"))
    asked = client.get(reverse("admin:practices_currencyrequest_changelist"))

    assert answers.status_code == asked.status_code == 200
    assert "Diaspora bonds" in answers.content.decode()

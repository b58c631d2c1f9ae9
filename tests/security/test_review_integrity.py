"""Review integrity: a decision applies to the content the moderator reviewed (ASVS V11.1.6),
and the moderator who submitted a version cannot publish it alone (four-eyes)."""

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.urls import reverse

from moderation.models import AuditRecord
from practices import workflow
from practices.models import Attachment, Practice
from questionnaires import workflow as questionnaire_workflow
from questionnaires.models import Question, Response, Round
from tests import factories

S = Practice.Status
pytestmark = pytest.mark.django_db


def review_url(practice):
    return reverse("moderation:review", kwargs={"pk": practice.pk})


def post_data(form, **overrides):
    """What a browser sends for ``form`` as rendered, with ``overrides``."""
    data = {}
    for field in form:
        value = field.value()
        if value is None:
            continue
        data[field.html_name] = [str(v) for v in value] if isinstance(value, list) else value
    data.update(overrides)
    return data


@pytest.fixture
def submitted(state, submitter):
    """A practice of ``state`` that ``submitter`` wrote and sent for review."""
    practice = factories.PracticeFactory(
        lead_state=state, created_by=submitter, status=S.DRAFT, title="Original title"
    )
    workflow.submit(practice, by=submitter)
    return practice


def edit_and_resubmit(client, practice, **changes):
    """Withdraw, edit and resubmit through the submitter's pages, as a browser would."""
    client.post(reverse("workflow:practice_withdraw", kwargs={"pk": practice.pk}))
    edit = reverse("workflow:practice_edit", kwargs={"pk": practice.pk})
    form = client.get(edit).context["form"]
    saved = client.post(edit, post_data(form, **changes))
    assert saved.status_code == 302, saved.content.decode()[:2000]
    client.post(reverse("workflow:practice_submit", kwargs={"pk": practice.pk}))
    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED


def test_approving_text_changed_since_the_review_page_opened_is_refused_with_the_diff(
    client, moderator, submitter, submitted
):
    client.force_login(moderator)
    seen = post_data(client.get(review_url(submitted)).context["form"], action="approve")
    client.force_login(submitter)
    edit_and_resubmit(
        client, submitted, title="Swapped title", summary="A summary nobody reviewed."
    )

    client.force_login(moderator)
    response = client.post(review_url(submitted), seen)

    assert response.status_code == 409
    page = response.content.decode()
    assert "changed after you opened it" in page
    assert "Original title" in page and "Swapped title" in page
    assert "A summary nobody reviewed." in page
    assert [c.label for c in response.context["stale_changes"]] == ["title", "summary"]
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED
    assert not AuditRecord.objects.for_object(submitted).filter(action="approve").exists()


def test_after_a_stale_refusal_the_renewed_page_approves_what_it_now_shows(
    client, moderator, submitter, submitted
):
    client.force_login(moderator)
    seen = post_data(client.get(review_url(submitted)).context["form"], action="approve")
    client.force_login(submitter)
    edit_and_resubmit(client, submitted, title="Swapped title")
    client.force_login(moderator)
    refused = client.post(review_url(submitted), seen)

    again = client.post(review_url(submitted), post_data(refused.context["form"], action="approve"))

    assert again.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.status, submitted.title) == (S.PUBLISHED, "Swapped title")


@pytest.mark.parametrize("action", ["approve", "request_changes", "reject"])
def test_every_decision_on_changed_content_is_refused_by_the_workflow(
    action, moderator, submitter, submitted
):
    reviewed = workflow.content_fingerprint(submitted)
    workflow.withdraw(submitted, by=submitter)
    Practice.objects.filter(pk=submitted.pk).update(summary="Changed behind the review.")
    workflow.submit(submitted, by=submitter)

    with pytest.raises(workflow.StaleReview):
        workflow.decide(
            submitted, action, by=moderator, comment="A reason.", reviewed_version=reviewed
        )

    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


def test_an_attachment_added_after_the_review_counts_as_a_change(
    moderator, submitter, submitted, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    reviewed = workflow.content_fingerprint(submitted)
    attachment = Attachment(
        practice=submitted, original_name="x.pdf", title="Annex", content_type="application/pdf"
    )
    attachment.size = 3
    attachment.file.save("x.pdf", ContentFile(b"%PD"), save=False)
    attachment.save()

    with pytest.raises(workflow.StaleReview):
        workflow.approve(submitted, by=moderator, reviewed_version=reviewed)


def test_a_decision_that_does_not_say_what_was_reviewed_is_refused(client, moderator, submitted):
    client.force_login(moderator)

    missing = client.post(review_url(submitted), {"action": "approve"})
    altered = client.post(review_url(submitted), {"action": "approve", "reviewed": "x:y:z"})

    assert (missing.status_code, altered.status_code) == (409, 409)
    assert "which version you reviewed" in missing.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


@pytest.fixture
def submitted_response(state, submitter):
    round = Round.objects.create(year=2031, title="Survey 2031", status=Round.Status.OPEN)
    question = Question.objects.create(
        round=round, order=1, code="Q1", text="Anything?", kind=Question.Kind.FREE_TEXT
    )
    response = questionnaire_workflow.save_answers(
        round=round, state=state, values={question: "First answer"}, by=submitter
    )
    questionnaire_workflow.submit(response, by=submitter)
    return response, question


def test_approving_answers_saved_since_they_were_read_is_refused(
    client, moderator, submitter, submitted_response
):
    response, question = submitted_response
    client.force_login(moderator)
    page = client.get(response.get_absolute_url()).content.decode()
    assert f'name="reviewed_version" value="{response.version}"' in page
    seen = response.version
    questionnaire_workflow.withdraw(response, by=submitter)
    questionnaire_workflow.save_answers(
        round=response.round, state=response.state, values={question: "Swapped"}, by=submitter
    )
    questionnaire_workflow.submit(response, by=submitter)
    url = reverse(
        "questionnaires:response_action",
        kwargs={"year": response.round.year, "state": response.state.slug},
    )

    result = client.post(url, {"action": "approve", "reviewed_version": seen}, follow=True)

    assert "The answers changed after you opened this response" in result.content.decode()
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED


# Four-eyes ---------------------------------------------------------------------------------


@pytest.fixture
def own_submission(state, moderator):
    """A practice a moderator wrote and submitted themselves."""
    practice = factories.PracticeFactory(lead_state=state, created_by=moderator, status=S.DRAFT)
    workflow.submit(practice, by=moderator)
    return practice


def test_a_moderator_cannot_approve_a_practice_they_submitted(client, moderator, own_submission):
    client.force_login(moderator)
    page = client.get(review_url(own_submission))
    assert "approve" not in [action.value for action in page.context["decisions"]]
    assert "another moderator must approve it" in page.content.decode()

    response = client.post(
        review_url(own_submission), post_data(page.context["form"], action="approve")
    )

    assert response.status_code == 409
    assert "four-eyes rule" in response.content.decode()
    own_submission.refresh_from_db()
    assert own_submission.status == S.SUBMITTED


def test_a_second_moderator_approves_what_the_first_submitted(client, moderator, own_submission):
    second = factories.UserFactory()
    second.groups.set(moderator.groups.all())
    client.force_login(second)
    form = client.get(review_url(own_submission)).context["form"]

    response = client.post(review_url(own_submission), post_data(form, action="approve"))

    assert response.status_code == 302
    own_submission.refresh_from_db()
    assert own_submission.status == S.PUBLISHED


def test_the_submitter_of_this_version_counts_not_the_author(moderator, submitter, own_submission):
    workflow.withdraw(own_submission, by=moderator)
    workflow.submit(own_submission, by=submitter)

    workflow.approve(own_submission, by=moderator)

    assert own_submission.status == S.PUBLISHED


def test_with_four_eyes_off_a_single_moderator_approves_their_own(
    client, moderator, own_submission, settings
):
    settings.FOUR_EYES = False
    client.force_login(moderator)
    form = client.get(review_url(own_submission)).context["form"]

    response = client.post(review_url(own_submission), post_data(form, action="approve"))

    assert response.status_code == 302
    own_submission.refresh_from_db()
    assert own_submission.status == S.PUBLISHED


def test_a_moderator_may_still_send_their_own_submission_back(moderator, own_submission):
    workflow.request_changes(own_submission, by=moderator, comment="Needs a second look.")

    assert own_submission.status == S.CHANGES_REQUESTED


def test_a_moderator_cannot_publish_a_questionnaire_response_they_submitted(
    moderator, state, submitted_response
):
    response, _question = submitted_response
    questionnaire_workflow.withdraw(response, by=moderator)
    questionnaire_workflow.submit(response, by=moderator)

    with pytest.raises(questionnaire_workflow.TransitionError, match="four-eyes"):
        questionnaire_workflow.approve(response, by=moderator)


def test_four_eyes_is_on_by_default():
    assert django_settings.FOUR_EYES is True

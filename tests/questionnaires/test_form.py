"""States answer a round through a web form: save part, come back, submit; only their own."""

import pytest
from django.urls import reverse

from moderation.models import AuditRecord
from questionnaires.models import Response, Round

from .factories import AnswerFactory, ResponseFactory


def edit_url(round, state):
    return reverse("questionnaires:response_edit", kwargs={"year": round.year, "state": state.slug})


@pytest.fixture
def signed_in(client, submitter):
    client.force_login(submitter)
    return client


def test_form_keeps_partial_answers_when_saved_and_resumed(signed_in, round, questions, state):
    saved = signed_in.post(
        edit_url(round, state),
        {"q_national-plan": "intends", "q_emphases": ["labour"], "q_obstacles": "No capacity."},
    )

    assert saved.status_code == 302
    response = Response.objects.get(round=round, state=state)
    assert response.status == Response.Status.DRAFT
    stored = {a.question.code: (a.choice, a.choices, a.text) for a in response.answers.all()}
    assert stored == {
        "national-plan": ("intends", [], ""),
        "emphases": ("", ["labour"], ""),
        "obstacles": ("", [], "No capacity."),
    }

    resumed = signed_in.get(edit_url(round, state))

    form = resumed.context["form"]
    assert form["q_national-plan"].value() == "intends"
    assert form["q_emphases"].value() == ["labour"]
    assert form["q_coordinating-unit"].value() in (None, "")
    html = resumed.content.decode()
    assert 'value="intends"' in html and "checked" in html
    assert "No capacity." in html


def test_saving_an_empty_value_clears_a_stored_answer(signed_in, round, questions, state):
    signed_in.post(edit_url(round, state), {"q_coordinating-unit": "yes"})
    response = Response.objects.get(round=round, state=state)

    signed_in.post(edit_url(round, state), {"q_coordinating-unit": "", "version": response.version})

    assert not response.answers.exists()


def test_submit_saves_then_sends_for_review(signed_in, round, questions, state, submitter):
    result = signed_in.post(edit_url(round, state), {"q_coordinating-unit": "yes", "submit": "1"})

    response = Response.objects.get(round=round, state=state)
    assert result.status_code == 302
    assert result["Location"] == response.get_absolute_url()
    assert response.status == Response.Status.SUBMITTED
    assert response.submitted_by == submitter
    assert response.submitted_at is not None
    assert AuditRecord.objects.for_object(response).get().action == "submit"


def test_submitting_nothing_is_refused_and_the_form_is_shown_again(
    signed_in, round, questions, state
):
    result = signed_in.post(edit_url(round, state), {"submit": "1"})

    assert result.status_code == 200
    assert "Answer at least one question" in result.content.decode()
    assert Response.objects.get(round=round, state=state).status == Response.Status.DRAFT


def test_invalid_choice_is_a_form_error_that_keeps_what_was_typed(
    signed_in, round, questions, state
):
    result = signed_in.post(
        edit_url(round, state), {"q_coordinating-unit": "maybe", "q_obstacles": "Kept text"}
    )

    assert result.status_code == 200
    assert result.context["form"].errors["q_coordinating-unit"]
    assert "Kept text" in result.content.decode()
    assert not Response.objects.exists()


def test_a_save_based_on_an_old_version_is_refused(signed_in, round, questions, state):
    signed_in.post(edit_url(round, state), {"q_coordinating-unit": "yes"})
    stale = Response.objects.get(round=round, state=state).version
    signed_in.post(edit_url(round, state), {"q_coordinating-unit": "no", "version": stale})

    result = signed_in.post(
        edit_url(round, state),
        {"q_coordinating-unit": "yes", "version": stale, "q_obstacles": "Mine"},
    )

    assert result.status_code == 200
    assert "in the meantime" in result.content.decode()
    assert "Mine" in result.content.decode()
    assert Response.objects.get().answers.get().choice == "no"


def test_submitted_response_is_no_longer_editable(signed_in, round, questions, state):
    ResponseFactory(round=round, state=state, status=Response.Status.SUBMITTED, published_at=None)

    result = signed_in.get(edit_url(round, state))

    assert result.status_code == 302


def test_a_closed_round_does_not_accept_new_answers(signed_in, round, questions, state):
    round.status = Round.Status.CLOSED
    round.save()

    assert signed_in.get(edit_url(round, state)).status_code == 404
    assert signed_in.post(edit_url(round, state), {"q_coordinating-unit": "yes"}).status_code == 404
    assert not Response.objects.exists()


def test_other_states_form_and_draft_are_not_found(signed_in, round, questions, other_state):
    draft = ResponseFactory(
        round=round, state=other_state, status=Response.Status.DRAFT, published_at=None
    )
    AnswerFactory(response=draft, question=questions["yes_no"])

    assert signed_in.get(edit_url(round, other_state)).status_code == 404
    assert (
        signed_in.post(edit_url(round, other_state), {"q_coordinating-unit": "no"}).status_code
        == 404
    )
    assert signed_in.get(draft.get_absolute_url()).status_code == 404
    assert draft.answers.get().choice == "yes"


def test_anonymous_visitors_are_sent_to_sign_in(client, round, questions, state):
    result = client.get(edit_url(round, state))

    assert result.status_code == 302
    assert "login" in result["Location"]


def test_moderator_may_answer_for_any_state(client, moderator, round, questions, other_state):
    client.force_login(moderator)

    result = client.post(edit_url(round, other_state), {"q_coordinating-unit": "yes"})

    assert result.status_code == 302
    assert Response.objects.get().state == other_state


def test_answer_start_sends_a_single_state_user_to_the_form(signed_in, round, state):
    result = signed_in.get(reverse("questionnaires:answer_start", kwargs={"year": round.year}))

    assert result["Location"] == edit_url(round, state)


def test_form_has_a_label_for_every_question(signed_in, round, questions, state):
    html = signed_in.get(edit_url(round, state)).content.decode()

    for question in questions.values():
        assert question.text in html
    assert html.count("<fieldset") >= 4  # radio and checkbox groups are grouped with a legend

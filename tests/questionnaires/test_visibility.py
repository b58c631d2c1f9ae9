"""Unpublished answers are never public: results page, CSV, API, State profile, detail page."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from questionnaires.models import Response

from .factories import AnswerFactory, ResponseFactory

SECRET = "Confidential draft wording"
UNPUBLISHED = [
    Response.Status.DRAFT,
    Response.Status.SUBMITTED,
    Response.Status.CHANGES_REQUESTED,
    Response.Status.REJECTED,
    Response.Status.ARCHIVED,
]


@pytest.fixture(autouse=True)
def clear_throttle_state():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(params=UNPUBLISHED)
def unpublished(request, round, questions, state):
    response = ResponseFactory(round=round, state=state, status=request.param, published_at=None)
    AnswerFactory(response=response, question=questions["text"], choice="", text=SECRET)
    AnswerFactory(response=response, question=questions["yes_no"], choice="no")
    return response


def test_results_page_does_not_show_or_count_unpublished_answers(client, unpublished, round):
    page = client.get(round.get_absolute_url())

    html = page.content.decode()
    assert SECRET not in html
    assert "0 / 0" not in html  # no chart at all: nothing published
    assert page.context["response_count"] == 0


def test_csv_does_not_count_unpublished_answers(client, unpublished, round):
    csv = client.get(
        reverse("questionnaires:round_results_csv", kwargs={"year": round.year})
    ).content.decode()

    assert SECRET not in csv
    assert ",computed_from_answers_held_here,0,0," in csv
    assert ",computed_from_answers_held_here,1," not in csv


def test_api_serves_no_unpublished_response_or_count(client, unpublished, round):
    responses = client.get("/api/v1/questionnaire-responses/").json()
    aggregates = client.get(f"/api/v1/questionnaire-aggregates/{round.year}/").json()

    assert responses["count"] == 0
    assert all(item["computed"]["answer_count"] == 0 for item in aggregates)
    assert client.get(f"/api/v1/questionnaire-responses/{unpublished.pk}/").status_code == 404


def test_state_profile_does_not_show_unpublished_answers(client, unpublished, state):
    html = client.get(state.get_absolute_url()).content.decode()

    assert SECRET not in html
    assert "Questionnaire answers" not in html


def test_unpublished_response_page_is_not_found_for_the_public(client, unpublished):
    assert client.get(unpublished.get_absolute_url()).status_code == 404


def test_unpublished_response_page_is_shown_to_its_own_state(client, submitter, unpublished):
    client.force_login(submitter)

    assert SECRET in client.get(unpublished.get_absolute_url()).content.decode()


def test_other_state_user_gets_not_found(client, other_submitter, unpublished):
    client.force_login(other_submitter)

    assert client.get(unpublished.get_absolute_url()).status_code == 404

"""API: rounds, questions, published responses and aggregates, read-only and anonymous."""

import pytest
from django.core.cache import cache
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from questionnaires.models import Response

from .factories import AnswerFactory, ResponseFactory, RoundFactory


@pytest.fixture(autouse=True)
def clear_throttle_state():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def published(round, questions, state):
    response = ResponseFactory(round=round, state=state)
    AnswerFactory(response=response, question=questions["intends"], choice="intends")
    return response


def test_rounds_are_listed_by_year(client, round):
    body = client.get("/api/v1/questionnaire-rounds/").json()

    assert [r["year"] for r in body["results"]] == [round.year]
    assert client.get(f"/api/v1/questionnaire-rounds/{round.year}/").json()["status"] == "open"


def test_questions_filter_by_round_and_list_their_options(client, round, questions):
    body = client.get(f"/api/v1/questionnaire-questions/?round={round.year}").json()

    by_code = {q["code"]: q for q in body["results"]}
    assert len(by_code) == 5
    assert [o["value"] for o in by_code["emphases"]["options"]] == ["diaspora", "labour"]
    assert by_code["national-plan"]["intends_years"] == 3


def test_published_responses_carry_their_answers(client, published, state):
    body = client.get(f"/api/v1/questionnaire-responses/?state={state.slug}").json()

    assert body["count"] == 1
    item = body["results"][0]
    assert item["state"]["slug"] == state.slug
    assert item["answers"] == [
        {
            "question": "national-plan",
            "choice": "intends",
            "choices": [],
            "text": "",
            "note": "",
            "source_section": "",
        }
    ]


def test_drafts_are_not_served_even_to_their_own_state(client, round, submitter, state):
    ResponseFactory(round=round, state=state, status=Response.Status.DRAFT, published_at=None)
    client.force_login(submitter)

    assert client.get("/api/v1/questionnaire-responses/").json()["count"] == 0


def test_aggregates_count_intends_as_its_own_option(client, round, published):
    body = client.get(f"/api/v1/questionnaire-aggregates/{round.year}/").json()

    plan = next(item for item in body if item["question"] == "national-plan")
    assert {o["value"]: o["count"] for o in plan["computed"]["options"]} == {
        "yes": 0,
        "intends": 1,
        "no": 0,
    }


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/questionnaire-aggregates/2031/?region=atlantis",
        "/api/v1/questionnaire-aggregates/2031/?region=",
        "/api/v1/questionnaire-responses/?round=",
        "/api/v1/questionnaire-responses/?round=abc",
        "/api/v1/questionnaire-questions/?round=1900",
    ],
)
def test_bad_parameters_are_json_400(client, round, url):
    response = client.get(url)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_nul_characters_are_dropped_from_filter_values(client, questions):
    body = client.get("/api/v1/questionnaire-questions/?code=national-plan%00").json()

    assert [question["code"] for question in body["results"]] == ["national-plan"]


def test_unknown_round_is_json_404(client, db):
    response = client.get("/api/v1/questionnaire-aggregates/1999/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_api_is_read_only(client, round):
    assert client.post("/api/v1/questionnaire-rounds/", {}).status_code == 405


def test_response_list_takes_a_fixed_number_of_queries(
    client, round, questions, served_once, django_assert_num_queries
):
    for _ in range(10):
        AnswerFactory(response=ResponseFactory(round=round), question=questions["yes_no"])

    served_once(client, "/api/v1/questionnaire-responses/")

    # The count, the responses, their answers, the questions the answers refer to.
    with django_assert_num_queries(4):
        assert client.get("/api/v1/questionnaire-responses/").status_code == 200


def test_round_list_api_takes_a_fixed_number_of_queries(
    client, round, served_once, django_assert_num_queries
):
    for year in range(2032, 2040):
        ResponseFactory(round=RoundFactory(year=year))
    served_once(client, "/api/v1/questionnaire-rounds/")

    # The count, the rounds.
    with django_assert_num_queries(2):
        assert client.get("/api/v1/questionnaire-rounds/").status_code == 200


def test_schema_documents_the_questionnaire_endpoints_and_validates(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)

    validate_schema(schema)
    paths = schema["paths"]
    for path in [
        "/api/v1/questionnaire-rounds/",
        "/api/v1/questionnaire-rounds/{year}/",
        "/api/v1/questionnaire-questions/",
        "/api/v1/questionnaire-responses/",
        "/api/v1/questionnaire-aggregates/{year}/",
    ]:
        assert path in paths
    parameters = paths["/api/v1/questionnaire-aggregates/{year}/"]["get"]["parameters"]
    assert "region" in {p["name"] for p in parameters}

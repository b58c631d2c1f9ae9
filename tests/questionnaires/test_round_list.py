"""The list of rounds: each with its status and the number of published responses."""

from django.urls import reverse

from questionnaires.models import Response

from .factories import ResponseFactory, RoundFactory


def test_round_list_counts_published_responses_once_each(client, round, questions):
    ResponseFactory.create_batch(2, round=round)
    ResponseFactory(round=round, status=Response.Status.SUBMITTED, published_at=None)

    html = client.get(reverse("questionnaires:round_list")).content.decode()

    assert "5 questions · 2 published responses held here" in html


def test_round_list_offers_answering_open_rounds_only(client, round, db):
    RoundFactory(year=2030, status="published")

    html = client.get(reverse("questionnaires:round_list")).content.decode()

    assert html.count("Answer this round") == 1
    assert reverse("questionnaires:answer_start", kwargs={"year": round.year}) in html


def test_round_list_takes_a_fixed_number_of_queries(
    client, db, served_once, django_assert_num_queries
):
    for year in range(2030, 2040):
        ResponseFactory(round=RoundFactory(year=year))

    served_once(client, reverse("questionnaires:round_list"))

    # The rounds, each with its count of published responses: one query.
    with django_assert_num_queries(1):
        client.get(reverse("questionnaires:round_list"))

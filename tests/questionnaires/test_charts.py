"""Charts are server-rendered text and scaled bars, each with its table in a disclosure."""

import re

from questionnaires.charts import bar_chart
from questionnaires.results import round_results

from .factories import AnswerFactory, ResponseFactory


def _answers(round, question, choices):
    for choice in choices:
        AnswerFactory(response=ResponseFactory(round=round), question=question, choice=choice)


def test_bar_widths_are_shares_of_the_respondents(round, questions):
    _answers(round, questions["intends"], ["yes", "intends", "intends", "no"])
    result = next(r for r in round_results(round) if r.question.code == "national-plan")

    chart = bar_chart(result, chart_id="c", title="A national plan?")

    assert [bar.width for bar in chart.bars] == [25, 50, 25]
    assert chart.caption == "Of the 4 States that replied to this round"


def test_results_page_renders_text_labels_a_scaled_bar_and_the_table_in_a_disclosure(
    client, round, questions
):
    _answers(round, questions["yes_no"], ["yes", "yes", "no"])

    html = client.get(round.get_absolute_url()).content.decode()

    section = html[html.index('id="q-coordinating-unit"') :]
    section = section[: section.index("</section>")]
    chart = section[section.index('<figure class="q-chart"') : section.index("</figure>")]
    assert "Yes: <strong>2</strong>" in chart and "No: <strong>1</strong>" in chart
    assert chart.count('class="q-bar"') == 2
    assert 'width="66.7"' in chart
    assert "style=" not in section
    assert "<script" not in section
    table = section[section.index("</figure>") :]
    assert table.index("<details") < table.index("<table")
    assert re.search(r'<th scope="row">Yes</th><td>2 / 3</td><td>67%</td>', table)
    assert re.search(r'<th scope="row">No</th><td>1 / 3</td><td>33%</td>', table)


def test_a_question_without_answers_has_no_empty_chart(client, round, questions):
    html = client.get(round.get_absolute_url()).content.decode()

    assert "<svg" not in html
    assert "No published answer held here yet." in html


def test_results_page_takes_a_fixed_number_of_queries(
    client, round, questions, served_once, django_assert_num_queries
):
    for _ in range(12):
        response = ResponseFactory(round=round)
        AnswerFactory(response=response, question=questions["yes_no"])
        AnswerFactory(response=response, question=questions["multi"], choice="", choices=["labour"])

    served_once(client, round.get_absolute_url())

    # The round, round_results' six (see test_aggregates), the published responses counted,
    # the States taking part counted, the regions.
    with django_assert_num_queries(10):
        assert client.get(round.get_absolute_url()).status_code == 200

"""Charts are server-rendered, accessible SVG, each followed by a table with the same numbers."""

import re

from questionnaires.charts import BAR_AREA, bar_chart
from questionnaires.results import round_results

from .factories import AnswerFactory, ResponseFactory


def _answers(round, question, choices):
    for choice in choices:
        AnswerFactory(response=ResponseFactory(round=round), question=question, choice=choice)


def test_bar_widths_are_proportional_to_shares(round, questions):
    _answers(round, questions["intends"], ["yes", "intends", "intends", "no"])
    result = next(r for r in round_results(round) if r.question.code == "national-plan")

    chart = bar_chart(result, chart_id="c", title="A national plan?")

    assert [bar.width for bar in chart.bars] == [BAR_AREA // 4, BAR_AREA // 2, BAR_AREA // 4]
    assert "No, but intends to within 3 years: 50% (2 of 4)" in chart.description


def test_results_page_renders_an_accessible_svg_with_its_data_table(client, round, questions):
    _answers(round, questions["yes_no"], ["yes", "yes", "no"])

    html = client.get(round.get_absolute_url()).content.decode()

    section = html[html.index('id="q-coordinating-unit"') :]
    section = section[: section.index("</section>")]
    svg = re.search(r"<svg[^>]*>.*?</svg>", section, re.S).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="chart-coordinating-unit-title chart-coordinating-unit-desc"' in svg
    assert '<title id="chart-coordinating-unit-title">A unit? (2031)</title>' in svg
    assert re.search(r'<desc id="chart-coordinating-unit-desc">[^<]*Yes: 67% \(2 of 3\)', svg)
    assert svg.count('class="q-bar"') == 2
    assert "style=" not in svg
    assert "<script" not in section
    table = section[section.index("</svg>") :]
    assert "<table" in table and "<caption>" in table
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

    # The round, round_results' five (see test_aggregates), the published responses counted,
    # the States taking part counted, the regions.
    with django_assert_num_queries(9):
        assert client.get(round.get_absolute_url()).status_code == 200

"""axe-core in headless Chromium: questionnaire results, round list and form pass WCAG 2.1 AA."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client

from questionnaires.models import Question
from tests.factories import StateFactory, SubmitterFactory

from .factories import (
    AnswerFactory,
    QuestionFactory,
    QuestionOptionFactory,
    ResponseFactory,
    RoundFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def live_round(transactional_db):
    round = RoundFactory(year=2031)
    yes_no = QuestionFactory(round=round, order=1, code="unit", text="A unit?")
    intends = QuestionFactory(
        round=round, order=2, code="plan", text="A plan?", kind=Question.Kind.YES_NO_INTENDS
    )
    multi = QuestionFactory(round=round, order=3, code="links", text="Links?", kind="multi_choice")
    QuestionOptionFactory(question=multi, value="diaspora", label="Diaspora ties")
    QuestionFactory(round=round, order=4, code="obstacles", text="Obstacles?", kind="free_text")
    for choice in ["yes", "no", "yes"]:
        response = ResponseFactory(round=round)
        AnswerFactory(response=response, question=yes_no, choice=choice)
        AnswerFactory(response=response, question=intends, choice="intends")
    return round


def _sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_questionnaire_pages_have_no_wcag_violations(live_server, page, live_round):
    # Not one of the factory's cycling codes, so no response of live_round belongs to it.
    state = StateFactory(iso2="KE")
    _sign_in(page, live_server, SubmitterFactory(states=[state]))
    axe = Axe()
    failures = {}
    for language in ["en", "fr"]:
        for path in [
            "/questionnaires/",
            "/questionnaires/2031/",
            f"/questionnaires/2031/responses/{state.slug}/edit/",
        ]:
            page.goto(f"{live_server.url}/{language}{path}")
            assert page.locator("main h1").count() == 1
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            if results.violations_count:
                failures[path] = results.generate_report()
    assert not failures, "\n\n".join(f"{path}\n{report}" for path, report in failures.items())
    assert page.locator("form.q-form fieldset").count() == 3  # the signed-in form was checked


def test_results_fit_a_360_pixel_wide_screen(live_server, page, live_round):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/en/questionnaires/2031/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("figure.q-chart").count() == 2
    # Every label is whole on screen, none clipped at an edge, and at a readable size.
    for box in page.locator(".q-label").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return [r.left, r.right, parseFloat(getComputedStyle(e).fontSize)]; })"
    ):
        left, right, font_size = box
        assert left >= 0 and right <= 360 and font_size >= 14

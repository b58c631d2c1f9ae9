"""axe-core (WCAG 2.1 A and AA) in headless Chromium on every page type a reader or a State meets,
in all six languages, at 1366 and 360 px: 0 violations and no sideways scrolling.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from django.urls import reverse

from practices.models import Practice
from tests import factories
from tests.questionnaires.factories import (
    AnswerFactory,
    QuestionFactory,
    ResponseFactory,
    RoundFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LANGUAGES = [code for code, _name in settings.LANGUAGES]
WIDTHS = [1366, 360]


@pytest.fixture
def live_pages(transactional_db, catalogue):
    """Paths without their language prefix; the signed-in ones need ``submitter``."""
    round = RoundFactory(year=2031)
    question = QuestionFactory(round=round, order=1, code="unit", text="A unit?")
    for choice in ["yes", "no"]:
        AnswerFactory(response=ResponseFactory(round=round), question=question, choice=choice)
    submitter = factories.SubmitterFactory(states=[catalogue["mexico"]])
    draft = factories.PracticeFactory(
        lead_state=catalogue["mexico"], created_by=submitter, status=Practice.Status.DRAFT
    )

    def bare(url):
        return url[url.index("/", 1) :]

    public = [
        "/",
        "/practices/",
        "/practices/?q=remittances&region=americas",
        "/practices/?q=nothing-matches-this",
        bare(catalogue["three_for_one"].get_absolute_url()),
        bare(catalogue["mexico"].get_absolute_url()),
        bare(reverse("states:state_list")),
        bare(catalogue["remittances"].get_absolute_url()),
        "/questionnaires/2031/",
        bare(reverse("login")),
    ]
    signed_in = [
        bare(reverse("workflow:dashboard")),
        bare(reverse("workflow:practice_step", args=[draft.pk, "about"])),
    ]
    return {"public": public, "signed_in": signed_in, "submitter": submitter}


def _sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def _check(page, url, axe, failures):
    page.goto(url)
    width = page.viewport_size["width"]
    overflow = page.evaluate("document.documentElement.scrollWidth")
    if overflow > width:
        failures[f"{url} at {width} px"] = f"scrolls sideways: {overflow} px wide"
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    if results.violations_count:
        failures[f"{url} at {width} px"] = results.generate_report()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_has_no_wcag_violation_in_each_language_at_both_widths(
    live_server, page, live_pages, language
):
    axe = Axe()
    failures = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for path in live_pages["public"]:
            _check(page, f"{live_server.url}/{language}{path}", axe, failures)
    _sign_in(page, live_server, live_pages["submitter"])
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for path in live_pages["signed_in"]:
            _check(page, f"{live_server.url}/{language}{path}", axe, failures)
    assert page.locator("html").get_attribute("lang") == language
    assert not failures, "\n\n".join(f"{url}\n{report}" for url, report in failures.items())

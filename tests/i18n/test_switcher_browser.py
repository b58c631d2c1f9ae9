"""In Chromium: with JavaScript the switcher changes language on choosing one (no button), and
the Arabic pages are right to left with no WCAG 2.1 A/AA violation found by axe."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def published(transactional_db):
    return factories.PracticeFactory(lead_state=factories.StateFactory(iso2="MX"))


def test_choosing_a_language_with_javascript_needs_no_button(live_server, page, published):
    page.goto(live_server.url + "/fr/accounts/login/")

    assert not page.locator(".language-switcher button").is_visible()
    page.select_option("#language-select", "zh-hans")
    page.wait_for_url("**/zh-hans/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"


def test_arabic_pages_are_right_to_left_without_wcag_violations(live_server, page, published):
    axe = Axe()
    failures = {}
    for path in ["/ar/", "/ar/practices/", f"/ar{published.get_absolute_url()[3:]}"]:
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("dir") == "rtl"
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        if results.violations_count:
            failures[path] = results.generate_report()
    page.goto(live_server.url + "/ar/accounts/login/")
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    if results.violations_count:
        failures["/ar/accounts/login/"] = results.generate_report()
    assert not failures, "\n\n".join(f"{path}\n{report}" for path, report in failures.items())

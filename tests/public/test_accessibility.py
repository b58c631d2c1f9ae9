"""axe-core in headless Chromium: no WCAG 2.1 A/AA violation on the public pages, in en/fr/es.

Also: usable at 360 px wide without sideways scrolling, and search plus facets by keyboard only.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def page_paths(catalogue, language):
    return [
        f"/{language}/",
        f"/{language}/practices/",
        f"/{language}/practices/?q=remittances&theme=remittances&region=americas&ordering=title",
        f"/{language}/practices/?q=nothing-matches-this&stage=planned",
        f"/{language}{catalogue['three_for_one'].get_absolute_url()[3:]}",
        f"/{language}/states/mexico/",
        f"/{language}/states/",
        f"/{language}/themes/remittances/",
    ]


@pytest.fixture
def live_catalogue(transactional_db, catalogue):
    return catalogue


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_public_pages_have_no_wcag_violations(live_server, page, live_catalogue, language):
    axe = Axe()
    failures = {}
    for path in page_paths(live_catalogue, language):
        page.goto(live_server.url + path)
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        if results.violations_count:
            failures[path] = results.generate_report()
    assert not failures, "\n\n".join(f"{path}\n{report}" for path, report in failures.items())


def test_pages_fit_a_360_pixel_wide_screen(live_server, page, live_catalogue):
    page.set_viewport_size({"width": 360, "height": 740})
    for path in page_paths(live_catalogue, "fr"):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 360, (path, overflow)


def test_search_and_facets_work_with_the_keyboard_alone(live_server, page, live_catalogue):
    page.goto(live_server.url + "/en/practices/")
    page.focus("#id_q")
    page.keyboard.type("remittance")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=remittance**")

    # Space ticks the facet and the filters apply at once (one navigation): focus comes back
    # to the same checkbox, so the reader can go on from where they were.
    page.locator("#f-region-africa").focus()
    with page.expect_navigation(url="**region=africa**"):
        page.keyboard.press("Space")

    checkbox = page.locator("#f-region-africa")
    expect(checkbox).to_be_checked()
    expect(checkbox).to_be_focused()
    expect(page.locator(".card")).to_have_count(1)
    assert "Ghana" in page.locator(".card").inner_text()

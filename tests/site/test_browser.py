"""The site in a real Chromium: the header holds at 1366 px in every language and signed in,
small screens get results first and a folded menu, facets apply on change, and the new pages
have no WCAG 2.1 A/AA violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from tests.factories import TEST_PASSWORD, SubmitterFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LONG_NAME = "maria.fernanda.castellanos-villavicencio@relaciones-exteriores"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SIX = ("ar", "zh-hans", "en", "fr", "ru", "es")


@pytest.fixture
def live_catalogue(transactional_db, catalogue):
    return catalogue


def header_shape(page):
    """The header's height, and how many distinct lines its nav and account items sit on."""
    return page.evaluate(
        """() => {
          // Items are centred on their line: count the distinct centres, 8 px apart or more.
          const lines = (selector) => {
            const centres = [...document.querySelectorAll(selector)]
              .map((el) => el.getBoundingClientRect())
              .map((box) => box.top + box.height / 2)
              .sort((a, b) => a - b);
            return centres.filter((centre, i) => i === 0 || centre - centres[i - 1] >= 8).length;
          };
          return {
            height: document.querySelector('.site-header').getBoundingClientRect().height,
            nav: lines('.nav-list > li'),
            account: lines('.utility-inner > *, .account-nav > li'),
          };
        }"""
    )


def test_the_header_never_wraps_at_1366_pixels_in_any_language_or_signed_in(
    live_server, page, live_catalogue, state
):
    page.set_viewport_size({"width": 1366, "height": 800})
    shapes = {}
    for language in SIX:
        page.goto(f"{live_server.url}/{language}/practices/")
        shapes[("anonymous", language)] = header_shape(page)
        # One line for the search button too (Chinese may break between any two characters).
        button = page.locator(".header-search button")
        assert button.evaluate("b => b.getBoundingClientRect().height") < 48, language
    user = SubmitterFactory(username=LONG_NAME, states=[state])
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", TEST_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    for language in SIX:
        page.goto(f"{live_server.url}/{language}/practices/")
        shapes[("signed in", language)] = header_shape(page)
    # Scripts have their own line heights (Arabic's fonts are taller, and a Latin name among
    # Arabic words adds a pixel or two): signed in or not, a language's header keeps its
    # height within 4 px; in every language nav and account are one line each.
    for language in SIX:
        anonymous, signed_in = shapes[("anonymous", language)], shapes[("signed in", language)]
        assert abs(anonymous["height"] - signed_in["height"]) <= 4, shapes
    assert all(shape["nav"] == 1 and shape["account"] == 1 for shape in shapes.values()), shapes
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366


def test_on_a_small_screen_the_results_come_before_the_folded_facets(
    live_server, page, live_catalogue
):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/en/practices/?q=remittances")
    first_result = page.locator(".results .card").first.bounding_box()
    assert first_result["y"] < 740
    assert not page.locator("#f-region-africa").is_visible()
    page.get_by_text("Refine", exact=False).first.click()
    assert page.locator("#f-region-africa").is_visible()


def test_on_a_small_screen_the_menu_folds_and_opens(live_server, page, live_catalogue):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/en/")
    states = page.locator(".nav-list").get_by_role("link", name="States")
    assert not states.is_visible()
    page.locator(".menu-toggle").click()
    assert states.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_facet_applies_as_soon_as_it_is_ticked_and_keeps_the_focus(
    live_server, page, live_catalogue
):
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(f"{live_server.url}/en/practices/")
    assert not page.locator(".apply-filters").is_visible()
    page.locator("#f-region-africa").check()
    page.wait_for_url("**region=africa**")
    page.wait_for_load_state()
    assert page.locator(".results .card").count() == 1
    assert page.evaluate("document.activeElement.id") == "f-region-africa"


def test_without_javascript_the_facets_apply_with_the_button(browser, live_server, live_catalogue):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1366, "height": 800}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/en/practices/")
    page.locator("#f-region-africa").check()
    page.locator(".apply-filters").click()
    page.wait_for_url("**region=africa**")
    assert page.locator(".results .card").count() == 1
    context.close()


@pytest.mark.parametrize("language", ["ar", "zh-hans", "en", "fr", "ru", "es"])
def test_the_page_does_not_move_when_the_script_runs(
    browser, live_server, live_catalogue, language
):
    """Nothing in the header is hidden or shown by the script: what it changes after the first
    paint moves the whole page (a layout shift; the switcher's button did, in Arabic on a
    phone). The page as painted before ``site.js`` runs is the page with it blocked."""
    tops = []
    for blocked in (True, False):
        context = browser.new_context(viewport={"width": 412, "height": 800})
        page = context.new_page()
        if blocked:
            page.route("**/js/site*.js", lambda route: route.abort())
        page.goto(f"{live_server.url}/{language}/")
        tops.append(page.evaluate("document.querySelector('main').getBoundingClientRect().top"))
        context.close()
    assert tops[0] == tops[1]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_new_pages_have_no_wcag_violations(live_server, page, live_catalogue, language):
    axe = Axe()
    failures = {}
    names = [
        "practices:theme_list",
        "practices:pillar_list",
        "states:body_list",
        "pages:about",
        "pages:accessibility",
        "pages:api_data",
        "pages:contact",
        "pages:whats_new",
    ]
    for width in (1366, 360):
        page.set_viewport_size({"width": width, "height": 800})
        for name in names:
            path = f"/{language}{reverse(name)[3:]}"
            page.goto(live_server.url + path)
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            if results.violations_count:
                failures[(width, path)] = results.generate_report()
    assert not failures, failures

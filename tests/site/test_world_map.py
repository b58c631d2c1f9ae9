"""The world map of practices per State (home, States index) and the State page's locator."""

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import reverse
from django_countries import countries

from core.cache import public_content_changed
from practices.models import Practice
from states import maps
from states.reference import un_states
from tests import factories

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# UN States that Natural Earth's 1:110m scale has no shape for: the map marks them with a
# circle at a label point taken from the package's 1:50m file (1:10m for Tuvalu).
KNOWN_SMALL_STATES = {
    "AD", "AG", "BB", "BH", "CV", "DM", "FM", "GD", "KI", "KM", "KN", "LC", "LI", "MC", "MH",
    "MT", "MU", "MV", "NR", "PW", "SC", "SG", "SM", "ST", "TO", "TV", "VA", "VC", "WS",
}  # fmt: skip
# The home page's and the States index's first request after a publication (``served_once``),
# as tests/public/test_pages.py pins them: the map adds no query to either.
HOME_QUERIES = 10
STATES_QUERIES = 2


def world_map_of(html):
    """The world map's SVG in a page."""
    return re.search(r'<section class="world-map".*?<svg.*?</svg></div>', html, re.S).group(0)


def map_counts(html):
    """``{State name: count}`` as the map's link titles give them."""
    titles = re.findall(r"<title>([^<]+): (\d+) practices?</title>", world_map_of(html))
    return {name: int(count) for name, count in titles}


def table_counts(html):
    """``{State name: count}`` as the table alternative gives them."""
    table = re.search(r'<details class="map-table">.*?</details>', html, re.S).group(0)
    rows = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th><td>(\d+)</td>', table)
    return {name: int(count) for name, count in rows}


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_data_file_names_its_package_and_natural_earth():
    data = json.loads(maps.DATA_FILE.read_text(encoding="utf-8"))
    assert data["source"]["package"] == "world-atlas"
    assert re.fullmatch(r"\d+\.\d+\.\d+", data["source"]["version"])
    assert "Natural Earth" in data["source"]["attribution"]
    assert data["viewBox"][:3] == [0, 0, 1000]
    assert maps.DATA_FILE.stat().st_size < 250_000


def test_every_state_of_the_default_data_has_a_shape_or_else_is_a_known_small_state():
    geography = maps.geography()
    states = un_states()
    assert len(states) == 195
    for state in states:
        assert state.m49_code == countries.numeric(state.iso2), state.iso2
    missing = {state.iso2 for state in states if state.m49_code not in geography.shapes}
    assert missing == KNOWN_SMALL_STATES
    for iso2 in missing:
        assert countries.numeric(iso2) in geography.points, iso2
        assert maps.label_point(countries.numeric(iso2)) is not None


def test_every_label_point_lies_inside_the_view_box():
    width, height = maps.geography().view_box.split()[2:]
    for code in [*maps.geography().shapes, *maps.geography().points]:
        x, y = maps.label_point(code)
        assert 0 <= x <= float(width) and 0 <= y <= float(height), code


def test_a_state_with_published_practices_is_a_link_to_its_page_titled_with_its_count(
    client, catalogue
):
    factories.PracticeFactory(lead_state=catalogue["mexico"], title="Consular IDs")
    svg = world_map_of(fetch(client, reverse("home")))
    link = re.search(r'<a href="/en/states/mexico/" class="map-b\d"><title>([^<]+)</title>', svg)
    assert link.group(1) == "Mexico: 2 practices"  # the draft and the rejected one not counted
    assert re.search(r'<a href="/en/states/ghana/" class="map-b\d"><title>Ghana: 1 practice<', svg)


def test_a_state_without_published_practices_is_grey_and_not_a_link(client, catalogue):
    chad = factories.StateFactory(iso2="TD")
    factories.PracticeFactory(
        lead_state=chad, status=Practice.Status.DRAFT, published_at=None, title="Not yet"
    )
    svg = world_map_of(fetch(client, reverse("home")))
    assert "/states/chad/" not in svg
    assert "Chad" not in svg
    chad_shape = maps.geography().shapes[countries.numeric("TD")]["d"]
    assert re.search(r'<g class="map-land"[^>]*>.*<path d="' + re.escape(chad_shape), svg, re.S)


def test_a_state_too_small_for_the_map_is_a_linked_circle(client, catalogue):
    singapore = factories.StateFactory(iso2="SG")
    factories.PracticeFactory(lead_state=singapore, title="Skills passes")
    html = fetch(client, "/fr/")  # French writes decimals with a comma: not in SVG attributes
    x, y = maps.label_point(702)
    circle = f'<circle cx="{x}" cy="{y}" r="4.5"/></a>'
    assert re.search(r'<a href="/fr/states/singapore/"[^>]*><title>[^<]+</title>' + circle, html)


def test_the_table_alternative_gives_the_same_counts_in_the_readers_alphabetical_order(
    client, catalogue
):
    factories.PracticeFactory(lead_state=catalogue["ghana"], title="Diaspora bonds")
    for url in (reverse("home"), reverse("states:state_list")):
        html = fetch(client, url)
        assert table_counts(html) == map_counts(html) == {"Mexico": 1, "Colombia": 1, "Ghana": 2}
        assert list(table_counts(html)) == ["Colombia", "Ghana", "Mexico"]
    spanish = fetch(client, "/es/")
    assert list(table_counts(spanish)) == ["Colombia", "Ghana", "México"]


def test_the_legend_gives_the_range_of_each_colour(client, catalogue):
    html = fetch(client, reverse("home"))
    assert '<span class="map-swatch map-b3" aria-hidden="true"></span> 1</li>' in html
    assert "none published" in html
    assert 'Boundaries: <a href="https://www.naturalearthdata.com/">Natural Earth</a>' in html


def test_colour_classes_split_skewed_counts_into_ranges_that_meet():
    ranges = maps.buckets([1, 1, 1, 1, 2, 2, 3, 5, 8, 13, 40])
    assert len(ranges) == maps.CLASSES
    assert ranges[0][0] == 1 and ranges[-1][1] == 40
    assert all(ranges[i][1] + 1 == ranges[i + 1][0] for i in range(len(ranges) - 1))
    assert maps.buckets([2, 2, 7]) == [(2, 2), (3, 7)]
    assert maps.class_names(3) == ["map-b1", "map-b3", "map-b5"]
    assert maps.buckets([]) == []


def test_the_locators_world_outline_is_the_data_files():
    outline = (settings.BASE_DIR / "static" / "img" / "world-outline.svg").read_text()
    assert f'viewBox="{maps.geography().view_box}"' in outline
    data = json.loads(maps.DATA_FILE.read_text(encoding="utf-8"))
    assert "".join(shape["d"] for shape in data["shapes"]) in outline
    assert "Natural Earth" in outline


def test_the_state_page_locates_the_state_without_links(client, catalogue):
    html = fetch(client, catalogue["mexico"].get_absolute_url())
    locator = re.search(r'<figure class="locator-map">.*?</svg>', html, re.S).group(0)
    assert 'role="img" aria-label="Location of Mexico"' in locator
    assert '<div class="map-canvas" dir="ltr"><svg' in locator
    assert f'<path class="map-here" d="{maps.geography().shapes[484]["d"]}"/>' in locator
    assert '<circle class="map-here-marker"' in locator
    assert '<image href="/static/img/world-outline.svg" width="1000"' in locator
    assert "<a " not in locator


def test_a_small_states_page_marks_it_with_a_circle_only(client, db):
    malta = factories.StateFactory(iso2="MT")
    html = fetch(client, malta.get_absolute_url())
    x, y = maps.label_point(470)
    assert 'aria-label="Location of Malta"' in html
    assert f'<circle class="map-here-marker" cx="{x}" cy="{y}"' in html
    assert 'class="map-here" d=' not in html


def test_the_map_in_arabic_keeps_its_left_to_right_geography(client, catalogue):
    html = fetch(client, "/ar/")
    assert '<html lang="ar" dir="rtl">' in html
    # HTML's dir, on the SVG's frame: SVG has no dir attribute, and inherits the direction.
    assert re.search(r'<div class="map-canvas" dir="ltr"><svg viewBox="[^"]+" role="group"', html)
    locator = fetch(client, "/ar" + catalogue["mexico"].get_absolute_url()[3:])
    assert re.search(r'<div class="map-canvas" dir="ltr"><svg viewBox="[^"]+" role="img"', locator)


def test_the_home_page_and_states_index_take_no_query_for_the_map(
    client, catalogue, served_once, django_assert_num_queries
):
    for url, queries in (
        (reverse("home"), HOME_QUERIES),
        (reverse("states:state_list"), STATES_QUERIES),
    ):
        served_once(client, url)
        with django_assert_num_queries(queries):
            html = fetch(client, url)
        assert map_counts(html) == {"Mexico": 1, "Colombia": 1, "Ghana": 1}


def test_the_map_is_kept_until_the_next_publication(
    client, catalogue, django_capture_on_commit_callbacks
):
    assert map_counts(fetch(client, reverse("home")))["Ghana"] == 1
    # A write that announces nothing (saves and deletions of practices do, through signals).
    Practice.objects.filter(pk=catalogue["ghanaian"].pk).update(lead_state=catalogue["mexico"])
    assert map_counts(fetch(client, reverse("home")))["Ghana"] == 1, "cached"
    with django_capture_on_commit_callbacks(execute=True):
        public_content_changed()
    assert map_counts(fetch(client, reverse("home"))) == {"Mexico": 2, "Colombia": 1}


# In a real Chromium ---------------------------------------------------------------------


@pytest.fixture
def live_catalogue(transactional_db, catalogue):
    factories.PracticeFactory(lead_state=factories.StateFactory(iso2="SG"), title="Skills")
    return catalogue


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("width", [1366, 360])
def test_the_home_page_with_its_map_has_no_wcag_violation(live_server, page, live_catalogue, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/en/")
    page.locator(".map-table summary").click()  # the table too
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert not results.violations_count, results.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator(".world-map svg").bounding_box()
    assert box["width"] <= width and box["height"] > width / 3


@pytest.mark.browser
@pytest.mark.slow
def test_the_map_s_states_are_reached_with_the_keyboard(live_server, page, live_catalogue):
    page.goto(live_server.url + "/en/states/")
    page.locator(".skip-map").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "/en/states/colombia/"  # alphabetical, the circled Singapore last
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    with page.expect_navigation(url="**/en/states/colombia/"):
        page.keyboard.press("Enter")
    page.goto(live_server.url + "/en/states/")
    page.locator(".skip-map").focus()
    page.keyboard.press("Enter")  # past the map's links, to its legend and table
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"

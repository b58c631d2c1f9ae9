"""The practice page: Back to results keeps the search, Copy link, the spots for Cite and
versions, and "At a glance" beside the text."""

import re

import pytest
from django.urls import reverse


def back_link(html):
    match = re.search(r'<a class="back-link" href="([^"]+)">', html)
    return match.group(1).replace("&amp;", "&") if match else None


def test_a_reader_coming_from_a_search_gets_back_to_the_same_results(client, catalogue):
    url = catalogue["three_for_one"].get_absolute_url()
    search = "/en/practices/?q=remittances&theme=remittances&page=1"
    html = client.get(url, HTTP_REFERER=f"http://testserver{search}").content.decode()
    assert back_link(html) == "/en/practices/?q=remittances&theme=remittances&page=1"


def test_the_search_can_also_come_in_the_from_parameter(client, catalogue):
    url = catalogue["three_for_one"].get_absolute_url()
    html = client.get(url, {"from": "q=diaspora&state=mexico"}).content.decode()
    assert back_link(html) == "/en/practices/?q=diaspora&state=mexico"


@pytest.mark.parametrize(
    "referer",
    [
        "https://evil.example/en/practices/?q=remittances",
        "http://testserver/en/states/mexico/",
        "javascript:alert(1)",
        "not a url",
    ],
)
def test_no_back_link_comes_from_another_site_or_another_page(client, catalogue, referer):
    url = catalogue["three_for_one"].get_absolute_url()
    assert back_link(client.get(url, HTTP_REFERER=referer).content.decode()) is None


def test_a_from_parameter_cannot_point_elsewhere(client, catalogue):
    url = catalogue["three_for_one"].get_absolute_url()
    html = client.get(url, {"from": "//evil.example/x?y=1"}).content.decode()
    assert back_link(html).startswith("/en/practices/?")


def test_copy_link_offers_the_practice_address_without_the_search(client, catalogue):
    practice = catalogue["three_for_one"]
    html = client.get(practice.get_absolute_url(), {"from": "q=x"}).content.decode()
    assert f'data-copy-text="http://testserver{practice.get_absolute_url()}"' in html


def test_at_a_glance_is_an_aside_beside_the_text_and_cite_has_its_place(client, catalogue):
    html = client.get(catalogue["three_for_one"].get_absolute_url()).content.decode()
    layout = html[html.index('<div class="practice-layout">') :]
    assert layout.index('class="practice-content"') < layout.index('<aside class="practice-glance"')
    assert layout.index("</aside>") < layout.index('class="practice-more"')


def test_the_practice_list_and_breadcrumb_link_back_to_the_search(client, catalogue):
    html = client.get(catalogue["three_for_one"].get_absolute_url()).content.decode()
    assert f'<li><a href="{reverse("practices:practice_list")}">Practices</a></li>' in html

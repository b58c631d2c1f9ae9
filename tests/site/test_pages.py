"""The site's reading pages: they exist, are linked from every page's menu or footer, count
published practices only, and are in the sitemap."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from tests import factories

NEW_PAGES = [
    "practices:theme_list",
    "practices:pillar_list",
    "states:body_list",
    "pages:about",
    "pages:accessibility",
    "pages:api_data",
    "pages:contact",
    "pages:whats_new",
]


def hrefs(html):
    return set(re.findall(r'href="([^"]+)"', html))


@pytest.mark.parametrize("name", NEW_PAGES)
def test_a_reader_finds_each_new_page_linked_from_the_home_page_and_it_answers(
    client, catalogue, name
):
    url = reverse(name)
    assert url in hrefs(client.get("/en/").content.decode())
    response = client.get(url)
    assert response.status_code == 200
    assert "<h1>" in response.content.decode()


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_index_pages_have_addresses_in_every_language(client, catalogue, language):
    for path in ("themes/", "pillars/", "bodies/"):
        assert client.get(f"/{language}/{path}").status_code == 200


def test_the_footer_links_about_accessibility_api_contact_and_names_the_source(client, catalogue):
    html = client.get("/en/states/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    for name in ("pages:about", "pages:accessibility", "pages:api_data", "pages:contact"):
        assert reverse(name) in footer
    assert "2008 GFMD background paper" in footer


def test_the_api_and_data_page_links_the_api_docs_the_csv_and_the_feed(client, catalogue):
    links = hrefs(client.get(reverse("pages:api_data")).content.decode())
    assert {
        reverse("api:docs"),
        reverse("practices:practice_export"),
        reverse("practices:feed"),
    } <= links


def test_the_themes_index_counts_only_published_practices(client, catalogue):
    html = client.get(reverse("practices:theme_list")).content.decode()
    # Remittances: Mexico's and Ghana's published practices; the draft and the rejected one
    # are not counted.
    remittances = html[html.index(catalogue["remittances"].get_absolute_url()) :]
    assert re.match(r'[^<]*">Remittances</a> <span class="count">2 practices</span>', remittances)


def test_the_pillars_index_lists_each_pillar_with_its_published_count(client, catalogue):
    html = client.get(reverse("practices:pillar_list")).content.decode()
    assert re.search(r"Institutional capacity</a> <span class=\"count\">2 practices</span>", html)
    assert re.search(r"Political commitment</a> <span class=\"count\">1 practice</span>", html)


def test_the_bodies_index_counts_practices_a_body_leads_or_joins_as_partner(client, catalogue):
    ecowas = factories.RegionalBodyFactory(acronym="ECOWAS", name="Economic Community")
    ecowas.members.set([catalogue["ghana"]])
    factories.PracticeFactory(lead_state=None, lead_body=ecowas, title="Led by ECOWAS")
    catalogue["ghanaian"].partner_bodies.set([ecowas])
    catalogue["draft"].partner_bodies.set([ecowas])
    html = client.get(reverse("states:body_list")).content.decode()
    assert ecowas.get_absolute_url() in html
    assert "2 practices · 1 member State" in html


def test_the_bodies_index_lists_regional_organisations_first(client, db):
    factories.RegionalBodyFactory(acronym="IOM", name="International", kind="international")
    factories.RegionalBodyFactory(acronym="EU", name="European Union", kind="regional")
    html = client.get(reverse("states:body_list")).content.decode()
    assert html.index("Regional organisation") < html.index("International organisation")


def test_the_index_pages_take_a_fixed_number_of_queries(
    client, catalogue, django_assert_num_queries
):
    for _number in range(5):
        body = factories.RegionalBodyFactory()
        factories.PracticeFactory(lead_body=body, lead_state=catalogue["mexico"])
    client.get(reverse("practices:theme_list"))  # the session and the cached counts
    with django_assert_num_queries(1):
        client.get(reverse("states:body_list"))
    with django_assert_num_queries(1):
        client.get(reverse("practices:pillar_list"))
    with django_assert_num_queries(1):
        client.get(reverse("practices:theme_list"))


def test_whats_new_lists_the_latest_publications_and_updates_of_published_practices(
    client, catalogue, django_assert_num_queries
):
    with django_assert_num_queries(4):
        html = client.get(reverse("pages:whats_new")).content.decode()
    assert catalogue["colombian"].title in html
    assert catalogue["ghanaian"].title in html
    assert catalogue["draft"].title not in html
    assert catalogue["rejected"].title not in html


def test_the_favicon_at_the_root_is_the_icon_in_static(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("favicon.ico")
    with open(finders.find("favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file's signature


def test_every_page_declares_the_svg_and_ico_favicons(client, catalogue):
    html = client.get("/en/").content.decode()
    assert f'href="{static("favicon.svg")}" type="image/svg+xml"' in html
    assert f'href="{static("favicon.ico")}"' in html


def test_the_sitemap_lists_the_new_pages(client, catalogue):
    xml = client.get("/sitemap-pages.xml").content.decode()
    for name in NEW_PAGES:
        assert f"http://testserver{reverse(name)}</loc>" in xml


def test_inner_pages_have_breadcrumbs_to_home_and_their_section(client, catalogue):
    pages = {
        catalogue["three_for_one"].get_absolute_url(): reverse("practices:practice_list"),
        reverse("practices:theme_list"): None,
        reverse("practices:practice_list"): None,
    }
    for url, section in pages.items():
        html = client.get(url).content.decode()
        crumbs = re.search(
            r'<nav class="breadcrumbs" aria-label="Breadcrumb">(.*?)</nav>', html, re.S
        )
        assert crumbs, url
        assert f'href="{reverse("home")}"' in crumbs.group(1)
        assert 'aria-current="page"' in crumbs.group(1)
        if section:
            assert f'href="{section}"' in crumbs.group(1)
    assert 'class="breadcrumbs"' not in client.get("/en/").content.decode()


def test_sign_out_is_a_button_in_a_posted_form_on_every_page(client, catalogue, submitter):
    client.force_login(submitter)
    for url in ("/en/", reverse("practices:practice_list"), reverse("pages:about")):
        html = client.get(url).content.decode()
        form = re.search(
            r'<form class="nav-form" action="([^"]+)" method="post">(.*?)</form>', html, re.S
        )
        assert form and form.group(1) == reverse("logout")
        assert '<button type="submit"' in form.group(2) and "Sign out" in form.group(2)

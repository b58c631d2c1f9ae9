"""Home, practice, State, theme, pillar and body pages: content, titles, query counts (pinned
exactly, as djangoproject.com's aggregator tests pin theirs)."""

import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from practices import selectors, workflow
from practices.models import Practice
from tests import factories
from tests.support import home_practice_count

pytestmark = pytest.mark.django_db

SEARCH = reverse("practices:practice_list")
LIST_PAGES = {
    "home": reverse("home"),
    "search": SEARCH,
    "search by region": f"{SEARCH}?region=americas",
    "search by words": f"{SEARCH}?q=remittance+survey",
    "theme": reverse("practices:theme_detail", args=["remittances"]),
    "pillar": reverse("practices:pillar_detail", args=["institutional-capacity"]),
    "body": reverse("states:body_detail", args=["ecowas"]),
    "State": reverse("states:state_detail", args=["mexico"]),
    "States": reverse("states:state_list"),
    "feed": reverse("practices:feed"),
    "export": reverse("practices:practice_export"),
}
# Queries of each list page's first request after a publication (see ``served_once``), over
# more than a page of practices. They differ by database on the search page only: both engines
# count the total and every facet in one statement (SQLite: plus one per selected facet), then
# read the page's ids, its cards, their themes. Words add, on PostgreSQL, the languages of the
# indexed translations (once per publication), the top-results lookup and the planner settings
# (set for the counts, and again for the page); on SQLite the
# words' FTS5 ranks looked up and written, and looked up again for the page. A region adds its
# validation on both. The export
# reads the practices, then their partner States, bodies, institutions, themes, objectives, and
# counts one download for each practice it held (one upsert per 500).
ON_POSTGRESQL = connection.vendor == "postgresql"
LIST_PAGE_QUERIES = {
    "home": 10,
    "search": 4,
    "search by region": 5 if ON_POSTGRESQL else 6,
    "search by words": 8 if ON_POSTGRESQL else 7,
    "theme": 4,
    "pillar": 4,
    "body": 5,
    "State": 8,
    "States": 2,
    "feed": 1,
    "export": 7,
}
# The practice page's first request after a publication (the practice, all its links in one
# query (which also says whether it has indicators or adaptations: this one has neither), its
# public contacts, related practices in two, its published versions, its latest currency
# answer), then with its article cached (the practice row alone: its view is counted in
# memory and written with the others once a minute, ``practices.readership``).
PRACTICE_PAGE_QUERIES = 7
CACHED_PRACTICE_PAGE_QUERIES = 1


def title_and_description(response):
    html = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    description = re.search(r'<meta name="description" content="(.*?)">', html, re.S).group(1)
    return title, description


def test_home_shows_counts_entry_points_and_latest_practices(client, catalogue):
    response = client.get(reverse("home"))

    html = response.content.decode()
    assert response.context["practice_count"] == 3
    assert response.context["state_count"] == 3
    assert 'role="search"' in html
    assert catalogue["remittances"].get_absolute_url() in html
    assert catalogue["pillar"].get_absolute_url() in html
    assert "?region=americas" in html
    assert "Three-for-One" in html


def test_home_counts_practices_per_theme_and_region(client, catalogue):
    response = client.get(reverse("home"))

    themes = {theme.slug: theme.practice_count for theme in response.context["themes"]}
    regions = {region.slug: region.practice_count for region in response.context["regions"]}
    assert themes["remittances"] == 2
    assert regions == {"africa": 1, "americas": 2}


def test_home_leaves_out_themes_without_practices_and_links_to_every_theme(client, catalogue):
    empty = factories.ThemeFactory()

    response = client.get(reverse("home"))

    assert empty not in response.context["themes"]
    assert all(theme.practice_count for theme in response.context["themes"])
    assert f'href="{reverse("practices:theme_list")}"' in response.content.decode()


def test_home_counts_are_cached_until_the_next_publication(
    client, catalogue, moderator, django_capture_on_commit_callbacks
):
    client.get(reverse("home"))
    # Published behind the workflow's back: the cached counts cannot know.
    Practice.objects.filter(pk=catalogue["rejected"].pk).update(status=Practice.Status.PUBLISHED)
    Practice.objects.filter(pk=catalogue["draft"].pk).update(status=Practice.Status.SUBMITTED)
    submitted = Practice.objects.get(pk=catalogue["draft"].pk)

    assert home_practice_count(client) == 3

    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(submitted, by=moderator)

    assert home_practice_count(client) == 5


def test_practice_page_shows_every_public_field_and_links(client, catalogue):
    practice = catalogue["three_for_one"]
    partner = catalogue["colombia"]
    practice.partner_states.add(partner)
    institution = factories.InstitutionFactory(state=catalogue["mexico"], name="SEDESOL")
    practice.institutions.add(institution)
    body = factories.RegionalBodyFactory(acronym="OAS")
    practice.partner_bodies.add(body)

    response = client.get(practice.get_absolute_url())

    html = response.content.decode()
    for expected in [
        "Three-for-One (3x1) programme",
        practice.summary,
        "Home Town Associations",
        catalogue["mexico"].get_absolute_url(),
        partner.get_absolute_url(),
        body.get_absolute_url(),
        "SEDESOL",
        catalogue["remittances"].get_absolute_url(),
        catalogue["pillar"].get_absolute_url(),
        "Ongoing",
        "since 2002",
        "Test source",
        "Last update",
        "Cite this practice",
        "Institute of Mexicans Abroad",
    ]:
        assert expected in html, expected


def test_practice_page_citation_is_ready_to_copy(client, catalogue):
    practice = catalogue["three_for_one"]

    html = client.get(practice.get_absolute_url()).content.decode()

    citation = re.search(r'<textarea id="citation-text"[^>]*>(.*?)</textarea>', html)
    assert citation
    text = citation.group(1)
    assert "Government of Mexico. (" in text
    assert "Three-for-One" in text
    assert "http://testserver/en/practices/mexico-3x1/" in text


def test_practice_page_lists_related_practices_sharing_themes(client, catalogue):
    html = client.get(catalogue["three_for_one"].get_absolute_url()).content.decode()

    related = html.split("Related practices")[1]
    assert "Colombia Nos Une" in related
    assert "Remittance cost reduction in Ghana" in related
    assert "Secret draft" not in related


def test_practice_page_labels_content_in_another_language(client, catalogue, reindex):
    practice = factories.PracticeFactory(
        title="Programme de codéveloppement",
        language=Practice.Language.FR,
        lead_state=catalogue["ghana"],
    )

    html = client.get(practice.get_absolute_url()).content.decode()

    assert '<h1 dir="auto" lang="fr">' in html
    assert "This practice is written in French." in html


def test_practice_page_takes_a_fixed_number_of_queries(
    client, catalogue, served_once, django_assert_num_queries
):
    url = catalogue["three_for_one"].get_absolute_url()
    served_once(client, url)

    with django_assert_num_queries(PRACTICE_PAGE_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


def test_workflow_preview_renders_an_unsaved_practice(catalogue):
    practice = Practice(
        title="Unsaved preview title",
        summary="Preview summary.",
        lead_state=catalogue["mexico"],
        pillar=catalogue["pillar"],
    )
    request = RequestFactory().get("/en/preview/")

    article = selectors.practice_article(request, practice, preview=True)

    html = render_to_string(
        "practices/practice_detail.html",
        {"practice": practice, "preview": True, "article": article},
        request=request,
    )

    assert "Unsaved preview title" in html
    assert "Preview:" in html
    assert "Cite this practice" not in html


def test_workflow_preview_of_a_saved_draft_shows_its_relations(catalogue):
    draft = catalogue["draft"]
    request = RequestFactory().get("/en/preview/")

    article = selectors.practice_article(request, draft, preview=True)

    html = render_to_string(
        "practices/practice_detail.html",
        {"practice": draft, "preview": True, "article": article},
        request=request,
    )

    assert "Secret draft remittance scheme" in html
    assert catalogue["remittances"].display_name in html


def test_state_profile_shows_region_bodies_practices_contacts_and_findings(client, catalogue):
    mexico = catalogue["mexico"]
    body = factories.RegionalBodyFactory(acronym="NAFTA", name="North American body")
    body.members.add(mexico)
    mexico.findings.create(kind="obstacle", text="Remittance costs were high.", source_section="3")

    response = client.get(reverse("states:state_detail", args=["mexico"]))

    html = response.content.decode()
    for expected in [
        "Americas",
        "North American body",
        "Three-for-One",
        catalogue["pillar"].display_name,
        "GFMD focal point:",
        "Institute of Mexicans Abroad",
        "Remittance costs were high.",
    ]:
        assert expected in html, expected


def test_states_index_groups_states_by_region_with_practice_counts(client, catalogue):
    response = client.get(reverse("states:state_list"))

    by_region = {region.slug: states for region, states in response.context["by_region"].items()}
    americas = {state.slug: state.practice_count for state in by_region["americas"]}
    assert americas == {"colombia": 1, "mexico": 1}


def test_theme_pillar_and_body_pages_list_their_published_practices(client, catalogue):
    body = factories.RegionalBodyFactory(acronym="ECOWAS")
    catalogue["ghanaian"].partner_bodies.add(body)

    theme = client.get(reverse("practices:theme_detail", args=["remittances"]))
    pillar = client.get(reverse("practices:pillar_detail", args=[catalogue["pillar"].slug]))
    body_page = client.get(reverse("states:body_detail", args=[body.slug]))

    def slugs(response):
        return {p.slug for p in response.context["page_obj"].object_list}

    assert slugs(theme) == {"mexico-3x1", "ghana-remittance-costs"}
    assert slugs(pillar) == {"mexico-3x1", "ghana-remittance-costs"}
    assert slugs(body_page) == {"ghana-remittance-costs"}


@pytest.mark.parametrize(
    "url_name",
    ["home", "practice_list", "practice", "state_list", "state", "theme", "pillar"],
)
def test_every_page_has_its_own_title_and_meta_description(client, catalogue, url_name):
    urls = {
        "home": reverse("home"),
        "practice_list": reverse("practices:practice_list"),
        "practice": catalogue["three_for_one"].get_absolute_url(),
        "state_list": reverse("states:state_list"),
        "state": reverse("states:state_detail", args=["mexico"]),
        "theme": reverse("practices:theme_detail", args=["remittances"]),
        "pillar": reverse("practices:pillar_detail", args=[catalogue["pillar"].slug]),
    }
    title, description = title_and_description(client.get(urls[url_name]))

    assert title
    assert len(description) > 40
    if url_name != "home":
        assert title != "GFMD good-practice platform"


@pytest.mark.parametrize("listing", LIST_PAGE_QUERIES)
def test_list_pages_take_a_fixed_number_of_queries(
    client, catalogue, reindex, served_once, django_assert_num_queries, listing
):
    theme = catalogue["remittances"]
    body = factories.RegionalBodyFactory(acronym="ECOWAS", slug="ecowas")
    for number in range(25):
        practice = factories.PracticeFactory(
            title=f"Remittance survey {number}", lead_state=catalogue["mexico"], themes=[theme]
        )
        practice.partner_states.add(catalogue["ghana"])
        practice.partner_bodies.add(body)
    reindex()
    url = LIST_PAGES[listing]
    served_once(client, url)

    with django_assert_num_queries(LIST_PAGE_QUERIES[listing]):
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    if listing.startswith("search"):
        assert response.context["result_count"] > 20, "more than a page of results"


def test_practice_page_is_cached_per_language_until_the_next_publication(
    client, catalogue, moderator, django_capture_on_commit_callbacks, django_assert_num_queries
):
    url = catalogue["three_for_one"].get_absolute_url()
    client.get(url)
    with django_assert_num_queries(CACHED_PRACTICE_PAGE_QUERIES):
        assert client.get(url).status_code == 200
    assert "En bref" in client.get(url.replace("/en/", "/fr/", 1)).content.decode()
    newcomer = factories.PracticeFactory(
        title="Mexican consular IDs",
        lead_state=catalogue["mexico"],
        status=Practice.Status.SUBMITTED,
        published_at=None,
    )

    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(newcomer, by=moderator)

    assert "Mexican consular IDs" in client.get(url).content.decode()

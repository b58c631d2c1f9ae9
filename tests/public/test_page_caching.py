"""Pages whose content is rendered once and shared by every reader stay exact and personal.

The home page's content is rendered once per language until the next publication; the menu,
footer, head links and language list of every page once per language in each process
(``{% per_language %}``). What is the reader's own (the account menu, the CSRF token, the
address the language switcher returns to) is rendered on each request.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from practices import workflow
from practices.models import Practice
from tests import factories
from tests.support import home_practice_count

pytestmark = pytest.mark.django_db

# The home page after a publication: the practices counted, the States involved, the bodies,
# the per-theme and per-State counts, regions, themes, pillars and the latest practices (their
# links in one query); then, its content cached, none (an anonymous reader has no session).
HOME_QUERIES = 10
CACHED_HOME_QUERIES = 0


def csrf_token_of(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


def without_token(html):
    return html.replace(csrf_token_of(html), "")


def test_the_cached_home_page_shows_a_publication_at_once(
    client, catalogue, moderator, django_capture_on_commit_callbacks
):
    draft = catalogue["draft"]
    assert draft.title not in client.get("/en/").content.decode()
    Practice.objects.filter(pk=draft.pk).update(status=Practice.Status.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(Practice.objects.get(pk=draft.pk), by=moderator)

    assert draft.title in client.get("/en/").content.decode()
    assert home_practice_count(client) == 4


def test_a_signed_in_reader_never_sees_another_readers_menu_on_the_home_page(catalogue):
    first, second = factories.UserFactory(), factories.UserFactory()
    first_client, second_client, anonymous = Client(), Client(), Client()
    first_client.force_login(first)
    second_client.force_login(second)

    first_page = first_client.get("/en/").content.decode()
    second_page = second_client.get("/en/").content.decode()
    anonymous_page = anonymous.get("/en/").content.decode()

    assert first.username in first_page and first.username not in second_page
    assert second.username in second_page
    assert first.username not in anonymous_page and second.username not in anonymous_page
    assert reverse("login") in anonymous_page
    # The content itself is the same shared copy for all three.
    assert "Three-for-One" in second_page and "Three-for-One" in anonymous_page


def test_each_reader_gets_a_csrf_token_that_works_for_their_own_cookie(catalogue):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_token = csrf_token_of(first.get("/en/").content.decode())
    second_token = csrf_token_of(second.get("/en/").content.decode())

    accepted = first.post(
        reverse("set_language"),
        {"language": "fr", "next": "/en/", "csrfmiddlewaretoken": first_token},
    )
    refused = second.post(
        reverse("set_language"),
        {"language": "fr", "next": "/en/", "csrfmiddlewaretoken": "x" + first_token[1:]},
    )

    assert accepted.status_code == 302
    assert refused.status_code == 403
    assert second_token != first_token


def test_each_language_gets_its_own_home_page_and_menu(client, catalogue):
    english = client.get("/en/").content.decode()
    french = client.get("/fr/").content.decode()
    english_again = client.get("/en/").content.decode()

    assert '<html lang="fr"' in french
    # The menu, the footer and the content in French, their links under /fr/.
    assert 'href="/fr/practices/"' in french and 'href="/en/practices/"' not in french
    assert 'href="/fr/themes/' in french
    assert 'name="language"' in french and '<option value="fr" selected' in french
    # The same page but for the CSRF token, masked afresh on each request.
    assert without_token(english_again) == without_token(english)
    assert '<option value="en" selected' in english


def test_the_language_switcher_returns_each_reader_to_their_own_address(client, catalogue):
    client.get("/en/")

    html = client.get("/en/?utm_source=newsletter").content.decode()

    assert 'name="next" type="hidden" value="/en/?utm_source=newsletter"' in html


def test_the_home_page_takes_a_fixed_number_of_queries_cold_and_none_cached(
    client, catalogue, served_once, django_assert_num_queries
):
    served_once(client, "/en/")

    with django_assert_num_queries(HOME_QUERIES):
        client.get("/en/")
    with django_assert_num_queries(CACHED_HOME_QUERIES):
        assert client.get("/en/").status_code == 200

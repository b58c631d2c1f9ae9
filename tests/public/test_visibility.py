"""Drafts and rejected practices, and non-public contacts, never appear anywhere public."""

import pytest
from django.urls import reverse

from practices.indexing import update_search_index
from practices.models import Practice
from search.models import SearchDocument
from tests import factories

pytestmark = pytest.mark.django_db

SECRET_WORDS = ["Secret draft remittance scheme", "secret-draft", "Rejected remittance idea"]


def public_urls(catalogue):
    return [
        reverse("home"),
        reverse("practices:practice_list"),
        reverse("practices:practice_list") + "?q=remittance",
        reverse("practices:practice_list") + "?q=secret",
        reverse("practices:practice_list") + "?state=mexico",
        reverse("practices:practice_export"),
        reverse("practices:practice_export") + "?q=remittance",
        reverse("practices:theme_detail", args=["remittances"]),
        reverse("practices:pillar_detail", args=[catalogue["pillar"].slug]),
        reverse("states:state_list"),
        reverse("states:state_detail", args=["mexico"]),
        reverse("practices:feed"),
        reverse("practices:theme_feed", args=["remittances"]),
        reverse("practices:state_feed", args=["mexico"]),
        "/sitemap-practices.xml",
    ]


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_drafts_and_rejected_practices_never_appear_on_any_public_page(client, catalogue):
    for url in public_urls(catalogue):
        response = client.get(url)
        assert response.status_code == 200, url
        text = body(response)
        for word in SECRET_WORDS:
            assert word not in text, (url, word)


def test_published_practices_do_appear_on_the_same_pages(client, catalogue):
    for url in [reverse("practices:practice_export"), "/sitemap-practices.xml"]:
        assert "mexico-3x1" in body(client.get(url))
    assert "Three-for-One" in body(client.get(reverse("practices:feed")))


@pytest.mark.parametrize("key", ["draft", "rejected"])
def test_unpublished_practice_pages_are_not_found(client, catalogue, key):
    response = client.get(catalogue[key].get_absolute_url())

    assert response.status_code == 404


def test_even_the_owning_submitter_does_not_see_drafts_on_public_pages(client, catalogue):
    client.force_login(factories.SubmitterFactory(states=[catalogue["mexico"]]))

    response = client.get(reverse("practices:practice_list"), {"q": "secret"})

    assert response.context["result_count"] == 0


def test_a_pending_revision_of_a_published_practice_stays_out(client, catalogue):
    original = catalogue["three_for_one"]
    factories.PracticeFactory(
        title="Revised 3x1 wording",
        lead_state=catalogue["mexico"],
        revision_of=original,
        status=Practice.Status.SUBMITTED,
        published_at=None,
    )
    update_search_index()

    response = client.get(reverse("practices:practice_list"), {"q": "Revised"})

    assert response.context["result_count"] == 0


def test_archiving_removes_a_practice_from_search_once_reindexed(client, catalogue):
    practice = catalogue["ghanaian"]
    Practice.objects.filter(pk=practice.pk).update(status=Practice.Status.ARCHIVED)

    update_search_index([practice])

    assert not SearchDocument.objects.filter(practice=practice).exists()
    response = client.get(reverse("practices:practice_list"), {"q": "mobile"})
    assert response.context["result_count"] == 0


def test_non_public_contacts_never_appear(client, catalogue):
    hidden = catalogue["hidden_contact"].name
    shown = catalogue["public_contact"].name
    for url in [
        catalogue["three_for_one"].get_absolute_url(),
        reverse("states:state_detail", args=["mexico"]),
    ]:
        text = client.get(url).content.decode()
        assert shown in text, url
        assert hidden not in text, url

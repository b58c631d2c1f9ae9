""" "Did you mean": a search that finds few or no practices offers the index's nearest words.

PostgreSQL finds them by trigram similarity over the vocabulary (``search_vocabulary``, kept by
the index writer); the page shows one link that keeps every filter, and the API returns the
same in ``suggestions``. The vocabulary rows are written here directly: what fills it is the
index writer's business (``search.vocabulary``), tested with it.
"""

import importlib.util
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.urls import reverse

from search.backends import get_backend
from search.backends.base import SearchBackend
from search.models import Vocabulary

pytestmark = pytest.mark.django_db

SEARCH = reverse("practices:practice_list")
API = "/api/v1/practices/"
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="pg_trgm suggestions; SQLite's come with the FTS5 backend (search.vocabulary)",
)


@pytest.fixture
def vocabulary(catalogue):
    # The catalogue's indexing wrote its own words: these tests state theirs.
    Vocabulary.objects.all().delete()
    for word, documents in [("remittances", 2), ("remittance", 1), ("diaspora", 2), ("mobile", 1)]:
        Vocabulary.objects.create(word=word, language="en", documents=documents)


@postgresql_only
def test_a_misspelt_word_is_offered_its_nearest_indexed_word(vocabulary):
    assert get_backend().suggest(["remitances", "diaspora"], "en") == {"remitances": "remittances"}


@postgresql_only
def test_the_page_offers_one_link_that_keeps_every_filter(client, vocabulary):
    response = client.get(SEARCH, {"q": "remitances", "theme": "remittances", "ordering": "title"})

    assert response.context["suggestion"]["text"] == "remittances"
    query = QueryDict(response.context["suggestion"]["query"])
    assert query.dict() == {"q": "remittances", "theme": "remittances", "ordering": "title"}
    html = response.content.decode()
    assert html.count('class="did-you-mean"') == 1
    assert ">remittances</a>?" in html


@postgresql_only
def test_the_api_returns_the_suggestion_with_the_query_to_ask_instead(client, vocabulary):
    data = client.get(API, {"q": "remitances", "region": "africa"}).json()

    assert data["count"] == 0
    (suggestion,) = data["suggestions"]
    assert suggestion["text"] == "remittances"
    assert QueryDict(suggestion["query"]).dict() == {"q": "remittances", "region": "africa"}


@postgresql_only
def test_a_search_with_enough_hits_is_offered_nothing(client, vocabulary):
    Vocabulary.objects.create(word="mobil", language="en", documents=1)

    response = client.get(SEARCH, {"q": "remittance"})
    api = client.get(API, {"q": "remittance"}).json()

    assert response.context["suggestion"] is None
    assert api["suggestions"] == []


def test_a_backend_without_a_vocabulary_suggests_nothing(vocabulary):
    assert SearchBackend.suggest(["remitances"], "en") == {}


def test_the_schema_documents_the_suggestions_field(client, db):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()

    listing = schema["components"]["schemas"]["PaginatedPracticeOrTombstoneList"]
    assert "suggestions" in listing["properties"]


def test_the_relevance_script_measures_a_small_judged_subset(db, tmp_path):
    call_command("load_default_data", verbosity=0)
    path = Path(settings.BASE_DIR) / "scripts" / "evaluate_search.py"
    spec = importlib.util.spec_from_file_location("evaluate_search", path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)

    result = script.main(["--limit", "2", "--json"])

    assert set(result["by_language"]) == {"en", "fr", "es"}
    assert result["overall"]["queries"] == 6
    assert result["overall"]["MRR"] == 1.0

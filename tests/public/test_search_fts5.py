"""Full-text search on the embedded default (SQLite FTS5) and what both engines share: stems,
accents, the websearch syntax, hostile input, ranking by field, the vocabulary behind "did you
mean"."""

import pytest
from django.db import connection

from practices.models import Practice
from practices.workflow import refresh_public_reads
from search import vocabulary
from search.backends import get_backend
from search.backends.sqlite.analysis import match_expression
from search.models import Vocabulary
from search.text import highlight, words_of
from tests import factories

pytestmark = pytest.mark.django_db
SEARCH = "/en/practices/"
ON_SQLITE = connection.vendor == "sqlite"


def slugs(response):
    assert response.status_code == 200
    return {practice.slug for practice in response.context["page_obj"].object_list}


def ranked(response):
    return [practice.slug for practice in response.context["page_obj"].object_list]


@pytest.fixture
def practices(db, reindex):
    """Practices whose words come in several forms, with and without accents."""
    made = {
        "seasonal": factories.PracticeFactory(
            slug="seasonal-scheme",
            title="Pilot seasonal worker scheme for the Pacific",
            summary="Workers come each season for the harvest.",
        ),
        "bond": factories.PracticeFactory(
            slug="diaspora-bond",
            title="Diaspora bond",
            summary="A bond sold to emigrants to fund public works.",
        ),
        "remittance": factories.PracticeFactory(
            slug="remittance-costs",
            title="Lowering remittance costs",
            summary="Cheaper transfers home.",
        ),
        "codev": factories.PracticeFactory(
            slug="codeveloppement",
            language="fr",
            title="Le codéveloppement avec les communes",
            summary="Des projets de développement portés par la diaspora.",
        ),
        "body": factories.PracticeFactory(
            slug="body-mention",
            title="Labour attachés abroad",
            summary="Attachés help nationals.",
            description="They also advise on remittances sent home.",
        ),
    }
    reindex()
    return made


def test_a_reader_who_types_seasonal_workers_finds_the_seasonal_worker_scheme(client, practices):
    assert slugs(client.get(SEARCH, {"q": "seasonal workers"})) == {"seasonal-scheme"}
    assert slugs(client.get(SEARCH, {"q": "seasonal workers Pacific"})) == {"seasonal-scheme"}


def test_a_reader_finds_the_same_practices_for_a_word_and_its_plural(client, practices):
    singular = slugs(client.get(SEARCH, {"q": "remittance"}))
    plural = slugs(client.get(SEARCH, {"q": "remittances"}))

    assert singular == plural == {"remittance-costs", "body-mention"}


def test_a_reader_who_types_diaspora_bonds_finds_the_diaspora_bond(client, practices):
    assert slugs(client.get(SEARCH, {"q": "diaspora bonds"})) == {"diaspora-bond"}


UNACCENT_ON_POSTGRESQL = pytest.mark.skipif(
    not ON_SQLITE, reason="PostgreSQL's unaccent configurations are searchpg's"
)


@pytest.mark.parametrize(
    "query",
    [
        "codéveloppement",
        "CODÉVELOPPEMENT",
        pytest.param("codeveloppement", marks=UNACCENT_ON_POSTGRESQL),
        pytest.param("CODEVELOPPEMENT", marks=UNACCENT_ON_POSTGRESQL),
    ],
)
def test_accents_and_case_never_decide_what_a_reader_finds(client, practices, query):
    assert slugs(client.get(SEARCH, {"q": query})) == {"codeveloppement"}


@UNACCENT_ON_POSTGRESQL
def test_an_accented_query_finds_the_unaccented_word(client, practices):
    assert slugs(client.get(SEARCH, {"q": "diáspora bónd"})) == {"diaspora-bond"}


def test_a_quoted_phrase_matches_its_words_in_a_row_only(client, practices):
    assert slugs(client.get(SEARCH, {"q": '"seasonal workers"'})) == {"seasonal-scheme"}
    assert slugs(client.get(SEARCH, {"q": '"workers seasonal"'})) == set()


def test_or_gives_alternatives_and_a_minus_excludes(client, practices):
    either = slugs(client.get(SEARCH, {"q": "bond OR seasonal"}))
    without = slugs(client.get(SEARCH, {"q": "remittances -attachés"}))

    assert either == {"diaspora-bond", "seasonal-scheme"}
    assert without == {"remittance-costs"}


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"""',
        "NEAR(bond diaspora, 2)",
        "bond*",
        "^bond",
        "title:bond",
        "{title}: bond",
        "bond AND",
        "NOT bond",
        "bond OR",
        "( bond",
        "bond )",
        "-",
        "- - -",
        "-bond",
        "the",
        "OR OR",
        '"bond" : *',
        "\x00bond",
        "b" * 5000,
    ],
)
def test_hostile_search_syntax_gives_a_page_and_an_api_answer_never_an_error(
    client, practices, query
):
    response = client.get(SEARCH, {"q": query})

    assert response.status_code == 200
    assert client.get("/api/v1/practices/", {"q": query}).status_code == 200
    if set(words_of(query)) == {"bond"} and not query.startswith("-"):
        # FTS5's operators are plain words here, and punctuation is no word: "bond" is found.
        assert "diaspora-bond" in slugs(response)


def test_fts5_operators_in_user_text_are_quoted_words_only():
    expression = match_expression('NEAR(a, b) title:x "y" * ^z')

    inside = expression.split("} : (", 1)[1]
    assert "NEAR(" not in inside and "*" not in inside and "^" not in inside
    assert '"near"' in inside and '"titl' in inside


def test_a_title_hit_ranks_above_a_body_hit(client, practices):
    order = ranked(client.get(SEARCH, {"q": "remittances"}))

    assert order == ["remittance-costs", "body-mention"]


def test_a_withdrawn_practice_is_no_longer_found(client, practices):
    bond = practices["bond"]
    Practice.objects.filter(pk=bond.pk).update(status=Practice.Status.DRAFT)
    refresh_public_reads([bond.pk])

    assert slugs(client.get(SEARCH, {"q": "diaspora bond"})) == set()


def test_a_search_of_stop_words_only_finds_nothing(client, practices):
    assert slugs(client.get(SEARCH, {"q": "the of and"})) == set()


def test_indexing_keeps_the_readable_words_of_each_language(practices):
    words = set(Vocabulary.objects.filter(language="en").values_list("word", flat=True))
    french = set(Vocabulary.objects.filter(language="fr").values_list("word", flat=True))

    assert {"remittances", "seasonal", "diaspora", "bond"} <= words
    assert "codéveloppement" in french
    assert Vocabulary.objects.get(word="diaspora", language="en").documents == 1


def test_the_nearest_words_are_within_two_edits(practices):
    assert vocabulary.nearest(["remitances", "zzyzxq"], "en") == {"remitances": ["remittances"]}


@pytest.mark.skipif(not ON_SQLITE, reason="PostgreSQL's suggestions (pg_trgm) are searchpg's")
def test_a_misspelt_word_is_offered_the_indexed_word_it_resembles(practices):
    suggestions = get_backend().suggest(["remitances", "bond", "zzyzxq"], "en")

    assert suggestions == {"remitances": "remittances"}


def test_highlighting_marks_accented_and_unaccented_forms_alike():
    text = "Le codéveloppement et le codeveloppement."

    marked = highlight(text, "codeveloppement", language="fr")

    assert marked.count("<mark>") == 2
    assert "<mark>codéveloppement</mark>" in highlight(text, "CODÉVELOPPEMENT", language="fr")

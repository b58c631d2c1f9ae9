"""Search finds practices by their published translations, in each translation's language
(issue 18), on PostgreSQL and SQLite alike; its cards read in the reader's language.

The choice (docs/search.md): a practice with a published Spanish translation is, for search,
a document in English and in Spanish, whoever asks. A Spanish reader finds it by the Spanish
words, stemmed as Spanish; so does an English reader (the card then shows the original).
"""

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict

from practices import translation_workflow as workflow
from practices.filters import PracticeFilter
from practices.indexing import update_search_index
from practices.models import Practice
from practices.search_results import search, searchable
from practices.workflow import refresh_public_reads
from search.models import SearchDocument
from tests import factories
from tests.public.test_search import FIRST_PAGE_QUERIES, NEXT_PAGE_QUERIES

pytestmark = pytest.mark.django_db
ON_POSTGRESQL = connection.vendor == "postgresql"

SPANISH = {
    "title": "Remesa para el desarrollo local",
    "summary": "Las familias envían remesas familiares cada mes a su comunidad de origen.",
    "description": "Un fondo común multiplica cada remesa.",
    "objectives": "",
    "results": "",
    "lessons": "",
}
RUSSIAN = {
    "title": "Денежный перевод для общины",
    "summary": "Семьи отправляют денежный перевод каждый месяц.",
    "description": "",
    "objectives": "",
    "results": "",
    "lessons": "",
}


@pytest.fixture
def practice(state, reindex):
    found = factories.PracticeFactory(
        slug="hometown-fund",
        lead_state=state,
        language="en",
        title="Hometown investment fund",
        summary="Emigrants pool savings to build schools in the towns they left.",
    )
    factories.PracticeFactory(slug="unrelated", title="Seasonal workers", summary="Harvests.")
    reindex()
    return found


def _translation(practice, submitter, text=SPANISH, language="es"):
    return workflow.save_translation(practice=practice, language=language, text=text, by=submitter)


def _published(practice, submitter, moderator, text=SPANISH, language="es"):
    translation = _translation(practice, submitter, text, language)
    workflow.submit_translation(translation=translation, by=submitter)
    workflow.approve_translation(translation=translation, by=moderator)
    return translation


def found(client, query, language="es"):
    response = client.get(f"/{language}/practices/", {"q": query})
    assert response.status_code == 200
    return [card.slug for card in response.context["page_obj"].object_list]


def api_found(client, query, language="es"):
    response = client.get("/api/v1/practices/", {"q": query, "lang": language})
    assert response.status_code == 200
    return response.json()["results"]


def test_a_spanish_reader_finds_an_english_practice_by_its_published_spanish_translation(
    client, practice, submitter, moderator
):
    assert found(client, "remesas") == []
    _published(practice, submitter, moderator)

    assert found(client, "remesas") == ["hometown-fund"]
    # Stemmed as Spanish: the plurals find the singulars of the translation's title.
    assert found(client, "remesas desarrollos") == ["hometown-fund"]
    assert found(client, '"remesas familiares"') == ["hometown-fund"]
    # Its own English words still find it.
    assert found(client, "schools") == ["hometown-fund"]


def test_the_api_s_text_search_with_lang_es_finds_it_and_gives_the_spanish_text(
    client, practice, submitter, moderator
):
    _published(practice, submitter, moderator)

    results = api_found(client, "remesas familiares")

    assert [item["slug"] for item in results] == ["hometown-fund"]
    assert results[0]["title"] == SPANISH["title"]
    assert results[0]["language"] == "en"


def test_an_english_reader_finds_it_by_the_spanish_words_too_and_sees_the_original(
    client, practice, submitter, moderator
):
    _published(practice, submitter, moderator)

    assert found(client, "remesas", language="en") == ["hometown-fund"]
    html = client.get("/en/practices/", {"q": "remesas"}).content.decode()
    assert "Hometown investment fund" in html
    assert SPANISH["title"] not in html
    assert [item["title"] for item in api_found(client, "remesas", "en")] == [
        "Hometown investment fund"
    ]


def test_the_translated_title_and_snippet_are_shown_on_es_with_its_lang_and_the_original_on_en(
    client, practice, submitter, moderator
):
    _published(practice, submitter, moderator)

    spanish = client.get("/es/practices/", {"q": "remesas"}).content.decode()
    english = client.get("/en/practices/", {"q": "schools"}).content.decode()

    assert SPANISH["title"] in spanish
    assert "Hometown investment fund" not in spanish
    assert "<mark>remesas</mark>" in spanish  # the snippet comes from the translation
    # The card's text is Spanish, the page's language: no lang of its own.
    card = spanish[spanish.index('<article class="card"') :].split(">", 1)[0]
    assert "lang=" not in card
    assert "Hometown investment fund" in english
    assert SPANISH["title"] not in english


def _revised(practice, submitter, moderator, **text):
    revision = workflow.save_translation(
        practice=practice, language="es", text={**SPANISH, **text}, by=submitter
    )
    workflow.submit_translation(translation=revision, by=submitter)
    workflow.approve_translation(translation=revision, by=moderator)


def test_a_translation_revised_twice_shows_and_is_found_by_its_latest_text_only(
    client, practice, submitter, moderator
):
    translation = _published(practice, submitter, moderator)
    # Each approved revision stays in the table as "published" (the audit trail).
    _revised(practice, submitter, moderator, title="Fondo de becas", summary="Becas escolares.")
    _revised(practice, submitter, moderator, title="Fondo de aulas", summary="Aulas nuevas.")
    translation.refresh_from_db()
    assert translation.title == "Fondo de aulas"

    assert found(client, "aulas") == ["hometown-fund"]
    assert found(client, "becas") == []
    page = client.get("/es/practices/", {"q": "aulas"}).content.decode()
    assert page.count("Fondo de aulas") == 1
    assert "Fondo de becas" not in page
    assert SPANISH["title"] not in page


def test_a_card_shown_in_the_original_keeps_the_original_s_lang(client, practice):
    french = client.get("/fr/practices/", {"q": "schools"}).content.decode()

    card = french[french.index('<article class="card"') :].split(">", 1)[0]
    assert 'lang="en"' in card


def test_draft_submitted_and_rejected_translations_are_never_indexed(
    client, practice, submitter, moderator
):
    translation = _translation(practice, submitter)
    assert found(client, "remesas") == []
    workflow.submit_translation(translation=translation, by=submitter)
    # A reindex of the practice (as any publication makes) reads published translations only.
    refresh_public_reads([practice])
    assert found(client, "remesas") == []
    workflow.reject_translation(translation=translation, by=moderator, comment="Not yet.")
    refresh_public_reads([practice])
    assert found(client, "remesas") == []
    assert found(client, "remesas", "en") == []
    assert api_found(client, "remesas") == []


def test_publishing_a_translation_reindexes_its_practice_and_deleting_it_takes_it_out(
    client, practice, submitter, moderator
):
    translation = _published(practice, submitter, moderator)
    assert found(client, "remesas") == ["hometown-fund"]

    translation.delete()

    assert found(client, "remesas") == []
    assert found(client, "schools") == ["hometown-fund"]


def test_deleting_a_translated_practice_removes_its_row(practice, submitter, moderator):
    _published(practice, submitter, moderator)

    Practice.objects.filter(pk=practice.pk).delete()

    assert not SearchDocument.objects.filter(practice_id=practice.pk).exists()


def test_a_russian_translation_is_found_by_russian_words_in_another_form(
    client, practice, submitter, moderator
):
    _published(practice, submitter, moderator, text=RUSSIAN, language="ru")

    # "переводы" (plural) finds "перевод": PostgreSQL's russian stemmer, Snowball's on SQLite.
    assert found(client, "денежные переводы", language="ru") == ["hometown-fund"]
    html = client.get("/ru/practices/", {"q": "переводы"}).content.decode()
    assert RUSSIAN["title"] in html


def test_the_filterset_finds_the_same_practices_in_the_same_order_as_the_engine(
    practice, submitter, moderator
):
    other = factories.PracticeFactory(
        slug="remesa-original",
        language="es",
        title="Remesas colectivas",
        summary="Una remesa de la diáspora para la escuela.",
    )
    update_search_index([other])
    _published(practice, submitter, moderator)
    for query in ("remesas", "remesa escuela", "remesas OR schools", "remesas -diáspora"):
        data = QueryDict(urlencode({"q": query}))
        practice_filter = PracticeFilter(data, queryset=searchable(), request=None)
        by_engine = [card.slug for card in search(practice_filter).page.object_list]
        by_filterset = list(
            PracticeFilter(
                data, queryset=Practice.objects.published(), request=None
            ).qs.values_list("slug", flat=True)
        )
        assert by_engine == by_filterset, query
    assert by_engine == ["hometown-fund"]  # the last query: the Spanish original excluded


def test_the_search_page_takes_no_more_queries_with_translations_present(
    client, catalogue, reindex, moderator, served_once, django_assert_num_queries
):
    # As the pinned test of the page without translations (``test_search``), a third of the
    # practices translated into the reader's language.
    theme, ghana = catalogue["remittances"], catalogue["ghana"]
    submitter = factories.SubmitterFactory(states=[ghana])
    practices = [
        factories.PracticeFactory(
            title=f"Remittance practice {number}",
            lead_state=ghana,
            themes=[theme],
        )
        for number in range(30)
    ]
    reindex()
    for translated in practices[::3]:
        _published(translated, submitter, moderator)
    params = {"q": "remittance", "theme": "remittances", "region": "africa", "state": "ghana"}
    served_once(client, f"/es/practices/?{urlencode(params)}")

    with django_assert_num_queries(FIRST_PAGE_QUERIES):
        response = client.get("/es/practices/", params)
    cards = response.context["page_obj"].object_list
    assert len(cards) == 20
    with django_assert_num_queries(NEXT_PAGE_QUERIES):
        response = client.get("/es/practices/", {**params, "page": 2})
    cards += response.context["page_obj"].object_list
    assert sum(getattr(card, "translated_card", False) for card in cards) == len(practices[::3])

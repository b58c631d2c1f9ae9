"""The search index's rows stay narrow on PostgreSQL (``search.0013_narrow_heap_rows``): the
long values (the vector, the names in six languages) are stored out of line, and what searches
read of every hit (title, facets) stays whole in the row, so that counting hits reads few
pages."""

import pytest
from django.db import connection
from django_countries import countries

from tests import factories

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row storage is PostgreSQL's"),
]

# About 1,500 characters of distinct words: a vector well past PostgreSQL's 2 KB threshold.
PROSE = " ".join(f"remittance{n} diaspora{n} corridor{n}" for n in range(60))
STATES = [code for code, _name in list(countries)[:120]]


def the_row(*columns):
    """``columns`` of the one index row, and its length as stored in its page
    (``pageinspect``): what a search reading the row reads."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        page = "(d.ctid::text::point)[0]::int"
        cursor.execute(
            f"SELECT {', '.join(columns)}, p.lp_len FROM search_searchdocument d, LATERAL "  # noqa: S608
            f"heap_page_items(get_raw_page('search_searchdocument', {page})) p "
            "WHERE p.lp = (d.ctid::text::point)[1]::int"
        )
        return cursor.fetchone()


def test_the_row_of_a_practice_naming_many_states_keeps_their_names_out_of_line(reindex):
    # Twenty partner States: their names in six languages, over 1,000 characters that the
    # row held inline (1,677 bytes measured before the migration, 520 after).
    partners = [factories.StateFactory(iso2=code) for code in STATES[:20]]
    factories.PracticeFactory().partner_states.set(partners)
    reindex()

    names, row_bytes = the_row("length(d.names)")

    assert names > 1000
    assert row_bytes < 800


def test_the_facets_searches_read_stay_whole_and_uncompressed_in_the_row(reindex):
    states = [factories.StateFactory(iso2=code) for code in STATES]
    factories.PracticeFactory(summary=PROSE).partner_states.set(states)
    reindex()

    facet_keys, state_ids, compressed, row_bytes = the_row(
        "cardinality(d.facet_keys)",
        "cardinality(d.state_ids)",
        "pg_column_compression(d.facet_keys)",
    )

    assert state_ids >= 120
    # ~1 KB of integers, past the row's target of 128 bytes, yet every 4-byte element of both
    # arrays is in the row itself, not compressed and not moved out of line.
    assert compressed is None
    assert row_bytes > 4 * (facet_keys + state_ids)

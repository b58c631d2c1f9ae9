"""PostgreSQL only: every facet membership of a practice as one integer array (``facet_keys``).

All facet counts then come from one ``unnest`` and one ``GROUP BY`` over the hits, about twice
as fast at 100,000 practices as grouping the separate arrays. Filled here from the columns that
``0002`` added; ``search.indexing`` keeps it up to date (same encoding as
``search.backends.postgres.columns.FACET_KEYS_SQL``, frozen here as a migration must be).
"""

from django.db import migrations

FACET_KEYS = (
    "ARRAY[0] "
    "|| ARRAY(SELECT 100000000 + v FROM unnest(theme_ids) v) "
    "|| ARRAY(SELECT 200000000 + v FROM unnest(gcm_ids) v) "
    "|| ARRAY(SELECT 300000000 + v FROM unnest(region_ids) v) "
    "|| ARRAY(SELECT 400000000 + v FROM unnest(state_ids) v) "
    "|| ARRAY[500000000 + pillar_id::integer] "
    "|| CASE stage WHEN 'planned' THEN ARRAY[600000001] WHEN 'pilot' THEN ARRAY[600000002] "
    "WHEN 'ongoing' THEN ARRAY[600000003] WHEN 'completed' THEN ARRAY[600000004] "
    "ELSE '{}'::integer[] END "
    "|| ARRAY(SELECT 700000000 + decade FROM unnest(ARRAY[1970, 1980, 1990, 2000, 2010, 2020]) "
    "decade WHERE (end_year IS NULL OR end_year >= decade) "
    "AND (start_year IS NULL OR start_year <= decade + 9))"
)


def add_facet_keys(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE search_searchdocument ADD COLUMN facet_keys integer[] NOT NULL DEFAULT '{}'"
    )
    schema_editor.execute(f"UPDATE search_searchdocument SET facet_keys = {FACET_KEYS}")


def drop_facet_keys(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchdocument DROP COLUMN facet_keys")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_rum_indexes")]

    operations = [migrations.RunPython(add_facet_keys, drop_facet_keys)]

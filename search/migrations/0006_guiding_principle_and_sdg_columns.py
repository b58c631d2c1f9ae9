"""PostgreSQL only: the index columns of the GCM guiding principle and SDG target facets.

Empty for every row, which is what each practice has when the classifications arrive (none is
filled in for the paper's practices), so ``facet_keys`` needs no refill: later saves index
them (``search.indexing``).
"""

from django.db import migrations

COLUMNS = ["principle_ids", "sdg_ids"]


def add_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f"ALTER TABLE search_searchdocument ADD COLUMN {column} integer[] NOT NULL DEFAULT '{{}}'"
        )


def drop_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    columns = ", ".join(f"DROP COLUMN {column}" for column in COLUMNS)
    schema_editor.execute(f"ALTER TABLE search_searchdocument {columns}")


class Migration(migrations.Migration):
    dependencies = [("search", "0005_top_results")]

    operations = [migrations.RunPython(add_columns, drop_columns)]

"""Help for migrations that rebuild the search index with the deployed code.

The index is derived data: a migration changing what it holds rebuilds it with the indexer of
the code being deployed. That indexer reads the tables as the deployed models describe them,
so it can only run once every migration adding a column they read has run: an older
migration applied together with newer ones leaves the rebuild to the last of them.
"""

from django.apps import apps as live_apps

# Set by a migration that could not rebuild (``defer_rebuild``), in this process: the
# migrations applied with it run in the same ``migrate`` command.
_deferred = {"rebuild": False}
# The apps whose tables the indexer reads (practices, their States and taxonomy, the index).
INDEXED_APPS = ("practices", "search", "states")


def live_schema_ready(connection):
    """Whether the tables hold every column the deployed models of ``INDEXED_APPS`` have, and
    the index table every column the PostgreSQL backend writes besides."""
    introspection = connection.introspection
    with connection.cursor() as cursor:
        tables = set(introspection.table_names(cursor))
        for label in INDEXED_APPS:
            for model in live_apps.get_app_config(label).get_models():
                table = model._meta.db_table
                if model._meta.proxy or not model._meta.managed:
                    continue
                if table not in tables:
                    return False
                columns = {c.name for c in introspection.get_table_description(cursor, table)}
                if any(field.column not in columns for field in model._meta.concrete_fields):
                    return False
        if connection.vendor == "postgresql":
            # The columns only the PostgreSQL backend writes, added by raw SQL migrations.
            from search.backends.postgres.columns import RAW_COLUMNS

            description = introspection.get_table_description(cursor, "search_searchdocument")
            if not set(RAW_COLUMNS) <= {column.name for column in description}:
                return False
    return True


def rebuild_search_index(schema_editor):
    """Rewrite every index row with the deployed indexer, as a bulk load does (text indexes
    built once afterwards), and make cached public reads stale. Call when there are rows and
    ``live_schema_ready``."""
    from practices.workflow import refresh_public_reads
    from search.indexing import rebuild_derived, text_indexes_suspended

    with text_indexes_suspended():
        refresh_public_reads(top_results=False)
        if schema_editor.connection.vendor == "postgresql":
            # The rows' deferred foreign-key checks run now: PostgreSQL builds no index on a
            # table with pending trigger events in the same transaction.
            schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    rebuild_derived()


def rebuild_or_defer(schema_editor):
    """Rebuild now if the schema is ready, else leave it to a later migration of this run."""
    if live_schema_ready(schema_editor.connection):
        rebuild_search_index(schema_editor)
        _deferred["rebuild"] = False
    else:
        _deferred["rebuild"] = True


def reindex_or_defer(schema_editor, ids):
    """Index the practices ``ids`` again now if the schema is ready, else leave a full rebuild
    to a later migration of this run (which covers them)."""
    if not live_schema_ready(schema_editor.connection):
        _deferred["rebuild"] = True
        return
    from practices.workflow import refresh_public_reads

    refresh_public_reads(ids)


def deferred_rebuild(schema_editor):
    """The rebuild an earlier migration of this run left (``rebuild_or_defer``), if any."""
    if _deferred["rebuild"]:
        rebuild_or_defer(schema_editor)

"""Keep the search index in step with what is published: the one writer of ``SearchDocument``.

The practices side says what is indexable and builds each row (``practices.indexing``); this
module writes the rows, removes those of practices no longer indexable, and tells the backend
of every change so that its derived data (PostgreSQL's top results, SQLite's full-text
table) follow; it also keeps the vocabulary "did you mean" draws on (``search.vocabulary``).
It reads the database's current state, so passing a stale object (or an id) is fine.
"""

from django.db import transaction

from . import vocabulary
from .backends import get_backend
from .models import SearchDocument
from .schema import SCALAR_COLUMNS

CHUNK_SIZE = 1000
# The fields of a ``search.schema.Document`` the ORM writes, then its ``scalars`` (the facet
# columns of one value per row); the rest are the backend's.
_FIELDS = ("language", "title", "published_at", "start_year", "end_year", "names")
_UPDATE_FIELDS = [name.removesuffix("_id") for name in (*_FIELDS, *SCALAR_COLUMNS)]


def update_index(indexable, practices, build, progress=None, top_results=True):
    """Index ``practices`` (objects or ids) of ``indexable``, or all of it when None.

    ``indexable`` is the queryset of what may have a row (live published practices); any
    other practice passed in loses its row, so calling this after any change of status is
    always right. ``build(ids)`` returns the ``search.schema.Document`` of each of those ids.
    ``progress(done, total)`` is called after each chunk. Returns the number indexed.

    The backend's derived data follow: a few practices are applied to them as they change; a
    full or bulk run builds them again afterwards, unless ``top_results`` is False (the caller
    then calls ``rebuild_derived`` itself, e.g. once the text indexes are back).
    Cached public reads are the caller's to make stale (``core.cache.public_content_changed``,
    which the workflow's publish hook calls).
    """
    backend = get_backend()
    if practices is None:
        ids = None
    else:
        ids = {getattr(practice, "pk", practice) for practice in practices}
    if ids is not None and len(ids) <= CHUNK_SIZE:
        with backend.changes(ids):
            indexed = _index(backend, indexable, ids, build, progress)
    else:
        backend.forget()
        if ids is None:
            vocabulary.clear()  # Every word is counted again below.
        indexed = _index(backend, indexable, ids, build, progress)
        if top_results:
            backend.rebuild()
    return indexed


def _index(backend, indexable, ids, build, progress):
    if ids is None:
        SearchDocument.objects.exclude(practice__in=indexable).delete()
        to_index = indexable
    else:
        SearchDocument.objects.filter(practice_id__in=ids).exclude(
            practice__in=indexable.filter(pk__in=ids)
        ).delete()
        to_index = indexable.filter(pk__in=ids)
    ids = list(to_index.order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), CHUNK_SIZE):
        chunk = ids[start : start + CHUNK_SIZE]
        with transaction.atomic():
            _write(backend, build(chunk))
        done += len(chunk)
        if progress:
            progress(done, len(ids))
    return len(ids)


def _write(backend, documents):
    documents = list(documents)
    SearchDocument.objects.bulk_create(
        [
            SearchDocument(
                practice_id=document.practice_id,
                **{name: getattr(document, name) for name in _FIELDS},
                **{column: document.scalars[column] for column in SCALAR_COLUMNS},
            )
            for document in documents
        ],
        update_conflicts=True,
        unique_fields=["practice"],
        update_fields=_UPDATE_FIELDS,
    )
    backend.write_columns(documents)
    vocabulary.record(documents)


def rows_changing(ids):
    """A context manager around a change of the index rows of ``ids`` made elsewhere (a
    deletion cascading to them), so that the backend's derived data follow."""
    return get_backend().changes(ids)


def rebuild_derived(progress=None):
    """Build the backend's derived data again from the whole index; returns how many items."""
    return get_backend().rebuild(progress)


def text_indexes_suspended():
    """A context manager for a bulk load: the backend's text indexes are built once after."""
    return get_backend().bulk_load()

"""The contract every search backend meets, and the paginator's lazily counted sequence.

A backend answers a bound ``PracticeFilter`` with ids and counts: the page's results (turned
into items by the caller's ``cards``), the hit count and the facet counts. What the results
look like is the caller's business (the practices side builds cards and facet items).

``cards`` is any object with two methods:

* ``load(ids)``: the items of those practice ids, in that order (a backend that ranks ids
  itself, in its own index, hands the page's ids to it);
* ``prepare(queryset)``: the FilterSet's queryset made ready to render (a backend that pages
  the FilterSet's own queryset hands it over before slicing).

Without ``cards``, the items are what the backend holds itself: ids where it ranks them in its
own index, the FilterSet's rows where it pages those.

A backend also owns the data it derives from the index (PostgreSQL's precomputed top
results): the index writer tells it of every change through the hooks below, which do nothing
here.
"""

from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from django.core.paginator import Paginator

from core.cache import cached, peek, search_count_key, search_facets_key, search_ids_key

from ..criteria import Criteria


class CountedSequence:
    """A result list for ``Paginator``: a known (or lazily computed) length, items by slice.

    ``count`` is the number of items, or a function returning it, called once and only if a
    paginator asks (a page beyond the first need not count again when its caller knows).
    ``fetch(slice)`` returns the items of one slice: only the page's are ever fetched.
    """

    def __init__(self, count, fetch):
        self._count = count
        self.fetch = fetch

    def count(self):
        if callable(self._count):
            self._count = self._count()
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        return self.fetch(item)


@dataclass
class Found:
    """What a backend answers: a page of items, the hit count, the facet counts (or None)."""

    page: object
    count: int
    facets: dict | None
    criteria: Criteria


def paginate(sequence, page_size, page_number):
    """The page ``page_number`` of ``sequence`` (out-of-range numbers give the nearest page)."""
    return Paginator(sequence, page_size).get_page(page_number)


class _OwnItems:
    """The default ``cards``: the backend's own items, unchanged."""

    def load(self, ids):
        return list(ids)

    def prepare(self, queryset):
        return queryset


class SearchBackend:
    """What every backend provides; the index hooks do nothing unless a backend needs them."""

    def __init__(self, practice_filter=None, criteria=None):
        self.filter = practice_filter
        self.criteria = criteria or Criteria.from_filter(practice_filter)

    def run(self, page_number, page_size, facets, cards=None):
        """A ``Found`` for page ``page_number``; facet counts only when ``facets``.

        Backends call ``cards or OWN_ITEMS`` to turn results into items.
        """
        raise NotImplementedError

    @classmethod
    def ranked(cls, practice_filter):
        """The text search of ``practice_filter`` as a ``CountedSequence`` of ids, or None.

        For the API, where the backend can rank a text search faster than the FilterSet's
        ORM query (same practices, same order); None means "use the FilterSet".
        """
        return None

    @classmethod
    def text_condition(cls, model, text):
        """``(Q, rank expression)`` matching ``text`` through the index, or None without one."""
        return None

    @classmethod
    def suggest(cls, words: list[str], language: str) -> dict[str, str]:
        """``{word: the nearest word of the index}`` for those of ``words`` (a query's words)
        that find no or few practices, where a near word finds more; ``language`` is the
        reader's. Empty where the backend cannot tell."""
        return {}

    # Index hooks: called by ``search.indexing`` -----------------------------------------------

    @classmethod
    def write_columns(cls, rows):
        """Fill the columns the ORM does not know about for the just-written ``rows``."""

    @classmethod
    def changes(cls, ids):
        """A context manager around a change of the index rows of ``ids``."""
        return nullcontext()

    @classmethod
    def forget(cls):
        """Drop the derived data (before a bulk change, which ``rebuild`` follows)."""

    @classmethod
    def rebuild(cls, progress=None):
        """Derive the data again from the whole index; returns how many items were built."""
        return 0

    @classmethod
    @contextmanager
    def bulk_load(cls):
        """Around a bulk load of the index (indexes the backend rebuilds once afterwards)."""
        yield


OWN_ITEMS = _OwnItems()


class CachedAnswers:
    """The cached answers of an engine with statements of its own (PostgreSQL's, SQLite's),
    shared by the search page and the API under the same keys (``core.cache``): a search's
    counts serve every page and sort order; each page's ids are kept by offset.

    The engine gives ``answers()``, the object whose ``facet_counts()``, ``count()`` and
    ``page_ids(offset, limit)`` compute them (built only on a miss), and may override
    ``compute(key, function)`` to compute under settings of its own.
    """

    def answers(self):
        return self

    def compute(self, key, function):
        return cached(key, function)

    def cached_facet_counts(self):
        """``facet_counts``, shared by every page and sort order of the same search."""
        key = search_facets_key(self.criteria.selection())
        return dict(self.compute(key, lambda: self.answers().facet_counts()))

    def cached_count(self):
        """The hit count: the total of the cached facet counts when the search page has
        counted them, or counted once for every page and sort order."""
        counts = peek(search_facets_key(self.criteria.selection()))
        if counts is not None:
            return counts["total"]
        key = search_count_key(self.criteria.selection())
        return self.compute(key, lambda: self.answers().count())

    def cached_page_ids(self, offset, limit):
        """``page_ids``: the ids of one page of results, in order."""
        key = search_ids_key(self.criteria.selection(), self.criteria.ordering, offset, limit)
        return self.compute(key, lambda: self.answers().page_ids(offset, limit))

    def ids(self, total, load=list):
        """The results as a ``CountedSequence``: each page's ids (cached), through ``load``."""
        return CountedSequence(
            total, lambda item: load(self.cached_page_ids(item.start, item.stop - item.start))
        )

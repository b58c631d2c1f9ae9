"""The search page's results: the engine's ids and counts turned into cards and snippets.

The engine (``search.backends``) answers with ids and counts; this module loads the page's
result cards (the fields a card renders, its links from the kept tables) and highlights the
words searched for in them. Facet counts become facet items in ``practices.facets``.
"""

import re
from dataclasses import dataclass

from django.db.models.functions import Left
from django.utils.translation import get_language

from search import backends
from search import text as search_text
from search.criteria import Criteria

from .managers import CARD_FIELDS
from .models import Practice
from .relations import attach_card_relations
from .translation_reading import show_card_in_reader_language, with_reader_text

PAGE_SIZE = 20
# A search finding this many practices or fewer is offered the nearest indexed words.
FEW_HITS = 2
# The words of a query a suggestion may replace: not ``OR``, not an exclusion (``-word``).
_QUERY_WORD = re.compile(r"(?<![-\w])\w+")
# Snippets are looked for in the summary and this much of the description: headlining the
# whole text costs five times as much, and the card shows the summary when nothing matches.
SNIPPET_SOURCE_CHARS = 1000


def searchable():
    """Published practices that are in the search index: what the search page lists."""
    return Practice.objects.published().filter(search_document__isnull=False)


@dataclass
class SearchResults:
    page: object
    count: int
    facets: dict | None
    snippets: dict
    criteria: Criteria


def search(practice_filter, page_number=None, page_size=PAGE_SIZE, facets=True, language=None):
    """One page of result cards for a bound ``PracticeFilter``, with facet counts and snippets.

    Cards read in ``language`` (the reader's: the request's by default) where a published
    translation into it exists: its title, summary and snippet, with ``text_language`` set.
    """
    engine = backends.get_backend()(practice_filter)
    cards = _Cards(engine.criteria.text, language or get_language())
    found = engine.run(page_number, page_size, facets, cards)
    text = found.criteria.text
    return SearchResults(
        page=found.page,
        count=found.count,
        facets=found.facets,
        snippets=_snippets(found.page.object_list, text) if text else {},
        criteria=found.criteria,
    )


class _Cards:
    """Result cards, as the engine asks for them (see ``search.backends.base``)."""

    def __init__(self, text, language):
        # With words searched for, cards carry the ``opening`` their snippets come from.
        self.with_opening = bool(text)
        self.language = language

    def load(self, ids):
        """The cards of the practices ``ids``, in that order (an engine's ranked page)."""
        practices = self._annotated(Practice.objects.filter(pk__in=ids).only(*CARD_FIELDS))
        return attach_card_relations(
            [self._shown(practice) for practice in _in_order(practices, ids)]
        )

    def prepare(self, queryset):
        """The FilterSet's queryset loading what a card renders (the portable engine)."""
        return _Shown(self._annotated(queryset.with_list_relations()), self._shown)

    def _annotated(self, practices):
        """With the reader's translation, and the ``opening`` snippets are looked for."""
        if self.with_opening:
            practices = practices.annotate(opening=Left("description", SNIPPET_SOURCE_CHARS))
        opening = SNIPPET_SOURCE_CHARS if self.with_opening else None
        return with_reader_text(practices, self.language, opening)

    def _shown(self, practice):
        return show_card_in_reader_language(practice, self.language)


class _Shown:
    """A queryset whose slices (a paginator's pages) come out as cards in the reader's
    language; ``count`` is the queryset's."""

    def __init__(self, queryset, show):
        self.queryset = queryset
        self.show = show

    def count(self):
        return self.queryset.count()

    def __getitem__(self, item):
        found = self.queryset[item]
        return [self.show(practice) for practice in found] if isinstance(item, slice) else found


def _in_order(practices, ids):
    by_id = {practice.pk: practice for practice in practices}
    return [by_id[pk] for pk in ids if pk in by_id]


def _snippets(practices, text):
    """Highlighted excerpts of the page's rows, from the summary and the description's opening."""
    excerpts = {}
    for practice in practices:
        excerpt = search_text.highlight(
            f"{practice.summary} {practice.opening}", text, language=practice.text_language
        )
        if excerpt:
            excerpts[practice.pk] = excerpt
    return excerpts


def did_you_mean(criteria, count, language):
    """The query with its unknown words replaced by the index's nearest ones, or None.

    Only for a text search that found ``FEW_HITS`` practices or fewer; None when no word has a
    nearer indexed neighbour (see ``search.backends.base.SearchBackend.suggest``).
    """
    if not criteria.text or count > FEW_HITS:
        return None
    words = [word for word in _QUERY_WORD.findall(criteria.text) if word != "OR"]
    nearest = backends.get_backend().suggest(words, language)
    if not nearest:
        return None

    def replace(match):
        return nearest.get(match.group().lower(), match.group())

    corrected = _QUERY_WORD.sub(replace, criteria.text)
    return corrected if corrected != criteria.text else None

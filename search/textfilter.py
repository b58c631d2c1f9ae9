"""The FilterSet's text filter: ``q`` of ``PracticeFilter``, for the search page and the API.

Indexed (published) practices are matched through the backend's text index (PostgreSQL's
``tsvector``, SQLite's FTS5 table); practices outside the index (a user's own drafts in the
API), and everything on a database without a text index, by substring over the practice's own
text (``search.schema.TEXT_FIELDS``) with the websearch syntax of ``search.text.parse``.
"""

from django.db.models import Case, Q, Value, When

from . import text as search_text
from .backends import get_backend
from .schema import TEXT_FIELDS, TEXT_WEIGHTS


def text_search(queryset, text, include_unindexed=True):
    """Filter ``queryset`` to practices matching ``text``, annotated with ``search_rank``.

    Indexed (published) practices are matched through the search index. Practices that are
    not indexed (a signed-in user's own drafts in the API) are matched by substring when
    ``include_unindexed`` is set, and rank last.
    """
    # NUL cannot be stored or searched in PostgreSQL text; no real query contains it.
    text = text.replace("\x00", "").strip()
    if not text:
        return queryset
    indexed = get_backend().text_condition(queryset.model, text)
    if indexed is None:
        matched, rank = _substring_match(text)
        return queryset.filter(matched).annotate(search_rank=rank)
    matched, rank = indexed
    if include_unindexed:
        unindexed, _unused = _substring_match(text)
        matched |= Q(search_document__isnull=True) & unindexed
    return queryset.filter(matched).annotate(search_rank=rank)


def _term_q(term):
    found = Q(search_document__names__icontains=term)
    for name in TEXT_FIELDS:
        found |= Q(**{f"{name}__icontains": term})
    return found


def _substring_match(text):
    """AND of terms, NOT of exclusions, OR between clauses; rank by where the terms are."""
    matched = Q(pk__in=[])
    scores = []
    for clause in search_text.parse(text):
        clause_q = Q()
        for term in clause.include:
            clause_q &= _term_q(term)
            scores.extend(
                Case(When(**{f"{name}__icontains": term}, then=Value(weight)), default=Value(0))
                for name, weight in TEXT_WEIGHTS.items()
            )
        for term in clause.exclude:
            clause_q &= ~_term_q(term)
        matched |= clause_q
    return matched, _sum(scores) if scores else Value(0)


def _sum(expressions):
    """The sum of ``expressions`` as a balanced tree: a chain of a hundred ``+`` nests as many
    parentheses, past SQLite's parser stack ("parser stack overflow")."""
    if len(expressions) == 1:
        return expressions[0]
    middle = len(expressions) // 2
    return _sum(expressions[:middle]) + _sum(expressions[middle:])

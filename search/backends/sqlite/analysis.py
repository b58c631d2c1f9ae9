"""What SQLite's full-text index stores and what a query asks it: stems, per content language.

FTS5 has no stemmer of its own, so the text is stemmed here, with the Snowball stemmers
PostgreSQL uses (``search.text.stem_words``), after lower-casing and removing accents: the index
holds each column as its stems joined by spaces, in the words' order (stop words included, so
that phrases keep their positions). A query is parsed with ``search.text.parse`` and compiled
to an FTS5 expression of quoted stems only: nothing a reader types can reach FTS5's own syntax
(quotes, ``NEAR``, ``*``, ``^``, column filters), because every token is made of letters and
digits and is written between double quotes.
"""

import functools
from pathlib import Path

from ...schema import SNOWBALL_STEMMERS, TRANSLATION_CONFIGS
from ...text import fold, parse, stem_words, words_of

# The FTS5 table's text columns, in order, and their bm25 weights: ts_rank's default weights
# for A, B and C (1.0, 0.4, 0.2), scaled; the ``lang`` column only restricts a query.
TEXT_COLUMNS = ("title", "summary", "body")
BM25_WEIGHTS = (10.0, 4.0, 2.0, 0.0)
_STOP_WORDS = Path(__file__).with_name("stopwords")


def lang_token(code):
    """Language ``code`` as one word of the ``lang`` column (``zh-hans`` would be two)."""
    return code.replace("-", "")


@functools.cache
def stop_words(language):
    """The folded stop words of ``language``'s PostgreSQL configuration (see stopwords/;
    none for a configuration without a list: ``arabic``, ``simple``)."""
    name = SNOWBALL_STEMMERS.get(language)
    path = _STOP_WORDS / f"{name}.stop"
    if name is None or not path.exists():
        return frozenset()
    text = path.read_text(encoding="utf-8")
    return frozenset(fold(line.strip()) for line in text.splitlines() if line.strip())


def indexed_text(text, language):
    """``text`` as the index stores it: its stems in ``language``, space-separated."""
    return " ".join(stem_words(words_of(text or ""), language))


def _phrase(term, language):
    """A term (a word or a quoted phrase) as an FTS5 phrase of stems, or None.

    Stop words are dropped where PostgreSQL drops them: a term of stop words only is no term,
    and a phrase loses those at its ends (inside, they keep the other words' positions).
    """
    found = words_of(term)
    stop = stop_words(language)
    while found and found[0] in stop:
        found.pop(0)
    while found and found[-1] in stop:
        found.pop()
    if not found:
        return None
    return '"' + " ".join(stem_words(found, language)) + '"'


def _clause(clause, language):
    """All of a clause's terms and none of its exclusions, or None when nothing is left."""
    included = [p for p in (_phrase(term, language) for term in clause.include) if p]
    if not included:
        return None
    expression = " AND ".join(included)
    for term in clause.exclude:
        excluded = _phrase(term, language)
        if excluded:
            expression = f"({expression}) NOT {excluded}"
    return expression


def _expression(clauses, language):
    """The OR of the clauses in ``language``, or None when no clause is searchable in it."""
    arms = [arm for arm in (_clause(clause, language) for clause in clauses) if arm]
    return " OR ".join(f"({arm})" for arm in arms) or None


@functools.lru_cache(maxsize=1024)
def match_expression(text):
    """The FTS5 MATCH expression of ``text`` over every content language, or None.

    One arm per group of languages in which the words have the same stems; each arm is
    restricted to documents in those languages, whose text was stemmed the same way: a
    document is in its own language and in those of its published translations (``lang``
    lists them all, ``index``), so a translation is matched in its language. None when
    ``text`` holds nothing searchable (stop words, exclusions only), which matches nothing, as
    on PostgreSQL.
    """
    clauses = parse(text)
    by_expression = {}
    for language in TRANSLATION_CONFIGS:
        expression = _expression(clauses, language)
        if expression:
            by_expression.setdefault(expression, []).append(language)
    columns = " ".join(TEXT_COLUMNS)
    arms = []
    for expression, languages in by_expression.items():
        codes = " OR ".join(f'"{lang_token(code)}"' for code in languages)
        arms.append(f"(lang : ({codes}) AND {{{columns}}} : ({expression}))")
    return " OR ".join(arms) or None

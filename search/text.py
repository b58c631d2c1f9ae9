"""Query parsing for the portable (non-PostgreSQL) search path, and result highlighting.

The parser understands the same websearch syntax PostgreSQL does, more simply: words and
"quoted phrases" must all appear (anywhere, case-insensitively), ``-word`` excludes, and
``or`` between terms makes alternatives.

Highlighting serves both search paths. It stems with the Snowball stemmers PostgreSQL's
``english``/``french``/``spanish`` configurations use, so it marks the words the index matched
(``units`` for ``unit``), in Python: PostgreSQL's ``ts_headline`` re-parses every excerpt and
cost half of a results page's time.
"""

import functools
import re
from dataclasses import dataclass, field

import Stemmer
from django.utils.html import escape
from django.utils.safestring import mark_safe

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")
# Content language -> Snowball algorithm (the stemmers of search.schema.TEXT_SEARCH_CONFIGS).
STEMMER_NAMES = {"en": "english", "fr": "french", "es": "spanish"}


@dataclass
class Clause:
    """All of ``include`` and none of ``exclude``."""

    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)


# Terms past this many are ignored: no reader types more, and each one adds conditions to the
# statement (two hundred OR-ed words nested the portable ranking past Python's recursion limit).
MAX_TERMS = 32


def parse(text):
    """Split a query into OR-ed clauses of AND-ed terms (empty when nothing is searchable).

    At most ``MAX_TERMS`` terms are read; the rest of the query is ignored.
    """
    clauses = [Clause()]
    read = 0
    for match in _TOKEN.finditer(text or ""):
        if read == MAX_TERMS:
            break
        negated, phrase, word = match.groups()
        if word is not None:
            if word.lower() == "or":
                clauses.append(Clause())
                continue
            negated = "-" if word.startswith("-") and len(word) > 1 else ""
            phrase = word[1:] if negated else word
        phrase = " ".join(phrase.split())
        if phrase:
            (clauses[-1].exclude if negated else clauses[-1].include).append(phrase)
            read += 1
    return [clause for clause in clauses if clause.include]


def terms(text):
    """Every positive term of a query, longest first (for highlighting)."""
    found = {term for clause in parse(text) for term in clause.include}
    return sorted(found, key=len, reverse=True)


@functools.cache
def _stemmer(language):
    name = STEMMER_NAMES.get(language)
    return Stemmer.Stemmer(name) if name else None


def _stems(words, language):
    stemmer = _stemmer(language)
    return stemmer.stemWords(words) if stemmer else list(words)


def highlight(text, query, words=32, language="en"):
    """An escaped excerpt of ``text`` around the first match, matched words in <mark>.

    A text word matches a query word when both have the same stem in ``language``, or when
    it starts with the query word (what the portable path's substring search finds); a quoted
    phrase matches its words in a row. Empty when nothing matches.
    """
    if not text:
        return ""
    wanted = []
    for term in terms(query):
        parts = [word.lower() for word in _WORD.findall(term)]
        if parts:
            wanted.append((parts, _stems(parts, language)))
    if not wanted:
        return ""
    tokens = list(_WORD.finditer(text))
    lowered = [token.group().lower() for token in tokens]
    stems = _stems(lowered, language)

    def match_length(position):
        """How many words from ``position`` on match a query term (0: none)."""
        for parts, part_stems in wanted:
            if all(
                position + k < len(tokens)
                and (stems[position + k] == part_stems[k] or lowered[position + k].startswith(part))
                for k, part in enumerate(parts)
            ):
                return len(parts)
        return 0

    # A cheap pass finds where a term could start; only those places are checked in full.
    heads = {part_stems[0] for _parts, part_stems in wanted}
    prefixes = tuple(parts[0] for parts, _part_stems in wanted)
    candidates = [
        position
        for position, (stem, word) in enumerate(zip(stems, lowered, strict=True))
        if stem in heads or word.startswith(prefixes)
    ]
    first = next((position for position in candidates if match_length(position)), None)
    if first is None:
        return ""
    start = max(0, first - words // 3)
    end = min(len(tokens), start + words)
    marked = set()
    for position in (p for p in candidates if start <= p < end):
        marked.update(range(position, min(end, position + match_length(position))))
    pieces, cursor = [], tokens[start].start()
    for position in sorted(marked):
        token = tokens[position]
        pieces.append(escape(text[cursor : token.start()]))
        pieces.append(f"<mark>{escape(token.group())}</mark>")
        cursor = token.end()
    pieces.append(escape(text[cursor : tokens[end - 1].end()]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(tokens) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - every piece is escaped

"""Query parsing and highlighting for the portable (non-PostgreSQL) search path.

It understands the same websearch syntax PostgreSQL does, more simply: words and "quoted
phrases" must all appear (anywhere, case-insensitively), ``-word`` excludes, and ``or``
between terms makes alternatives.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass
class Clause:
    """All of ``include`` and none of ``exclude``."""

    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)


def parse(text):
    """Split a query into OR-ed clauses of AND-ed terms (empty when nothing is searchable)."""
    clauses = [Clause()]
    for match in _TOKEN.finditer(text or ""):
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
    return [clause for clause in clauses if clause.include]


def terms(text):
    """Every positive term of a query, longest first (for highlighting)."""
    found = {term for clause in parse(text) for term in clause.include}
    return sorted(found, key=len, reverse=True)


def highlight(text, query, words=32):
    """An escaped excerpt of ``text`` around the first match, matches wrapped in <mark>."""
    wanted = terms(query)
    if not text or not wanted:
        return ""
    pattern = re.compile("|".join(re.escape(term) for term in wanted), re.IGNORECASE)
    first = pattern.search(text)
    if first is None:
        return ""
    tokens = text.split()
    before = len(text[: first.start()].split())
    start = max(0, before - words // 3)
    excerpt = " ".join(tokens[start : start + words])
    pieces, position = [], 0
    for match in pattern.finditer(excerpt):
        pieces.append(escape(excerpt[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(escape(excerpt[position:]))
    prefix = "… " if start else ""
    suffix = " …" if start + words < len(tokens) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - every piece is escaped

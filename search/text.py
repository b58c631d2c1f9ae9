"""Query parsing for the engines that do not parse with PostgreSQL, word analysis, highlighting.

The parser understands the same websearch syntax PostgreSQL does: words and "quoted phrases"
must all appear, ``-word`` excludes, and ``or`` between terms makes alternatives. SQLite's
full-text index (``search.backends.sqlite``) compiles it to FTS5; unindexed drafts are matched
by substring (``search.textfilter``).

Words are analysed the same way everywhere outside PostgreSQL: lower-cased, accents removed
(``fold``: "codéveloppement" and "codeveloppement" are one word), then stemmed.

Highlighting serves both search paths. It stems with the Snowball stemmers PostgreSQL's
``english``/``french``/``spanish`` configurations use, so it marks the words the index matched
(``units`` for ``unit``), in Python: PostgreSQL's ``ts_headline`` re-parses every excerpt and
cost half of a results page's time.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass, field

import Stemmer
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .schema import SNOWBALL_STEMMERS

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# Letters and digits: what SQLite's ``unicode61`` tokenizer keeps (``_`` separates words there).
_WORD = re.compile(r"[^\W_]+")


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
    name = SNOWBALL_STEMMERS.get(language)
    return Stemmer.Stemmer(name) if name else None


# Letters up to here are Latin (Basic Latin to Latin Extended-B): their accents are dropped.
_LAST_LATIN = "\u024f"


def fold(text):
    """``text`` lower-cased and without accents (diacritics dropped after NFKD decomposition).

    Only Latin letters lose theirs, as PostgreSQL's ``unaccent`` configurations read them:
    Cyrillic ``й`` or Arabic vowel marks stay, as its ``russian`` and ``arabic`` stemmers
    (of published translations) expect them.
    """
    if text.isascii():  # Most words: nothing to decompose (and 20 times faster).
        return text.lower()
    kept, latin = [], False
    for c in unicodedata.normalize("NFKD", text.lower()):
        if not unicodedata.combining(c):
            latin = c <= _LAST_LATIN
            kept.append(c)
        elif not latin:
            kept.append(c)
    return unicodedata.normalize("NFC", "".join(kept))


# Highlighting folds every word of every card: the same words again and again.
_fold_word = functools.lru_cache(maxsize=65536)(fold)


def words_of(text):
    """The folded words of ``text``, in order."""
    return _WORD.findall(fold(text))


def stem_words(words, language):
    """The Snowball stems of folded ``words`` in ``language`` (the words themselves without a
    stemmer for it)."""
    stemmer = _stemmer(language)
    return stemmer.stemWords(words) if stemmer else list(words)


def highlight(text, query, words=32, language="en"):
    """An escaped excerpt of ``text`` around the first match, matched words in <mark>.

    A text word matches a query word when both have the same stem in ``language``, or when
    it starts with the query word (what a draft's substring search finds), accents and case
    aside; a quoted phrase matches its words in a row. Empty when nothing matches.
    """
    if not text:
        return ""
    wanted = []
    for term in terms(query):
        parts = words_of(term)
        if parts:
            wanted.append((parts, stem_words(parts, language)))
    if not wanted:
        return ""
    tokens = list(_WORD.finditer(text))
    lowered = [_fold_word(token.group()) for token in tokens]
    stems = stem_words(lowered, language)

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

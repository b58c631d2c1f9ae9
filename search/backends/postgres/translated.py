"""The translation arm of the PostgreSQL text match (issue 18), for ``sql.Statements``.

A row's vector also holds its published translations' text, each parsed with its language's
configuration (``search.schema.TRANSLATION_CONFIGS``; ``columns``), and ``translations`` lists
their languages. A row matches through a translation when the words, parsed with that
language's configuration, match its vector. That is one more arm of the text match,
``TRANSLATED``: over the rows with translations only (the partial GIN index
``searchdoc_translated``), and disjoint from the content-language arms (it leaves out the rows
they find), so counts add up and precomputed heads (``toplists``, content languages only) stay
exact. Its hits rank by their best translation's RUM distance (or ``ts_rank``); a row found in
its own language ranks as it always did.
"""

# SQL here is assembled from constants only; user input always travels as a query parameter.
# ruff: noqa: S608

from django.db import connection

from core.cache import cached

from ...schema import TEXT_SEARCH_CONFIGS, TRANSLATION_CONFIGS

# The pseudo-language of the translation arm, among the engine's ``languages``: never a
# ``tops`` language, so always searched live.
TRANSLATED = "translated"

# The words of a tsquery ANDed, phrases included: RUM can rank by it (see ``_rum_page_sql``)
# and the top results store distances to it.
WORDS_ORDERING = "regexp_replace({query}, '<[0-9]*-?>', '&', 'g')::tsquery"


def words_query(config):
    """``WORDS_ORDERING`` of the query parsed with ``config`` (one parameter: the text)."""
    return WORDS_ORDERING.format(query=f"websearch_to_tsquery('{config}', %s)::text")


def indexed_translation_languages():
    """The languages of the translations the index holds, read once per publication.

    The arm, and the ranking it brings (a CASE, which RUM's index order cannot serve: every
    hit is then ranked), only where some translation could match: with no translation in the
    index a search is the statement it was before them (at 100,000 practices the search page
    answered a third as many requests with the arm always on).
    """

    def compute():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT unnest(translations) FROM search_searchdocument "
                "WHERE translations <> '{}'"
            )
            return sorted(code for (code,) in cursor.fetchall())

    return cached("search:translation-languages", compute)


class TranslationArms:
    """The content-language arms and the translation arm (mixed into ``sql.Statements``,
    whose ``criteria``, ``languages`` and ``translated`` they read)."""

    def _own_arms(self, alias, languages):
        """The content-language arms: rows of each language, matched in it."""
        arms = [
            f"({alias}.language = '{code}' AND {alias}.vector @@ "
            f"websearch_to_tsquery('{config}', %s))"
            for code, config in TEXT_SEARCH_CONFIGS.items()
            if code in languages
        ]
        return arms, [self.criteria.text] * len(arms)

    def own_match(self, alias="d"):
        """Whether a row is found in its own language (by a content-language arm)."""
        arms, params = self._own_arms(alias, self.languages)
        return "(" + (" OR ".join(arms) or "FALSE") + ")", params

    def _per_translation(self, alias, value):
        """``value`` (SQL with ``{query}`` for the parsed words) for each translation language
        of the row the words match in, as a list of CASE expressions (NULL elsewhere)."""
        found, params = [], []
        for code, config in TRANSLATION_CONFIGS.items():
            if code not in self.translated:
                continue
            query = f"websearch_to_tsquery('{config}', %s)"
            found.append(
                f"CASE WHEN {alias}.translations @> ARRAY['{code}'] AND {alias}.vector @@ {query} "
                f"THEN {value.format(query=query)} END"
            )
            params += [self.criteria.text] * (1 + value.count("{query}"))
        return found, params

    def translation_match(self, alias="d"):
        """The translation arm: rows found through a published translation's language and
        not in their own (``searchdoc_translated`` serves it)."""
        arms, params = [], []
        for code, config in TRANSLATION_CONFIGS.items():
            if code in self.translated:
                arms.append(
                    f"({alias}.translations @> ARRAY['{code}'] AND "
                    f"{alias}.vector @@ websearch_to_tsquery('{config}', %s))"
                )
                params.append(self.criteria.text)
        own, own_params = self.own_match(alias)
        return (
            f"({alias}.translations <> '{{}}' AND ({' OR '.join(arms)}) AND NOT {own})",
            params + own_params,
        )

    def translation_distance(self, alias="d"):
        """A translation-arm hit's RUM distance: its best translation's (to the words ANDed)."""
        distances, params = self._per_translation(
            alias, f"{alias}.vector <=> {WORDS_ORDERING.format(query='{query}::text')}"
        )
        return f"LEAST({', '.join(distances)})", params

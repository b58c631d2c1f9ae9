"""What the search index holds, declared once.

Every reader and writer of the index takes its facts from here: the facets (their query
parameters, their column in ``search_searchdocument``, their code in ``facet_keys`` and the
ORM lookups on a practice that give their values), the implementation stages, the decades the
year facet counts, the year-overlap rule, and the text-search configuration of each content
language. Adding a facet is a ``Facet`` here, a migration for its column and its presentation
on the practices side (``practices.facets.LEGENDS`` and ``build_facets``): the criteria, the
FilterSet's filters, the indexer's values and both engines read it from here.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

# Facet memberships flattened into one integer array (PostgreSQL only), so that all facet counts
# are one unnest and one GROUP BY: key = facet code * FACET_KEY_BASE + value; key 0 on every row
# counts the total. Values: taxonomy ids, 1-based stage positions, decades.
FACET_KEY_BASE = 100_000_000


def facet_keys(code, values):
    """The ``facet_keys`` entries of the facet coded ``code`` holding ``values``."""
    return [code * FACET_KEY_BASE + value for value in values]


@dataclass(frozen=True)
class Facet:
    """One facet of the search page, as the index stores and counts it.

    ``column``: the facet's own column of the index table, an integer array when ``array``
    (else one value per row); None when only ``facet_keys`` holds it. ``lookups``: the ORM
    paths from a practice to the facet's values, OR-ed: the indexer reads a practice's values
    through them, the FilterSet filters by them (``PracticeQuerySet.involving``) and the
    portable backend counts by them. ``value_field``: the field of the model the lookups reach
    that the query parameter names (a field of the practice itself gives its choices).
    ``code`` is None for a filter without counts of its own (the body).
    """

    name: str
    code: int | None
    params: tuple
    column: str | None = None
    array: bool = False
    lookups: tuple = ()
    value_field: str = "slug"
    # A facet of text values: (facet value, the field values it stands for) in display order.
    # ``facet_keys`` holds a value's 1-based position; the facet has no pass of its own column.
    groups: tuple = ()

    @property
    def values(self):
        """The facet's text values, in display order (``groups``)."""
        return tuple(value for value, _members in self.groups)

    def position(self, value):
        """The 1-based position of text value ``value`` (its key in ``facet_keys``)."""
        return self.values.index(value) + 1

    def group_of(self, field_value):
        """The facet value a practice's field value counts under ('' for none)."""
        for value, members in self.groups:
            if field_value in members:
                return value
        return ""

    def members(self, values):
        """The field values the facet values ``values`` stand for (the filter's lookup)."""
        return [member for value, members in self.groups if value in values for member in members]


# Implementation stages, in their display order (``practices.models.Practice.Stage`` gives
# them labels; a test holds the two to the same values).
STAGES = ("planned", "pilot", "ongoing", "completed")
# How a practice was evaluated, as the "Evaluated" facet groups ``Practice.evaluation_type``
# (``practices.evidence.EvaluationType``): independent and (quasi-)experimental evaluations
# count as independently evaluated; blank is "not given" (the paper's practices).
EVALUATED = (
    ("independent", ("independent", "experimental")),
    ("monitored", ("internal",)),
    ("not_given", ("",)),
)

# In ``facet_keys`` order: the statements list facets (and their passes) in this order.
FACETS = (
    Facet("theme", 1, ("theme",), "theme_ids", array=True, lookups=("themes",)),
    Facet(
        "gcm", 2, ("gcm",), "gcm_ids", array=True, lookups=("gcm_objectives",), value_field="number"
    ),
    Facet(
        "region",
        3,
        ("region",),
        "region_ids",
        array=True,
        lookups=("lead_state__region", "lead_state__subregion", "lead_state__intermediate_region"),
    ),
    Facet(
        "state", 4, ("state",), "state_ids", array=True, lookups=("lead_state", "partner_states")
    ),
    Facet("pillar", 5, ("pillar",), "pillar_id", lookups=("pillar",)),
    # Stage values are text: ``facet_keys`` holds their 1-based position in ``STAGES``.
    Facet(
        "stage",
        6,
        ("stage",),
        "stage",
        lookups=("stage",),
        groups=tuple((stage, (stage,)) for stage in STAGES),
    ),
    # Counted by decade (``DECADES``) and ``UNDATED``, selected by a year range and/or
    # ``undated`` (``active_in``).
    Facet("year", 7, ("year_from", "year_to", "undated")),
    Facet(
        "principle", 8, ("principle",), "principle_ids", array=True, lookups=("guiding_principles",)
    ),
    Facet("sdg", 9, ("sdg",), "sdg_ids", array=True, lookups=("sdg_targets",)),
    Facet(
        "evaluated", 10, ("evaluated",), "evaluated", lookups=("evaluation_type",), groups=EVALUATED
    ),
)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}
FACET_CODES = {facet.name: facet.code for facet in FACETS}
# Facet name -> the query-string parameters that select it.
FACET_PARAMS = {facet.name: facet.params for facet in FACETS}
# The body filter narrows results like a facet but has no counts of its own.
BODY = Facet(
    "body", None, ("body",), "body_ids", array=True, lookups=("lead_body", "partner_bodies")
)
BODY_COLUMN = BODY.column
BODY_LOOKUPS = BODY.lookups
# What a search selects by a list of values (ids, or stage values), each by its own query
# parameter: every facet but the year range, then the body. The criteria, the FilterSet's
# filters and the indexer's values are made from this list.
SELECTIONS = (*(facet for facet in FACETS if facet.lookups), BODY)
SELECTIONS_BY_PARAM = {selection.params[0]: selection for selection in SELECTIONS}
# The index's integer-array columns, in the order the writer fills them.
ARRAY_COLUMNS = tuple(selection.column for selection in SELECTIONS if selection.array)
# The index's columns of one facet value per row, written by the ORM.
SCALAR_COLUMNS = tuple(facet.column for facet in FACETS if facet.column and not facet.array)

DECADES = tuple(range(1970, 2030, 10))


def counts_from_keys(rows):
    """The total and each facet's ``{value: count}`` from ``(facet key, count)`` rows: the
    engines that count by ``facet_keys`` (key 0 is the total; text values by their position)."""
    names = {code: name for name, code in FACET_CODES.items()}
    counts = {name: {} for name in FACET_PARAMS}
    counts["total"] = 0
    for key, n in rows:
        code, value = divmod(key, FACET_KEY_BASE)
        if key == 0:
            counts["total"] = n
        elif FACETS_BY_NAME[names[code]].groups:
            counts[names[code]][FACETS_BY_NAME[names[code]].values[value - 1]] = n
        else:
            counts[names[code]][value] = n
    return counts


# PostgreSQL text-search configuration of each content language: the project's own copies of
# PostgreSQL's ``english``/``french``/``spanish`` that pass every word through ``unaccent``
# before the stemmer (migration ``0008_accent_insensitive_search``), so ``codeveloppement``
# finds ``codéveloppement`` and ``diáspora`` finds ``diaspora``. The stemmer (and its stop words)
# of each is PostgreSQL's own configuration of the same name without the ``gfmd_`` prefix.
TEXT_SEARCH_CONFIGS = {"en": "gfmd_english", "fr": "gfmd_french", "es": "gfmd_spanish"}
# Names (of themes, pillars, GCM objectives, regions, States, bodies, institutions) are indexed
# in every site language, so a reader's own words find a practice written in another language.
SITE_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
# The configuration each published translation (``practices.translations``) is indexed with, in
# every site language: the content languages' own, else PostgreSQL's ``arabic`` and ``russian``
# (Snowball stemmers; no accent folding, which neither script needs for a match), else
# ``simple`` (Chinese: no stemmer and no word segmentation, so a run of Han characters between
# spaces or punctuation is one word; a reader finds it by that run, not by a word inside it).
_OTHER_CONFIGS = {"ar": "arabic", "ru": "russian"}
TRANSLATION_CONFIGS = {
    code: TEXT_SEARCH_CONFIGS.get(code) or _OTHER_CONFIGS.get(code, "simple")
    for code in SITE_LANGUAGES
}
# The Snowball stemmer (and stop-word list) of each language where the engine stems in Python
# (SQLite's FTS5 index, highlighting): the algorithms of ``TRANSLATION_CONFIGS`` (none for
# ``simple``).
SNOWBALL_STEMMERS = {
    code: config.removeprefix("gfmd_")
    for code, config in TRANSLATION_CONFIGS.items()
    if config != "simple"
}
# Fields of the practice row the portable text search reads, and how much a term found in
# some of them adds to its rank.
TEXT_FIELDS = ("title", "summary", "description", "objectives", "results", "lessons")
TEXT_WEIGHTS = {"title": 10, "summary": 3, "description": 1}


# The year rule, for the decade facet and the year filters alike (both engines):
#
# * a practice is *dated* when the source gives its start year, its end year, or both;
# * a dated practice is active from ``first`` to ``last`` when it had not ended before
#   ``first`` and had started by ``last`` (an unknown end counts as still running, an unknown
#   start as having started by any year its end allows);
# * an *undated* practice (neither year given) is never counted in a decade and never matches a
#   year range: it has its own facet value, "Years not given" (``undated=1``, ``UNDATED``).
#
# Values of one facet are alternatives: with both a range and ``undated`` selected, a practice
# matches either.
UNDATED = 0  # the year facet's value (in ``facet_keys`` and in its counts) for undated practices


def active_in_sql(first=None, last=None, alias="", undated=False):
    """The year rule as one SQL condition over ``start_year``/``end_year`` (or None).

    ``first`` and ``last`` are SQL expressions (a placeholder, a column); either may be None.
    ``undated``: undated practices match too (alone when neither year is given). None when
    nothing is asked (no year, not undated).
    """
    prefix = f"{alias}." if alias else ""
    start, end = f"{prefix}start_year", f"{prefix}end_year"
    alternatives = []
    if first is not None or last is not None:
        conditions = [f"({start} IS NOT NULL OR {end} IS NOT NULL)"]
        if first is not None:
            conditions.append(f"({end} IS NULL OR {end} >= {first})")
        if last is not None:
            conditions.append(f"({start} IS NULL OR {start} <= {last})")
        alternatives.append("(" + " AND ".join(conditions) + ")")
    if undated:
        alternatives.append(f"({start} IS NULL AND {end} IS NULL)")
    return "(" + " OR ".join(alternatives) + ")" if alternatives else None


def active_in(first=None, last=None, undated=False):
    """The year rule as a ``Q`` on a practice (or index row); see ``active_in_sql``."""
    alternatives = Q(pk__in=[])
    if first is not None or last is not None:
        dated = Q(start_year__isnull=False) | Q(end_year__isnull=False)
        if first is not None:
            dated &= Q(end_year__isnull=True) | Q(end_year__gte=first)
        if last is not None:
            dated &= Q(start_year__isnull=True) | Q(start_year__lte=last)
        alternatives |= dated
    if undated:
        alternatives |= Q(start_year__isnull=True, end_year__isnull=True)
    return Q() if first is None and last is None and not undated else alternatives


@dataclass
class Document:
    """One practice's index row, as the practices side builds it for ``search.indexing``.

    ``weighted``: the text to match by weight, A (the title) to C (the body); ``scalars``: the
    value of each of ``SCALAR_COLUMNS``; ``arrays``: the ids of each of ``ARRAY_COLUMNS``;
    ``translations``: the same A, B, C text of each published translation, by language.
    """

    practice_id: int
    language: str
    title: str
    published_at: object
    start_year: int | None
    end_year: int | None
    names: str
    weighted: tuple
    scalars: dict
    arrays: dict
    # The published translations: ``(language, (A, B, C text))`` each, indexed with their
    # language's configuration (``TRANSLATION_CONFIGS``) in the same row.
    translations: tuple = ()

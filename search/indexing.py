"""Keep the search index in step with what is published.

``update_search_index`` is the one writer of ``SearchDocument``: the default-data loader calls
it for everything, the workflow calls it with the practice it has just approved, archived or
withdrawn, and the synthetic-data command calls it in bulk. It reads the database's current
state, so passing a stale object (or an id) is fine.
"""

# SQL here is assembled from constants only; data always travels as query parameters.
# ruff: noqa: S608

from contextlib import contextmanager

from django.db import connection, transaction
from django.utils import translation
from django_countries import countries

from practices.models import Practice

from .models import SearchDocument

# Facet memberships flattened into one integer array (PostgreSQL only), so that all facet counts
# are one unnest and one GROUP BY: key = facet code * FACET_KEY_BASE + value; key 0 on every row
# counts the total. Values: taxonomy ids, 1-based stage positions, decades.
FACET_KEY_BASE = 100_000_000
FACET_CODES = {"theme": 1, "gcm": 2, "region": 3, "state": 4, "pillar": 5, "stage": 6, "year": 7}
STAGES = [value for value, _label in Practice.Stage.choices]
DECADES = tuple(range(1970, 2030, 10))


def _facet_keys_sql():
    base = FACET_KEY_BASE
    arrays = " || ".join(
        f"ARRAY(SELECT {FACET_CODES[name] * base} + v FROM unnest({column}) v)"
        for name, column in (
            ("theme", "theme_ids"),
            ("gcm", "gcm_ids"),
            ("region", "region_ids"),
            ("state", "state_ids"),
        )
    )
    stages = " ".join(
        f"WHEN '{stage}' THEN ARRAY[{FACET_CODES['stage'] * base + position}]"
        for position, stage in enumerate(STAGES, start=1)
    )
    return (
        f"ARRAY[0] || {arrays} || ARRAY[{FACET_CODES['pillar'] * base} + pillar_id::integer] "
        f"|| CASE stage {stages} ELSE '{{}}'::integer[] END "
        f"|| ARRAY(SELECT {FACET_CODES['year'] * base} + decade FROM unnest(%s::integer[]) decade "
        "WHERE (end_year IS NULL OR end_year >= decade) "
        "AND (start_year IS NULL OR start_year <= decade + 9))"
    )


FACET_KEYS_SQL = _facet_keys_sql()

# PostgreSQL text-search configuration (stemmer and stop words) for each content language.
TEXT_SEARCH_CONFIGS = {"en": "english", "fr": "french", "es": "spanish"}
SITE_LANGUAGES = ("en", "fr", "es")
CHUNK_SIZE = 1000

_PG_UPDATE = """
UPDATE search_searchdocument AS d SET
    vector = setweight(to_tsvector(v.config::regconfig, v.a), 'A')
          || setweight(to_tsvector(v.config::regconfig, v.b), 'B')
          || setweight(to_tsvector(v.config::regconfig, v.c), 'C'),
    theme_ids = v.theme_ids::integer[],
    gcm_ids = v.gcm_ids::integer[],
    state_ids = v.state_ids::integer[],
    region_ids = v.region_ids::integer[],
    body_ids = v.body_ids::integer[]
FROM (VALUES %s) AS v(practice_id, config, a, b, c, theme_ids, gcm_ids, state_ids, region_ids,
                      body_ids)
WHERE d.practice_id = v.practice_id
"""


def update_search_index(practices=None, progress=None, top_results=True):
    """Index ``practices`` (objects or ids), or every published practice when it is None.

    Live published practices get a fresh row; any other practice passed in loses its row, so
    calling this after any change of status is always right. ``progress(done, total)`` is
    called after each chunk. Returns the number of practices indexed.

    The precomputed top results (``search.toplists``) follow: a few practices are applied to
    them as they change; a full or bulk run builds them again afterwards, unless
    ``top_results`` is False (the caller then calls ``toplists.rebuild`` itself, e.g. once
    the text indexes are back). Cached public reads are the caller's to make stale
    (``core.cache.public_content_changed``, which the workflow's publish hook calls).
    """
    from . import toplists

    published = Practice.objects.published()
    if practices is None:
        ids = None
    else:
        ids = {getattr(practice, "pk", practice) for practice in practices}
    if ids is not None and len(ids) <= CHUNK_SIZE:
        with toplists.changes(ids):
            indexed = _index(published, ids, progress)
    else:
        toplists.forget()
        indexed = _index(published, ids, progress)
        if top_results:
            toplists.rebuild()
    return indexed


def _index(published, ids, progress):
    if ids is None:
        SearchDocument.objects.exclude(practice__in=published).delete()
        to_index = published
    else:
        SearchDocument.objects.filter(practice_id__in=ids).exclude(
            practice__in=published.filter(pk__in=ids)
        ).delete()
        to_index = published.filter(pk__in=ids)
    ids = list(to_index.order_by("pk").values_list("pk", flat=True))
    names = _NameCache()
    done = 0
    for start in range(0, len(ids), CHUNK_SIZE):
        chunk = ids[start : start + CHUNK_SIZE]
        with transaction.atomic():
            _index_chunk(chunk, names)
        done += len(chunk)
        if progress:
            progress(done, len(ids))
    return len(ids)


class _NameCache:
    """State names in every site language, looked up once per State per run."""

    def __init__(self):
        self.cache = {}

    def state(self, state):
        if state.iso2 not in self.cache:
            found = {state.name}
            for language in SITE_LANGUAGES:
                with translation.override(language):
                    found.add(str(countries.name(state.iso2)) or state.name)
            self.cache[state.iso2] = sorted(found)
        return self.cache[state.iso2]


def _index_chunk(ids, names):
    practices = (
        Practice.objects.filter(pk__in=ids)
        .select_related("lead_state", "lead_body")
        .prefetch_related(
            "partner_states", "partner_bodies", "institutions", "themes", "gcm_objectives"
        )
        .order_by("pk")
    )
    documents, extras = [], []
    for practice in practices:
        document, extra = _document(practice, names)
        documents.append(document)
        extras.append(extra)
    SearchDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["practice"],
        update_fields=[
            "language",
            "title",
            "published_at",
            "start_year",
            "end_year",
            "stage",
            "pillar",
            "names",
        ],
    )
    if connection.vendor == "postgresql":
        from psycopg2.extras import execute_values

        with connection.cursor() as cursor:
            execute_values(cursor.cursor, _PG_UPDATE, extras, page_size=200)
            cursor.execute(
                f"UPDATE search_searchdocument SET facet_keys = {FACET_KEYS_SQL} "
                "WHERE practice_id = ANY(%s)",
                [list(DECADES), list(ids)],
            )


def _document(practice, names):
    """The index row of a practice, and the PostgreSQL-only values (text by weight, facets)."""
    states = [s for s in [practice.lead_state, *practice.partner_states.all()] if s]
    bodies = [b for b in [practice.lead_body, *practice.partner_bodies.all()] if b]
    lead = practice.lead_state
    regions = [lead.region_id, lead.subregion_id, lead.intermediate_region_id] if lead else []
    name_text = " ".join(
        [
            *(name for state in states for name in names.state(state)),
            *(f"{body.acronym} {body.name}" for body in bodies),
            *(institution.name for institution in practice.institutions.all()),
        ]
    )
    document = SearchDocument(
        practice=practice,
        language=practice.language,
        title=practice.title,
        published_at=practice.published_at,
        start_year=practice.start_year,
        end_year=practice.end_year,
        stage=practice.stage,
        pillar_id=practice.pillar_id,
        names=name_text,
    )
    body_text = "\n".join(
        [practice.description, practice.objectives, practice.results, practice.lessons]
    )
    extra = (
        practice.pk,
        TEXT_SEARCH_CONFIGS.get(practice.language, "english"),
        practice.title,
        f"{practice.summary}\n{name_text}",
        body_text,
        sorted(theme.pk for theme in practice.themes.all()),
        sorted(objective.pk for objective in practice.gcm_objectives.all()),
        sorted({state.pk for state in states}),
        sorted({region for region in regions if region}),
        sorted({body.pk for body in bodies}),
    )
    return document, extra


@contextmanager
def text_indexes_suspended():
    """Drop the text indexes for a bulk load and build them again afterwards.

    Building a GIN or RUM index once over 100,000 rows is many times faster than updating it
    row by row (a RUM index especially). For ``generate_practices``; never while serving.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = "
            "'search_searchdocument' AND indexdef ~* 'USING (gin|rum) '"
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for _name, definition in indexes:
                cursor.execute(definition)

"""What practices link to, in one query for the links and small tables kept in memory.

Themes, pillars, GCM objectives, regions, States, regional bodies and institutions are small
tables (tens to a couple of hundred rows). Each process keeps them by id, in their models' own
order: a practice page then asks the database only which of them it links to (one ``UNION
ALL`` over the link tables, which also says whether it has contacts or attachments to load).
As ``django.contrib.sites`` does with ``SITE_CACHE``, a save or deletion of any of their rows
clears them in the process that made it (``clear_kept_tables``, connected in ``signals.py``),
and stamps ``core.cache.kept_tables_version``: other processes sharing the cache load them
again on their next read, and any process at the latest after ``core.cache.lifetime()``.
Building the page from one query per relation cost ~12 ms of ORM work per uncached view. The
API's representations of a page of practices, the search page's cards and its facet labels
read the same kept tables.
"""

import functools
import time

from django.db import connection

from core.cache import kept_tables_version, lifetime
from core.collation import sorted_by_name
from states.models import Contact, Institution, Region, RegionalBody, State

from .evidence import Indicator
from .models import Attachment, GcmObjective, GuidingPrinciple, Pillar, Practice, SdgTarget, Theme

# Kept table -> how to load it.
_TABLES = {
    "themes": Theme.objects.all,
    "pillars": Pillar.objects.all,
    "gcm_objectives": GcmObjective.objects.all,
    "guiding_principles": GuidingPrinciple.objects.all,
    "sdg_targets": SdgTarget.objects.all,
    "regions": lambda: Region.objects.select_related("parent"),
    "states": lambda: State.objects.select_related("region", "subregion"),
    "bodies": RegionalBody.objects.all,
    "institutions": lambda: Institution.objects.select_related("state"),
}
# The models whose rows the kept tables hold (the loaders' querysets are lazy: no query). A
# write to any of them clears every table: a State's name is also read through institutions.
KEPT_MODELS = tuple(load().model for load in _TABLES.values())
# Many-to-many relation of a practice -> the kept table it links to.
KEPT_RELATIONS = {
    "themes": "themes",
    "gcm_objectives": "gcm_objectives",
    "guiding_principles": "guiding_principles",
    "sdg_targets": "sdg_targets",
    "partner_states": "states",
    "partner_bodies": "bodies",
    "institutions": "institutions",
}
RELATION_NAMES = (*KEPT_RELATIONS, "contacts")
# Rows that point at a practice -> (their model, the field naming it). The links query says
# which exist, so a practice page asks for its attachments, indicators and adaptations only
# when it has some (most have none: two queries of ORM work, ~5 ms, saved per first view).
_POINTING = {
    "attachments": (Attachment, "practice"),
    "indicators": (Indicator, "practice"),
    # Practices adapted from it, whatever their status (the page shows the published ones).
    "adaptations": (Practice, "adapted_from"),
}
# Everything the links query reports, and what ``practice_relations`` returns.
_LINK_NAMES = (*RELATION_NAMES, *_POINTING)

_kept = {"loaded_at": None, "version": None, "rows": {}}


def _rows(name):
    """``{pk: object}`` of a kept table, in its model's order (dicts keep insertion order)."""
    now = time.monotonic()
    # A write in another process stamps the shared cache: one cache read tells. No stamp (a
    # flushed cache) is no news: the lifetime still bounds how old the tables get.
    version = kept_tables_version()
    if (
        _kept["loaded_at"] is None
        or now - _kept["loaded_at"] > lifetime()
        or (version is not None and version != _kept["version"])
    ):
        _kept.update(loaded_at=now, version=version, rows={})
    if name not in _kept["rows"]:
        _kept["rows"][name] = {obj.pk: obj for obj in _TABLES[name]()}
    return _kept["rows"][name]


def clear_kept_tables(**kwargs):
    """Load every kept table afresh on next use.

    The ``post_save`` / ``post_delete`` receiver of ``KEPT_MODELS`` (hence ``**kwargs``), and
    the call for a process that knows the tables changed under it without a signal (tests roll
    them back, reusing ids for other rows).
    """
    _kept.update(loaded_at=None, version=None, rows={})


def kept_rows(name, needed=()):
    """``{pk: object}`` of the kept table ``name``, holding every pk of ``needed`` that
    exists: a row added since this process loaded the table loads it again."""
    rows = _rows(name)
    if not rows.keys() >= set(needed):
        _kept["rows"].pop(name, None)
        rows = _rows(name)
    return rows


def kept_among(name, pks):
    """The objects of the kept table ``name`` whose pk is in ``pks``, in their model's order."""
    pks = set(pks)
    if not pks:
        return []
    return [obj for pk, obj in kept_rows(name, pks).items() if pk in pks]


@functools.cache
def _links_sql(names):
    parts = []
    for name in names:
        if name in _POINTING:
            model, field = _POINTING[name]
            table, column = model._meta.db_table, model._meta.pk.column
            owner = model._meta.get_field(field).column
        else:
            through = Practice._meta.get_field(name).remote_field.through._meta
            table = through.db_table
            owner = through.get_field("practice").column
            column = next(
                field.column
                for field in through.local_fields
                if field.is_relation and field.name != "practice"
            )
        parts.append(
            f"SELECT '{name}', {owner}, {column} FROM {table} "  # noqa: S608 - names from models
            f"WHERE {owner} IN ({{ids}})"
        )
    return " UNION ALL ".join(parts)


def linked_ids(practice_ids, names=_LINK_NAMES):
    """``{link name: {practice pk: {related pk, ...}}}`` for the practices ``practice_ids``,
    in one query over the link tables ``names`` (every relation and attachments by default)."""
    linked = {name: {} for name in names}
    ids = list(practice_ids)
    if not ids:
        return linked
    # One placeholder per id (``= ANY(array)`` is PostgreSQL's only): ids are integers.
    sql = _links_sql(tuple(names)).format(ids=", ".join(["%s"] * len(ids)))
    with connection.cursor() as cursor:
        cursor.execute(sql, ids * len(names))
        for name, practice_pk, pk in cursor.fetchall():
            linked[name].setdefault(practice_pk, set()).add(pk)
    return linked


def practice_relations(practice):
    """``{relation name: [objects]}`` for a practice, plus its ``attachments``, its
    ``indicators`` and the ids of the practices adapted from it (``adaptations``).

    Contacts are its public ones only (with their institution); every list is in its model's
    order, as ``practice.<relation>.all()`` would give it. An unsaved practice (the workflow's
    preview) has none yet.
    """
    if practice.pk is None:
        return {name: [] for name in _LINK_NAMES}
    linked = {
        name: by_practice.get(practice.pk, set())
        for name, by_practice in linked_ids([practice.pk]).items()
    }
    relations = {}
    for name, table in KEPT_RELATIONS.items():
        relations[name] = kept_among(table, linked[name])
    relations["contacts"] = (
        list(
            Contact.objects.public().filter(pk__in=linked["contacts"]).select_related("institution")
        )
        if linked["contacts"]
        else []
    )
    relations["attachments"] = list(practice.attachments.all()) if linked["attachments"] else []
    relations["indicators"] = (
        list(Indicator.objects.filter(practice=practice).select_related("source_attachment"))
        if linked["indicators"]
        else []
    )
    relations["adaptations"] = linked["adaptations"]
    return relations


def attach_lead_relations(practices):
    """Give each practice its lead State (with its region and sub-region) or body and its
    pillar from the kept tables: ``practices`` need no joins."""
    states = kept_rows("states", {p.lead_state_id for p in practices} - {None})
    bodies = kept_rows("bodies", {p.lead_body_id for p in practices} - {None})
    pillars = kept_rows("pillars", {p.pillar_id for p in practices})
    for practice in practices:
        practice.lead_state = states.get(practice.lead_state_id)
        practice.lead_body = bodies.get(practice.lead_body_id)
        practice.pillar = pillars[practice.pillar_id]
    return practices


def attach_card_relations(practices):
    """``attach_lead_relations``, plus each practice's ``card_themes`` (one query, for the
    links): what a result card shows beyond ``Practice.objects.only(*CARD_FIELDS)``."""
    themes_of = linked_ids([practice.pk for practice in practices], ["themes"])["themes"]
    themes = kept_rows("themes", set().union(*themes_of.values()))
    for practice in attach_lead_relations(practices):
        linked = themes_of.get(practice.pk, ())
        practice._card_themes = sorted_by_name(themes[pk] for pk in linked)
    return practices

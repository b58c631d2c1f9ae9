"""What a practice's page links to, in one query for the links and small tables kept in memory.

Themes, GCM objectives, States, regional bodies and institutions are small tables (tens to a
couple of hundred rows). Each process keeps them by id, in their models' own order, for
``REFRESH_SECONDS`` (the time a cached practice article may show an old name anyway): a
practice page then asks the database only which of them it links to (one ``UNION ALL`` over the
link tables, which also says whether it has contacts or attachments to load). Building the page
from one query per relation cost ~12 ms of ORM work per uncached view.
"""

import functools
import time

from django.db import connection

from states.models import Contact, Institution, RegionalBody, State

from .models import Attachment, GcmObjective, Practice, Theme

REFRESH_SECONDS = 300

# Relation name -> how to load the kept table it points to.
_KEPT = {
    "themes": Theme.objects.all,
    "gcm_objectives": GcmObjective.objects.all,
    "partner_states": State.objects.all,
    "partner_bodies": RegionalBody.objects.all,
    "institutions": lambda: Institution.objects.select_related("state"),
}
RELATION_NAMES = (*_KEPT, "contacts")
# Everything the links query reports, and what ``practice_relations`` returns.
_LINK_NAMES = (*RELATION_NAMES, "attachments")

_kept = {"loaded_at": None, "rows": {}}


def _rows(name):
    """``{pk: object}`` of a kept table, in its model's order (dicts keep insertion order)."""
    now = time.monotonic()
    if _kept["loaded_at"] is None or now - _kept["loaded_at"] > REFRESH_SECONDS:
        _kept["rows"] = {}
        _kept["loaded_at"] = now
    if name not in _kept["rows"]:
        _kept["rows"][name] = {obj.pk: obj for obj in _KEPT[name]()}
    return _kept["rows"][name]


@functools.cache
def _links_sql():
    parts = []
    for name in _LINK_NAMES:
        if name == "attachments":
            table, column = Attachment._meta.db_table, "id"
            owner = Attachment._meta.get_field("practice").column
        else:
            through = Practice._meta.get_field(name).remote_field.through._meta
            table = through.db_table
            owner = through.get_field("practice").column
            column = next(
                field.column
                for field in through.local_fields
                if field.is_relation and field.name != "practice"
            )
        parts.append(f"SELECT '{name}', {column} FROM {table} WHERE {owner} = %s")  # noqa: S608
    return " UNION ALL ".join(parts)


def practice_relations(practice):
    """``{relation name: [objects]}`` for a practice, plus its ``attachments``.

    Contacts are its public ones only (with their institution); every list is in its model's
    order, as ``practice.<relation>.all()`` would give it. An unsaved practice (the workflow's
    preview) has none yet.
    """
    if practice.pk is None:
        return {name: [] for name in _LINK_NAMES}
    linked = {name: set() for name in _LINK_NAMES}
    with connection.cursor() as cursor:
        cursor.execute(_links_sql(), [practice.pk] * len(_LINK_NAMES))
        for name, pk in cursor.fetchall():
            linked[name].add(pk)
    relations = {}
    for name in _KEPT:
        rows = _rows(name) if linked[name] else {}
        missing = linked[name] - rows.keys()
        if missing:
            # Added since this process loaded the table: load it again.
            _kept["rows"].pop(name, None)
            rows = _rows(name)
        relations[name] = [obj for pk, obj in rows.items() if pk in linked[name]]
    relations["contacts"] = (
        list(
            Contact.objects.public().filter(pk__in=linked["contacts"]).select_related("institution")
        )
        if linked["contacts"]
        else []
    )
    relations["attachments"] = list(practice.attachments.all()) if linked["attachments"] else []
    return relations

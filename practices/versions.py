"""Published versions of a practice: what each approval put on the public page.

``practices.workflow`` writes them (``record_published_version``, in the publishing
transaction); this module turns a stored version back into something the practice article
template renders, so ``/<lang>/practices/<slug>/v<N>/`` shows exactly what readers saw then.
"""

from .models import Practice
from .relations import KEPT_RELATIONS, kept_among


def snapshot(practice, fields, relations):
    """The JSON-able content of ``practice``: ``fields`` by their column value (a foreign
    key by its id) and each many-to-many relation of ``relations`` as sorted ids."""
    return {
        "fields": {
            name: getattr(practice, Practice._meta.get_field(name).attname) for name in fields
        },
        "relations": {
            name: sorted(getattr(practice, name).values_list("pk", flat=True)) for name in relations
        },
    }


def as_practice(version):
    """An unsaved ``Practice`` holding ``version``'s content, with its lead and pillar from the
    kept tables, and the relations the article lists (``rel``): no query beyond the kept
    tables'."""
    live = version.practice
    practice = Practice(slug=live.slug, uuid=live.uuid, origin=live.origin)
    for name, value in version.content["fields"].items():
        setattr(practice, Practice._meta.get_field(name).attname, value)
    practice.published_at = version.published_at
    stored = version.content["relations"]
    rel = {name: kept_among(table, stored.get(name, [])) for name, table in KEPT_RELATIONS.items()}
    rel.update(contacts=[], attachments=[])
    for name, table in (
        ("lead_state", "states"),
        ("lead_body", "bodies"),
        ("reported_by", "states"),
    ):
        pk = getattr(practice, f"{name}_id", None)
        found = kept_among(table, [pk] if pk else [])
        setattr(practice, name, found[0] if found else None)
    practice.pillar = kept_among("pillars", [practice.pillar_id])[0]
    return practice, rel

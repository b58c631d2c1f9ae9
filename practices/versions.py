"""Published versions of a practice: what each approval put on the public page.

``practices.workflow`` writes them (``record_published_version``, in the publishing
transaction); this module turns a stored version back into something the practice article
template renders, so ``/<lang>/practices/<slug>/v<N>/`` shows exactly what readers saw then.
"""

from .evidence import Indicator
from .evidence_page import version_evidence
from .models import Practice
from .relations import KEPT_RELATIONS, kept_among


def snapshot(practice, fields, relations):
    """The JSON-able content of ``practice``: ``fields`` by their column value (a foreign
    key by its id), each many-to-many relation of ``relations`` as sorted ids, and its
    indicators (their copied fields, dates as ISO text) in order."""
    return {
        "fields": {
            name: getattr(practice, Practice._meta.get_field(name).attname) for name in fields
        },
        "relations": {
            name: sorted(getattr(practice, name).values_list("pk", flat=True)) for name in relations
        },
        "indicators": [
            {name: _json_value(getattr(i, name)) for name in Indicator.COPIED}
            for i in Indicator.objects.filter(practice=practice)
        ],
    }


def _json_value(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def same_content(stored, content):
    """Whether a stored version's ``content`` equals ``content`` (a ``snapshot``): what a
    version made before a field existed lacks counts as that field's empty value, so adding
    a field gives no practice a new version by itself."""
    if stored.get("relations", {}) != content["relations"]:
        return False
    if stored.get("indicators", []) != content["indicators"]:
        return False
    fields = stored.get("fields", {})
    return all(
        fields[name] == value if name in fields else value in (None, "")
        for name, value in content["fields"].items()
    ) and set(fields) <= set(content["fields"])


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
    rel["evidence"] = version_evidence(practice, version.content)
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

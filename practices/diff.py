"""Field-by-field comparison of a revision with what is live, for the moderator (practices,
and through ``field_changes`` translations)."""

import difflib
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .fields import CONTENT_FIELDS, M2M_FIELDS
from .models import Attachment, Indicator, Practice


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str
    html: str


def _display(practice, name):
    field = Practice._meta.get_field(name)
    if name in M2M_FIELDS:
        return "; ".join(sorted(str(item) for item in getattr(practice, name).all()))
    if field.choices:
        return str(getattr(practice, f"get_{name}_display")())
    value = getattr(practice, name)
    return "" if value is None else str(value)


def word_diff_html(before, after):
    """``before`` → ``after`` as escaped HTML with removed words in <del> and added in <ins>."""
    old, new = before.split(" "), after.split(" ")
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(' '.join(old[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(' '.join(new[j1:j2]))}</ins>")
        if op == "equal":
            parts.append(escape(" ".join(old[i1:i2])))
    return mark_safe(" ".join(parts))  # noqa: S308 - every piece is escaped above


ATTACHMENTS = "attachments"
INDICATORS = "indicators"


def _attachment_text(attachment):
    if attachment.is_evaluation:
        return _("%(name)s (evaluation)") % {"name": attachment}
    return str(attachment)


def content_snapshot(practice):
    """What a moderator reads of ``practice``, field name → displayed text, in form order
    (kept in the review form so a refused stale decision can show what changed since)."""
    snapshot = {name: _display(practice, name) for name in [*CONTENT_FIELDS, *M2M_FIELDS]}
    snapshot[ATTACHMENTS] = "; ".join(
        sorted(_attachment_text(a) for a in practice.attachments.all())
    )
    snapshot[INDICATORS] = "; ".join(
        i.as_text() for i in Indicator.objects.filter(practice=practice)
    )
    return snapshot


def field_changes(before, after, labels):
    """The fields of ``labels`` (name → label, in order) whose text differs between ``before``
    and ``after`` (name → text); shared by practice revisions and translation revisions."""
    changes = []
    for name, label in labels.items():
        old, new = str(before.get(name, "")), str(after.get(name, ""))
        if old != new:
            changes.append(FieldChange(str(label), old, new, word_diff_html(old, new)))
    return changes


def snapshot_changes(before, after):
    """The fields whose text differs between two ``content_snapshot``s, in form order."""
    labels = {
        name: Practice._meta.get_field(name).verbose_name for name in [*CONTENT_FIELDS, *M2M_FIELDS]
    }
    labels[ATTACHMENTS] = Attachment._meta.verbose_name_plural
    labels[INDICATORS] = Indicator._meta.verbose_name_plural
    return field_changes(before, after, labels)


def revision_changes(live, revision):
    """The fields whose value differs between ``live`` and ``revision``, in form order."""
    return snapshot_changes(content_snapshot(live), content_snapshot(revision))

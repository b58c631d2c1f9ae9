"""Field-by-field comparison of a revision with the live practice, for the moderator."""

import difflib
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Attachment, Practice
from .workflow import CONTENT_FIELDS, M2M_FIELDS


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


def revision_changes(live, revision):
    """The fields whose value differs between ``live`` and ``revision``, in form order."""
    changes = []
    for name in [*CONTENT_FIELDS, *M2M_FIELDS]:
        before, after = _display(live, name), _display(revision, name)
        if before != after:
            label = str(Practice._meta.get_field(name).verbose_name)
            changes.append(FieldChange(label, before, after, word_diff_html(before, after)))
    before = "; ".join(sorted(str(a) for a in live.attachments.all()))
    after = "; ".join(sorted(str(a) for a in revision.attachments.all()))
    if before != after:
        label = str(Attachment._meta.verbose_name_plural)
        changes.append(FieldChange(label, before, after, word_diff_html(before, after)))
    return changes

"""Attachments of an editable practice: added and removed only through here, under the same
rule as the practice's text (a draft, edited by its State or a moderator)."""

from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from moderation.transitions import TransitionError

from .models import Attachment, Practice
from .workflow import is_editable, may_edit


def delete_attachment(attachment, *, by):
    """Remove an attachment from an editable practice; the file goes once nobody uses it."""
    with transaction.atomic():
        practice = Practice.objects.select_for_update().get(pk=attachment.practice_id)
        if not is_editable(practice) or not may_edit(by, practice):
            raise TransitionError(_("Attachments can only be changed on a draft."))
        name = attachment.file.name
        attachment.delete()
        if not Attachment.objects.filter(file=name).exists():
            storage = Attachment._meta.get_field("file").storage
            transaction.on_commit(lambda: storage.delete(name))


def add_attachment(practice, *, by, uploaded, title, content_type, is_evaluation=False):
    """Store a validated upload (see ``AttachmentForm``) on an editable practice;
    ``is_evaluation``: it is an evaluation of the practice (its "Evidence" links to it)."""
    with transaction.atomic():
        locked = Practice.objects.select_for_update().get(pk=practice.pk)
        if not is_editable(locked) or not may_edit(by, locked):
            raise TransitionError(_("Attachments can only be changed on a draft."))
        extension = Attachment.EXTENSIONS[content_type]
        attachment = Attachment(
            practice=locked,
            original_name=f"{Path(uploaded.name).stem[:150] or 'document'}{extension}",
            title=title,
            is_evaluation=is_evaluation,
            content_type=content_type,
            size=uploaded.size,
            uploaded_by=by,
        )
        attachment.file.save("upload", uploaded, save=False)
        attachment.save()
    return attachment

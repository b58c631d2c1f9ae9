"""The documents of a revision: its attachments and indicators, copied from the live practice
when the revision opens and moved onto it when the revision is approved.

Called by ``practices.workflow`` inside its transactions (``start_revision``,
``approve``), never on their own.
"""

from .models import Attachment, Indicator


def copy_documents(live, revision):
    """Copy ``live``'s attachments and indicators onto the new ``revision``; each indicator
    cites the revision's copy of its source document."""
    copies = {
        attachment.pk: Attachment.objects.create(
            practice=revision,
            file=attachment.file.name,
            original_name=attachment.original_name,
            title=attachment.title,
            is_evaluation=attachment.is_evaluation,
            content_type=attachment.content_type,
            size=attachment.size,
            uploaded_by=attachment.uploaded_by,
        )
        for attachment in live.attachments.all()
    }
    Indicator.objects.bulk_create(
        Indicator(
            practice=revision,
            source_attachment=copies.get(indicator.source_attachment_id),
            **{name: getattr(indicator, name) for name in Indicator.COPIED},
        )
        for indicator in live.indicators.all()
    )


def move_documents(revision, live):
    """Replace ``live``'s attachments and indicators by ``revision``'s; returns the names of
    the files no attachment uses any more (for the caller to delete once committed)."""
    kept = set(revision.attachments.values_list("file", flat=True))
    dropped = [a.file.name for a in live.attachments.all() if a.file.name not in kept]
    live.indicators.all().delete()
    live.attachments.all().delete()
    revision.attachments.update(practice=live)
    revision.indicators.update(practice=live)
    return dropped

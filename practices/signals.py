"""Receivers that keep public reads in step with writes made anywhere.

A deletion can come from the admin, a cascade or a shell, and leaves no row behind; a
``post_delete`` receiver is the one place that sees them all. ``log_practice_removal`` appends
to a log and makes cached public reads stale (``core.cache.public_content_changed``); it
changes no status.

A save or deletion of what a public page or the API shows besides the practice itself (a
contact, an institution, a State, a regional body, a theme, pillar, GCM objective or region)
clears the small tables kept in memory (here, and in other processes through the shared
cache) and makes every cached public read stale at once (``public_contents_changed``): made
non-public in a form, the admin or a shell, a contact's email leaves the practice page and the
API on the next request.

A published translation deleted on its own (the admin, a shell) leaves its practice's index
row and cached reads holding its text: ``translation_removed`` runs the publish hook for the
practice (``translation_workflow.practice_changed``). Deleted with its practice, it needs
nothing: the practice's own row goes too.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from core.cache import kept_tables_changed, public_content_changed
from states.models import Contact

from .models import Practice, PracticeRemoval
from .relations import KEPT_MODELS, clear_kept_tables
from .translation_workflow import practice_changed
from .translations import PracticeTranslation

# What public reads show of rows other than practices: a write to any of them moves the
# public version. Contacts are read from the database each time, not kept.
SHOWN_MODELS = (*KEPT_MODELS, Contact)


@receiver(post_delete, sender=Practice, dispatch_uid="practices_log_practice_removal")
def log_practice_removal(sender, instance, **kwargs):
    if instance.revision_of_id is not None or instance.published_at is None:
        return
    PracticeRemoval.objects.update_or_create(
        uuid=instance.uuid, defaults={"slug": instance.slug, "removed_at": timezone.now()}
    )
    # Cached public reads (the feed's Last-Modified among them) must not outlive it.
    public_content_changed()


@receiver(post_delete, sender=PracticeTranslation, dispatch_uid="practices_translation_removed")
def translation_removed(sender, instance, origin=None, **kwargs):
    # ``origin``: what was deleted (an object or a queryset); a practice takes its row along.
    if getattr(origin, "model", type(origin)) is Practice:
        return
    if instance.status == PracticeTranslation.Status.PUBLISHED:
        practice_changed(instance.practice_id)


def public_contents_changed(**kwargs):
    """The ``post_save`` / ``post_delete`` receiver of ``SHOWN_MODELS`` (hence ``**kwargs``)."""
    clear_kept_tables()
    kept_tables_changed()
    # Stale now, and again on commit (a request in between may cache the old rows).
    public_content_changed()


for _model in SHOWN_MODELS:
    _uid = f"practices_public_contents_changed_{_model._meta.label_lower}"
    post_save.connect(public_contents_changed, sender=_model, dispatch_uid=f"{_uid}_save")
    post_delete.connect(public_contents_changed, sender=_model, dispatch_uid=f"{_uid}_delete")

"""Remember deleted published practices for the sync feed.

A deletion can come from the admin, a cascade or a shell, and leaves no row behind; a
``post_delete`` receiver is the one place that sees them all. It appends to a log and makes
cached public reads stale (``core.cache.public_content_changed``); it changes no status.
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from core.cache import public_content_changed

from .models import Practice, PracticeRemoval


@receiver(post_delete, sender=Practice, dispatch_uid="practices_log_practice_removal")
def log_practice_removal(sender, instance, **kwargs):
    if instance.revision_of_id is not None or instance.published_at is None:
        return
    PracticeRemoval.objects.update_or_create(
        uuid=instance.uuid, defaults={"slug": instance.slug, "removed_at": timezone.now()}
    )
    # Cached public reads (the feed's Last-Modified among them) must not outlive it.
    public_content_changed()

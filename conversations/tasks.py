"""The scheduled retention job as a Celery task (the beat schedule runs it daily)."""

from celery import shared_task

from .retention import delete_expired


@shared_task(name="conversations.delete_expired")
def delete_expired_conversations():
    return delete_expired()

"""The alerts' tasks, on the Celery queue (``gfmd_platform.celery``; the beat schedule is in
settings): digests per frequency, and the calls' opening notices, reminders and closing."""

from celery import shared_task
from django.db import transaction

from practices.call_workflow import close_due_calls

from . import calls, digests


@shared_task(name="alerts.tasks.send_digests")
def send_digests(frequency):
    """Queue every digest of ``frequency`` due now; safe to run twice (send marks)."""
    emails, practices = digests.send_digests(frequency)
    return {"emails": emails, "practices": practices}


@shared_task(name="alerts.tasks.update_calls")
def update_calls():
    """Close the calls past their deadline and announce the ones whose opening has come."""
    closed = close_due_calls()
    announced = calls.announce_open_calls()
    return {"closed": len(closed), "announced": len(announced)}


@shared_task(name="alerts.tasks.remind_closing_calls")
def remind_closing_calls():
    return {"reminded": len(calls.remind_closing_calls())}


def queue_call_update(call):
    """The call workflow's listener: close and announce at once (``update_calls``), once the
    save of ``call`` commits; the moderators' pages and the admin save through the workflow."""
    transaction.on_commit(update_calls.delay)


def queue_immediate_digests(practices):
    """The publish hook's listener: the "as published" digests, once the publication commits."""
    transaction.on_commit(lambda: send_digests.delay(digests.F.IMMEDIATE))

"""Emails about moderated items: moderators hear of each submission, submitters of each decision.

Mail goes out only after the decision is committed (``transaction.on_commit``), as a task on
the queue (``moderation.tasks.send_email``): a failing mail server is retried by the queue, then
the email is logged and recorded as a ``FailedEmail`` that staff see in the admin; it is never
raised: the decision stands whatever happens to the email. Practices, questionnaire responses,
accounts and alerts all use these helpers.
"""

import logging

from celery.result import EagerResult
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core.site import absolute_url
from states.roles import moderators

from .models import Action, AuditRecord
from .tasks import record_failure, send_email, send_emails

logger = logging.getLogger(__name__)


def moderator_emails():
    """Addresses of every active moderator (group or direct permission, and superusers)."""
    users = moderators().exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def submitter_emails(obj):
    """Who submitted ``obj`` (latest submission) and who created it, if they have an address."""
    emails = set()
    creator = getattr(obj, "created_by", None)
    if creator is not None and creator.email:
        emails.add(creator.email)
    last_submission = AuditRecord.objects.for_object(obj).filter(action=Action.SUBMIT).last()
    if last_submission and last_submission.actor and last_submission.actor.email:
        emails.add(last_submission.actor.email)
    return sorted(emails)


def send_after_commit(*, subject, template, context, recipients, headers=None):
    """Render and send one email to ``recipients`` once the current transaction commits.

    Rendering happens after commit too, so that neither a template nor a mail-server error can
    roll back the decision it reports. ``headers``: extra email headers (``List-Unsubscribe``).
    """
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return

    def send():
        try:
            body = render_to_string(template, context)
        except Exception as error:
            logger.exception("Email %r to %s could not be sent", subject, recipients)
            record_failure(subject, recipients, error, attempts=0)
            return
        deliver(subject, body, recipients, headers=headers)

    transaction.on_commit(send)


def deliver(subject, body, recipients, *, headers=None):
    """Queue one email (``moderation.tasks.send_email``, which retries and records failures).

    Returns whether it was sent (without a broker, where the task runs here) or queued. A queue
    that cannot be reached loses nothing either: the email is recorded as a ``FailedEmail``.
    """
    try:
        result = send_email.delay(subject, body, list(recipients), headers=headers or None)
    except Exception as error:
        # Raised by the broker client (kombu's OperationalError and the like), not by sending:
        # the task's own mail-server errors never leave it.
        logger.exception("Email %r to %s could not be queued", subject, recipients)
        record_failure(subject, recipients, error, attempts=0, body=body, headers=headers)
        return False
    return bool(result.get()) if isinstance(result, EagerResult) else True


def deliver_many(messages, *, per_task=100):
    """Queue many emails (``(subject, body, recipients, headers)`` each), ``per_task`` to a task
    (``moderation.tasks.send_emails``): a digest run queues thousands, and one message to the
    broker each would cost more than building them. Nothing is lost if the broker cannot be
    reached: every email of the refused task is recorded as a ``FailedEmail``."""
    messages = [(s, b, list(r), h or None) for s, b, r, h in messages]
    for start in range(0, len(messages), per_task):
        chunk = messages[start : start + per_task]
        try:
            send_emails.delay(chunk)
        except Exception as error:
            logger.exception("%s emails could not be queued", len(chunk))
            for subject, body, recipients, headers in chunk:
                record_failure(subject, recipients, error, attempts=0, body=body, headers=headers)


def notify_submitted(obj, *, record, url):
    """Tell every moderator that ``obj`` waits for review at ``url`` (a site path)."""
    send_after_commit(
        subject=_("[GFMD] For review: %(title)s") % {"title": obj},
        template="emails/submitted.txt",
        context={"object": obj, "record": record, "url": absolute_url(url)},
        recipients=moderator_emails(),
    )


def notify_decision(obj, *, record, url, recipients=None):
    """Tell the submitter of ``obj`` what a moderator decided, with the comment and a link."""
    send_after_commit(
        subject=_("[GFMD] %(decision)s: %(title)s")
        % {"decision": record.get_action_display(), "title": obj},
        template="emails/decision.txt",
        context={"object": obj, "record": record, "url": absolute_url(url)},
        recipients=submitter_emails(obj) if recipients is None else recipients,
    )

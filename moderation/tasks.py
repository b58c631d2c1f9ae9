"""Mail on the queue: every email the platform sends is one ``send_email`` task.

A mail server that refuses or cannot be reached is retried by the queue (``EMAIL_SEND_ATTEMPTS``
tries in all, waiting ``EMAIL_RETRY_BACKOFF`` seconds, then twice as long each time up to
``EMAIL_RETRY_BACKOFF_MAX``); while it waits the message is in the broker, and after the last
try it is recorded whole (``FailedEmail``, with its body and headers) for staff to see in the
admin and queue again. Without a broker the task runs in the caller's process and the retries
follow each other at once.
"""

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage

from .models import FailedEmail

logger = logging.getLogger(__name__)


@shared_task(bind=True, name="moderation.send_email")
def send_email(self, subject, body, recipients, headers=None):
    """Send one email; on a mail-server error retry with a doubling wait, then record it.

    Returns whether it was sent. Never raises for a mail-server error: what the email reports is
    committed before it is queued, whatever happens to the mail.
    """
    attempts = max(1, settings.EMAIL_SEND_ATTEMPTS)
    first = self.request.retries + 1
    # Without a broker there is no queue to wait in: the tries follow each other here.
    last = attempts if self.request.is_eager else first
    for attempt in range(first, last + 1):
        try:
            EmailMessage(subject, body, None, recipients, headers=headers or None).send()
        except (smtplib.SMTPException, OSError) as error:
            # OSError: refused, unreachable or timed-out connections (SMTPException covers
            # what the server answered).
            if attempt >= attempts:
                logger.exception(
                    "Email %r to %s could not be sent after %s attempts",
                    subject,
                    recipients,
                    attempt,
                )
                record_failure(
                    subject, recipients, error, attempts=attempt, body=body, headers=headers
                )
                return False
            wait = min(
                settings.EMAIL_RETRY_BACKOFF * 2 ** (attempt - 1), settings.EMAIL_RETRY_BACKOFF_MAX
            )
            logger.warning(
                "Email %r: attempt %s failed (%s), retrying in %s s", subject, attempt, error, wait
            )
            if not self.request.is_eager:
                raise self.retry(exc=error, countdown=wait, max_retries=attempts - 1) from error
        else:
            return True
    return False


@shared_task(name="moderation.send_emails")
def send_emails(messages):
    """Send many emails queued as one message (``notifications.deliver_many``: a digest run
    queues thousands); one the mail server refuses is handed to ``send_email`` alone, which
    retries it and, in the end, records it. Returns how many were sent here."""
    sent = 0
    for subject, body, recipients, headers in messages:
        try:
            EmailMessage(subject, body, None, recipients, headers=headers or None).send()
        except (smtplib.SMTPException, OSError) as error:
            logger.warning("Email %r: failed in a batch (%s), queued alone", subject, error)
            send_email.delay(subject, body, recipients, headers=headers)
        else:
            sent += 1
    return sent


def record_failure(subject, recipients, error, *, attempts, body="", headers=None):
    """Keep an email that could not be sent (or queued) for staff: ``FailedEmail``."""
    try:
        FailedEmail.objects.create(
            subject=subject[:998],
            recipients=list(recipients),
            error=f"{type(error).__name__}: {error}"[:2000],
            attempts=attempts,
            body=body,
            headers=headers or {},
        )
    except Exception:
        # The database may be what failed: the log line before this call is all that is left.
        logger.exception("Failed email %r could not be recorded", subject)

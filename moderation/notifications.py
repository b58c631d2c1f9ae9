"""Emails about moderated items: moderators hear of each submission, submitters of each decision.

Mail goes out only after the decision is committed (``transaction.on_commit``). A failing mail
server is retried (``EMAIL_SEND_ATTEMPTS`` times, waiting ``EMAIL_RETRY_BACKOFF`` seconds, then
twice as long each time, none starting after ``EMAIL_RETRY_WITHIN`` seconds), then logged and
recorded as a ``FailedEmail`` that staff see in the admin; it is never raised: the decision
stands whatever happens to the email. Practices, questionnaire responses and accounts all use
these helpers.
"""

import logging
import smtplib
import time

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core.site import absolute_url
from states.roles import moderators

from .models import Action, AuditRecord, FailedEmail

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


def send_after_commit(*, subject, template, context, recipients):
    """Render and send one email to ``recipients`` once the current transaction commits.

    Rendering happens after commit too, so that neither a template nor a mail-server error can
    roll back the decision it reports.
    """
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return

    def send():
        try:
            body = render_to_string(template, context)
        except Exception as error:
            logger.exception("Email %r to %s could not be sent", subject, recipients)
            _record_failure(subject, recipients, error, attempts=0)
            return
        deliver(subject, body, recipients)

    transaction.on_commit(send)


def deliver(subject, body, recipients):
    """Send one email, retrying on mail-server errors with a doubling wait; record the failure
    (``FailedEmail``) once the attempts are spent. Returns whether it was sent."""
    attempts = max(1, settings.EMAIL_SEND_ATTEMPTS)
    wait = settings.EMAIL_RETRY_BACKOFF
    # The retries run in the request that made the decision: they stop once they would take
    # longer than EMAIL_RETRY_WITHIN seconds, well inside the worker's timeout.
    deadline = time.monotonic() + settings.EMAIL_RETRY_WITHIN
    for attempt in range(1, attempts + 1):
        try:
            send_mail(subject, body, None, recipients)
        except (smtplib.SMTPException, OSError) as error:
            # OSError: refused, unreachable or timed-out connections (SMTPException covers
            # what the server answered).
            if attempt == attempts or time.monotonic() + wait > deadline:
                logger.exception(
                    "Email %r to %s could not be sent after %s attempts",
                    subject,
                    recipients,
                    attempt,
                )
                _record_failure(subject, recipients, error, attempts=attempt)
                return False
            logger.warning("Email %r: attempt %s failed (%s), retrying", subject, attempt, error)
            time.sleep(wait)
            wait *= 2
        else:
            return True
    return False


def _record_failure(subject, recipients, error, *, attempts):
    try:
        FailedEmail.objects.create(
            subject=subject[:998],
            recipients=list(recipients),
            error=f"{type(error).__name__}: {error}"[:2000],
            attempts=attempts,
        )
    except Exception:
        # The database may be what failed: the log line above is all that is left then.
        logger.exception("Failed email %r could not be recorded", subject)


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

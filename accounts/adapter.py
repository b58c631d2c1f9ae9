"""django-allauth's adapter: its emails leave like every other notification.

allauth renders the confirmation email itself; sending goes through
``moderation.notifications.deliver`` after the transaction commits, so a mail-server outage is
retried and then recorded (``FailedEmail``) instead of turning the sign-up into a server error.
"""

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from moderation.notifications import deliver


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        request = self.request
        context = {"request": request, "email": email, **context}
        message = self.render_mail(template_prefix, email, context)
        transaction.on_commit(lambda: deliver(message.subject, message.body, [email]))

"""The contact page: a form whose message is emailed to the moderators.

The platform publishes no address of its own (and has none to invent): the moderators' role
is what a reader reaches. A sender's address goes into the email only, so a moderator can
reply; nothing is stored or shown. Messages are limited per client IP.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import ratelimit
from core.net import client_ip
from moderation.notifications import deliver, moderator_emails

MESSAGES_PER_HOUR = 5


class ContactForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=120, required=False)
    email = forms.EmailField(
        label=gettext_lazy("Your email address"),
        help_text=gettext_lazy("Only the moderators see it, to reply to you."),
    )
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=150)
    message = forms.CharField(
        label=gettext_lazy("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )

    def describe_fields(self):
        """Tie each input to its help text and error message for screen readers."""
        for name, field in self.fields.items():
            ids = [f"id_{name}-help"] if field.help_text else []
            if self.is_bound and name in self.errors:
                ids.append(f"id_{name}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)


def contact(request):
    form = ContactForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow("contact", client_ip(request), limit=MESSAGES_PER_HOUR, window=3600):
            form.add_error(None, _("Too many messages from your network: try again in an hour."))
            status = 429
        else:
            body = render_to_string("emails/contact.txt", form.cleaned_data)
            subject = _("Contact form: %(subject)s") % {"subject": form.cleaned_data["subject"]}
            deliver(subject, body, moderator_emails())
            messages.success(request, _("Thank you: your message has been sent to the moderators."))
            return redirect("pages:contact")
    elif request.method == "POST":
        status = 400
    form.describe_fields()
    return render(request, "pages/contact.html", {"form": form}, status=status)

"""Signed links of alert emails: unsubscribe in one click, manage, confirm (no sign-in)."""

from django.core import signing
from django.urls import reverse

from core.site import absolute_url

UNSUBSCRIBE_SALT = "alerts.unsubscribe"
MANAGE_SALT = "alerts.manage"


def unsubscribe_token(subscription=None, *, call_notices_of=None):
    """A subscription's unsubscribe token, or a member's opt-out of call notices."""
    if call_notices_of is not None:
        return signing.dumps({"calls": call_notices_of.pk}, salt=UNSUBSCRIBE_SALT)
    return signing.dumps({"s": subscription.pk}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """The signed value, or None when the link was altered."""
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None


def manage_token(address):
    return signing.dumps(address.lower(), salt=MANAGE_SALT)


def read_manage_token(token):
    try:
        return signing.loads(token, salt=MANAGE_SALT)
    except signing.BadSignature:
        return None


def email_links(subscription=None, *, call_notices_of=None, address):
    """The links and RFC 8058 headers every alert email carries."""
    token = unsubscribe_token(subscription, call_notices_of=call_notices_of)
    unsubscribe = absolute_url(reverse("alerts:unsubscribe", kwargs={"token": token}))
    manage = absolute_url(reverse("alerts:manage", kwargs={"token": manage_token(address)}))
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return {"unsubscribe_url": unsubscribe, "manage_url": manage}, headers

"""Emails link to the address the site was served at in development (PORT=8801 make run),
and to SITE_URL when it is set (production)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.support import run_manage

pytestmark = pytest.mark.django_db

SERVED = {"HTTP_HOST": "127.0.0.1:8801", "SERVER_PORT": "8801"}


def _links(message):
    return re.findall(r"https?://\S+", message.body)


def test_an_invitation_sent_from_a_server_on_port_8801_links_to_port_8801(
    client, moderator, state, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:invite"), {"email": "nia@example.org", "state": state.pk}, **SERVED
        )
    (link,) = _links(mail.outbox[0])
    assert link.startswith("http://127.0.0.1:8801/en/accounts/invitation/")
    # The link works as sent: it opens the set-password page on that server.
    response = client.get(link.removeprefix("http://127.0.0.1:8801"), follow=True, **SERVED)
    assert response.status_code == 200


def test_a_submission_tells_moderators_the_review_address_on_the_served_port(
    client, submitter, moderator, make_practice, django_capture_on_commit_callbacks
):
    practice = make_practice()
    client.force_login(submitter)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("workflow:practice_submit", kwargs={"pk": practice.pk}), **SERVED)
    (message,) = [m for m in mail.outbox if moderator.email in m.to]
    assert f"http://127.0.0.1:8801/en/moderation/practices/{practice.pk}/" in message.body


def test_a_decision_tells_the_state_the_address_on_the_served_port(
    client, moderator, submitter, make_practice, django_capture_on_commit_callbacks
):
    practice = make_practice(status="submitted")
    client.force_login(moderator)
    review = reverse("moderation:review", kwargs={"pk": practice.pk})
    form = client.get(review, **SERVED).context["form"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            review,
            {
                "action": "request_changes",
                "comment": "Please cite the law.",
                "seen_status": "submitted",
                "reviewed": form.initial["reviewed"],
            },
            **SERVED,
        )
    (message,) = [m for m in mail.outbox if submitter.email in m.to]
    assert f"http://127.0.0.1:8801/en/my-state/practices/{practice.pk}/" in message.body


def test_site_url_when_set_is_the_address_whatever_the_request(
    client, moderator, state, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://gfmd.example.org"
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:invite"), {"email": "nia@example.org", "state": state.pk}, **SERVED
        )
    (link,) = _links(mail.outbox[0])
    assert link.startswith("https://gfmd.example.org/en/accounts/invitation/")


def test_production_without_site_url_takes_the_first_allowed_host_over_https():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SITE_URL)",
        drop={"SITE_URL"},
        DEBUG="0",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="gfmd.example.org,www.gfmd.example.org",
        ALLOW_LOCAL_CACHE="1",
    )
    assert "https://gfmd.example.org" in result.stdout.splitlines(), result.stderr

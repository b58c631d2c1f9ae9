"""The contact page: a message reaches the moderators by email; no address is published."""

import re

from django.core import mail
from django.urls import reverse

MESSAGE = {
    "name": "A reader",
    "email": "reader@example.org",
    "subject": "A correction",
    "message": "The 3x1 programme started in 2002.",
}


def test_a_reader_writes_to_the_moderators_who_get_it_by_email(client, moderator):
    moderator.email = "moderator@example.org"
    moderator.save()
    response = client.post(reverse("pages:contact"), MESSAGE, follow=True)
    assert "your message has been sent to the moderators" in response.content.decode()
    [email] = mail.outbox
    assert email.to == ["moderator@example.org"]
    assert "reader@example.org" in email.body and "started in 2002" in email.body


def test_a_message_with_problems_is_refused_and_keeps_what_was_typed(client, moderator):
    response = client.post(reverse("pages:contact"), {**MESSAGE, "email": "not-an-address"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The 3x1 programme started in 2002." in html
    assert 'aria-invalid="true"' in html
    assert not mail.outbox


def test_too_many_messages_from_one_network_are_refused(client, moderator):
    moderator.email = "moderator@example.org"
    moderator.save()
    for _number in range(5):
        client.post(reverse("pages:contact"), MESSAGE)
    response = client.post(reverse("pages:contact"), MESSAGE)
    assert response.status_code == 429
    assert len(mail.outbox) == 5
    assert "Too many messages" in response.content.decode()


def test_the_contact_page_shows_no_email_address(client, moderator):
    moderator.email = "moderator@example.org"
    moderator.save()
    html = client.get(reverse("pages:contact")).content.decode()
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", html)
    assert "mailto:" not in html

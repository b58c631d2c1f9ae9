"""End to end in Debian's chromium: a reader signs up, confirms, asks Mexico about the 3x1
programme (the paper's default data), a moderator releases the first question, Mexico's
submitter answers, and the reader sees the answer."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from states.models import State
from tests.factories import TEST_PASSWORD, SubmitterFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

READER_EMAIL = "curious.reader@readers.example"


def _sign_in(page, base, login):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email or username").fill(login)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name=re.compile("Sign out"))).to_be_visible()


def _sign_out(page):
    page.get_by_role("button", name=re.compile("Sign out")).click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_a_reader_asks_mexico_about_the_3x1_programme_and_reads_the_answer(
    page, live_server, moderator
):
    call_command("load_default_data", verbosity=0)
    mexico = State.objects.get(iso2="MX")
    submitter = SubmitterFactory(states=[mexico], email="desk@mexico-gov.example")
    base = live_server.url
    page.set_default_timeout(15_000)

    # Sign up and confirm the address with the link from the email.
    page.goto(f"{base}/en/")
    page.get_by_role("link", name="Create an account").click()
    page.locator("#id_email").fill(READER_EMAIL)
    page.locator("#id_username").fill("curious-reader")
    page.locator("#id_password1").fill(TEST_PASSWORD)
    page.locator("#id_password2").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Create the account").click()
    expect(page.get_by_role("heading", name="Confirm your email address")).to_be_visible()
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("button", name=re.compile("Sign out"))).to_be_visible()

    # Ask Mexico from the practice page.
    page.goto(f"{base}/en/practices/mexico-3x1-programme/")
    page.get_by_role("link", name="Ask Mexico about this").click()
    page.get_by_label("Subject").fill("Matching funds")
    page.get_by_label("Your question").fill("How do municipalities apply for the matching?")
    page.get_by_role("button", name="Send the question").click()
    expect(page.get_by_text("a moderator reads it before it goes to the State")).to_be_visible()
    _sign_out(page)

    # A moderator releases the new account's first question.
    _sign_in(page, base, moderator.username)
    page.goto(f"{base}/en/moderation/questions/")
    page.get_by_role("link", name="Matching funds").click()
    page.get_by_role("button", name="Release: send it to the State").click()
    expect(page.get_by_text("Released: the question went to the State.")).to_be_visible()
    _sign_out(page)
    assert any(m.to == [submitter.email] for m in mail.outbox)

    # Mexico's submitter answers in My State → Questions.
    _sign_in(page, base, submitter.username)
    page.goto(f"{base}/en/my-state/")
    page.get_by_role("link", name="Questions", exact=True).click()
    page.get_by_role("link", name="Matching funds").click()
    expect(page.get_by_text("How do municipalities apply for the matching?")).to_be_visible()
    page.get_by_label("Your message").fill("Through the state delegation, each spring.")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_text("Your message is sent.")).to_be_visible()
    _sign_out(page)

    # The reader signs in with their email address and reads the answer.
    _sign_in(page, base, READER_EMAIL)
    page.get_by_role("link", name="My questions").click()
    page.get_by_role("link", name="Matching funds").click()
    expect(page.get_by_text("Through the state delegation, each spring.")).to_be_visible()
    expect(page.get_by_text(submitter.email)).to_have_count(0)
    assert submitter.email not in page.content()

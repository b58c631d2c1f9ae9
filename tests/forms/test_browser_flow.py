"""In Debian's chromium: an invited person signs in by email, fills the guided form with the
keyboard only (its evidence included), submits; a moderator takes it from the queue, asks two
expert reviewers, both score it, and the moderator approves it: the public page says
"Peer-reviewed" and shows the evidence table."""

import re

import pytest
from playwright.sync_api import expect

from accounts import services
from practices.models import Practice
from tests.factories import (
    TEST_PASSWORD,
    GcmObjectiveFactory,
    PillarFactory,
    ReviewerFactory,
    ThemeFactory,
)
from tests.reviews.test_review_browser import _review

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _type(page, label, text):
    """Move to the field and type, as a keyboard user does (no mouse, no fill())."""
    page.get_by_label(label, exact=True).focus()
    page.keyboard.type(text)


def _press(page, locator, key="Enter"):
    locator.focus()
    page.keyboard.press(key)


def _sign_out(page):
    _press(page, page.get_by_role("button", name=re.compile("Sign out")))
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def _sign_in_as_moderator(page, base, moderator):
    page.goto(f"{base}/accounts/login/")
    _type(page, "Email or username:", moderator.username)
    page.keyboard.press("Tab")
    page.keyboard.type(TEST_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Moderation queue", level=1)).to_be_visible()


def test_an_invitee_shares_a_practice_two_experts_review_it_and_a_moderator_approves_it(
    page, live_server, state, moderator
):
    base = live_server.url
    page.set_default_timeout(15_000)
    PillarFactory(name="Institutional capacity")
    ThemeFactory(name="Diaspora engagement")
    GcmObjectiveFactory(number=20, name="Promote faster, safer and cheaper remittances")
    invitation = services.invite(email="nia@example.org", state=state, by=moderator)
    invitee = invitation.user
    invitee.set_password(TEST_PASSWORD)
    invitee.save()

    # Signing in with the email address the invitation went to.
    page.goto(f"{base}/accounts/login/")
    _type(page, "Email or username:", "nia@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(TEST_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="My State")).to_be_visible()
    page.goto(f"{base}/en/my-state/")
    _press(page, page.get_by_role("link", name="Share a new practice"))

    # About: an empty save shows the error summary, which takes the focus.
    expect(page.locator('[aria-current="step"]')).to_have_text("About")
    _press(page, page.get_by_role("button", name="Save and continue"))
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator(".error-links a[href='#id_title']")).to_be_visible()
    _type(page, "Title:", "Diaspora bonds for local roads")
    expect(page.locator("#id_title_count")).to_have_text("30 of 250 characters")
    _type(page, "Summary:", "Emigrants buy bonds that pay for roads in home regions.")
    _press(page, page.get_by_label("Coherence pillar:"), "ArrowDown")
    _press(page, page.get_by_label("Diaspora engagement"), "Space")
    _press(page, page.get_by_role("button", name="Save and continue"))

    expect(page.locator('[aria-current="step"]')).to_have_text("What was done")
    _type(page, "Description:", "The scheme **works** in three provinces.")
    _type(page, "Start year:", "2005")
    _press(page, page.get_by_role("button", name="Save and continue"))
    expect(page.locator('[aria-current="step"]')).to_have_text("Results and evidence")
    evaluation = page.get_by_label("Evaluation:")
    for _option in ("Not evaluated", "Internal monitoring", "Independent evaluation"):
        _press(page, evaluation, "ArrowDown")
    expect(evaluation).to_have_value("independent")
    page.locator("#id_indicators-0-name").focus()
    page.keyboard.type("Roads built")
    page.locator("#id_indicators-0-achieved").focus()
    page.keyboard.type("12")
    _press(page, page.get_by_role("button", name="Save and continue"))
    expect(page.locator('[aria-current="step"]')).to_have_text("Lessons")
    _type(page, "Lessons learned and obstacles:", "Clubs needed help with proposals.")
    _press(page, page.get_by_role("button", name="Save and continue"))
    expect(page.locator('[aria-current="step"]')).to_have_text("People and partners")
    _press(page, page.get_by_role("button", name="Save and continue"))
    expect(page.locator('[aria-current="step"]')).to_have_text("Documents")
    _press(page, page.get_by_role("link", name="Continue", exact=True))

    # Check and submit: the criteria answered, then sent for review.
    expect(page.locator('[aria-current="step"]')).to_have_text("Check and submit")
    _press(page, page.get_by_label("20. Promote faster, safer and cheaper remittances"), "Space")
    _press(page, page.get_by_label("Whole-of-government approach"), "Space")
    _type(page, "What makes it replicable:", "Needs organised diaspora associations.")
    _press(page, page.get_by_role("button", name="Save and submit for review"))
    expect(page.get_by_text("Saved and sent for review.")).to_be_visible()
    practice = Practice.objects.get(title="Diaspora bonds for local roads")
    assert practice.status == Practice.Status.SUBMITTED
    assert practice.replicability == "Needs organised diaspora associations."
    assert practice.guiding_principles.get().slug == "whole-of-government-approach"
    _sign_out(page)

    # The moderator lands on the queue, takes the item and asks two experts.
    ReviewerFactory(first_name="Ana", last_name="Reviewer", organisation="Partner institute")
    ReviewerFactory(first_name="Bo", last_name="Reviewer")
    _sign_in_as_moderator(page, base, moderator)
    _press(page, page.get_by_role("button", name=re.compile("Assign to me")))
    expect(page.get_by_text("is assigned to you")).to_be_visible()
    _press(page, page.get_by_role("link", name="Diaspora bonds for local roads"))
    _press(page, page.get_by_label("Ana Reviewer (Partner institute)"), "Space")
    _press(page, page.get_by_label("Bo Reviewer"), "Space")
    _press(page, page.get_by_role("button", name="Ask for reviews"))
    expect(page.get_by_text("Review asked of 2 reviewer(s)")).to_be_visible()
    _sign_out(page)

    # Both score it; the moderator reads the scores side by side and approves.
    reviewers = {user.first_name: user for user in ReviewerFactory._meta.model.objects.all()}
    _review(page, base, reviewers["Ana"], "3 – Largely met")
    _review(page, base, reviewers["Bo"], "4 – Fully met")
    _sign_in_as_moderator(page, base, moderator)
    _press(page, page.get_by_role("link", name="Diaspora bonds for local roads"))
    expect(page.get_by_role("table", name=re.compile("Scores side by side"))).to_be_visible()
    _press(page, page.get_by_role("button", name="Approve and publish"))
    expect(page.get_by_text("Decision recorded.")).to_be_visible()

    practice.refresh_from_db()
    assert practice.status == Practice.Status.PUBLISHED
    page.goto(f"{base}/en/practices/{practice.slug}/")
    expect(page.get_by_role("heading", name="Diaspora bonds for local roads")).to_be_visible()
    expect(page.get_by_text("Peer-reviewed", exact=True)).to_be_visible()
    evidence = page.get_by_role("table", name=re.compile("Indicators"))
    expect(evidence.get_by_role("row", name=re.compile("Roads built"))).to_contain_text("12")
    expect(page.get_by_text("Independent evaluation")).to_be_visible()

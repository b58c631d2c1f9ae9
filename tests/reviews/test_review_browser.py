"""End to end in a real browser: a moderator asks two experts, both score the practice, the
moderator approves it, and its public page says "Peer-reviewed"."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from practices.models import Practice
from reviews.criteria import CRITERIA
from tests.factories import TEST_PASSWORD, PracticeFactory, ReviewerFactory, SubmitterFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _sign_in(page, base, user, *, then, heading):
    page.goto(f"{base}/en/accounts/login/?next={then}")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()


def _sign_out(page):
    page.get_by_role("button", name=re.compile("Sign out")).click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def _review(page, base, reviewer, score):
    _sign_in(page, base, reviewer, then="/en/reviews/", heading="My reviews")
    page.get_by_role("link", name="Diaspora bonds for local roads").click()
    for criterion in CRITERIA:
        group = page.get_by_role("group", name=re.compile(re.escape(str(criterion.label))))
        group.get_by_label(score).check()
        page.get_by_label(f"Comment on “{criterion.label}”").fill(
            f"Scored by {reviewer.first_name}."
        )
    page.get_by_role("button", name="Submit the review").click()
    expect(page.get_by_text("Thank you: your review is recorded.")).to_be_visible()
    _sign_out(page)


def test_two_experts_review_and_the_approved_practice_is_peer_reviewed(
    page, live_server, state, moderator
):
    base = live_server.url
    page.set_default_timeout(15_000)
    submitter = SubmitterFactory(states=[state])
    practice = PracticeFactory(
        lead_state=state,
        created_by=submitter,
        title="Diaspora bonds for local roads",
        status=Practice.Status.SUBMITTED,
        submitted_at=timezone.now(),
        published_at=None,
    )
    ana = ReviewerFactory(first_name="Ana", last_name="Reviewer", organisation="Partner institute")
    bo = ReviewerFactory(first_name="Bo", last_name="Reviewer")

    # The moderator asks both.
    _sign_in(
        page,
        base,
        moderator,
        then=f"/en/moderation/practices/{practice.pk}/",
        heading=re.compile("Review"),
    )
    page.get_by_label("Ana Reviewer (Partner institute)").check()
    page.get_by_label("Bo Reviewer").check()
    page.get_by_role("button", name="Ask for reviews").click()
    expect(page.get_by_text("Review asked of 2 reviewer(s)")).to_be_visible()
    _sign_out(page)

    # Each scores every criterion.
    _review(page, base, ana, "3 – Largely met")
    _review(page, base, bo, "4 – Fully met")

    # The moderator reads the scores side by side and approves.
    _sign_in(
        page,
        base,
        moderator,
        then=f"/en/moderation/practices/{practice.pk}/",
        heading=re.compile("Review"),
    )
    table = page.get_by_role("table", name=re.compile("Scores side by side"))
    expect(table).to_be_visible()
    expect(table.get_by_role("row", name=re.compile("Evidence of results"))).to_contain_text("3.5")
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_text("Decision recorded.")).to_be_visible()
    _sign_out(page)

    # Its public page says so, with a link to the criteria.
    page.goto(f"{base}/en/practices/{practice.slug}/")
    expect(page.get_by_text("Peer-reviewed", exact=True)).to_be_visible()
    page.get_by_role("link", name="published criteria").click()
    expect(page.get_by_role("heading", name="Expert review criteria", level=1)).to_be_visible()

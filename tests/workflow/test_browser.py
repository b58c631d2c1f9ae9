"""End to end in a real browser: a practice goes from a State's form to the public site."""

import re

import pytest
from playwright.sync_api import expect

from practices.models import Practice
from tests.factories import TEST_PASSWORD, PillarFactory, SubmitterFactory, ThemeFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _sign_in(page, base, user):
    page.goto(f"{base}/en/accounts/login/?next=/en/my-state/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My State", level=1)).to_be_visible()


def _sign_out(page):
    page.get_by_role("button", name=re.compile("Sign out")).click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_a_practice_goes_from_draft_through_review_to_the_public_site(
    page, live_server, state, moderator
):
    base = live_server.url
    page.set_default_timeout(15_000)
    submitter = SubmitterFactory(states=[state])
    pillar = PillarFactory(name="Institutional capacity")
    theme = ThemeFactory(name="Diaspora engagement")

    # The submitter writes a draft and saves it.
    _sign_in(page, base, submitter)
    page.get_by_role("link", name="Share a new practice").click()
    page.get_by_role("link", name="Or write everything on one page.").click()
    page.get_by_label("Title").fill("Diaspora bonds for local roads")
    page.get_by_label("Summary").fill("Emigrants buy bonds that pay for roads in home regions.")
    page.get_by_label("Description").fill("The scheme **works** in three provinces.")
    page.get_by_label("Coherence pillar").select_option(label=pillar.name)
    page.get_by_label(theme.name).check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    practice = Practice.objects.get(title="Diaspora bonds for local roads")
    assert practice.status == Practice.Status.DRAFT

    # ... and submits it.
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.get_by_text("Saved and sent for review.")).to_be_visible()
    expect(page.locator(".status").first).to_have_text("In review")
    _sign_out(page)

    # A moderator asks for changes.
    _sign_in(page, base, moderator)
    page.get_by_role("link", name="Moderation queue", exact=True).click()
    page.get_by_role("link", name="Diaspora bonds for local roads").click()
    page.get_by_label("Comment to the State").fill("Please give the start year.")
    page.get_by_role("button", name="Request changes").click()
    expect(page.get_by_text("Decision recorded.")).to_be_visible()
    _sign_out(page)

    # The submitter sees the comment, fixes the practice and resubmits.
    _sign_in(page, base, submitter)
    page.locator("section", has_text="Needs your action").get_by_role(
        "link", name="Diaspora bonds for local roads"
    ).first.click()
    expect(page.get_by_text("Please give the start year.")).to_be_visible()
    page.get_by_role("link", name="Edit all on one page").click()
    page.get_by_label("Start year").fill("2005")
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.get_by_text("Saved and sent for review.")).to_be_visible()
    _sign_out(page)

    # The moderator approves.
    _sign_in(page, base, moderator)
    page.get_by_role("link", name="Moderation queue", exact=True).click()
    page.get_by_role("link", name="Diaspora bonds for local roads").click()
    expect(page.get_by_text("Please give the start year.")).to_be_visible()
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_text("Decision recorded.")).to_be_visible()
    _sign_out(page)

    # Any visitor now finds it on the public site.
    practice.refresh_from_db()
    assert practice.status == Practice.Status.PUBLISHED
    page.goto(f"{base}/en/practices/{practice.slug}/")
    expect(page.get_by_role("heading", name="Diaspora bonds for local roads")).to_be_visible()
    expect(page.get_by_text("since 2005", exact=True)).to_be_visible()
    expect(page.locator("strong", has_text="works")).to_be_visible()

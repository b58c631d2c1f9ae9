"""A moderator's or administrator's home is the moderation queue: their My State offers no
"Share a new practice" nor says they belong to no State; the preview leads back to editing
and to submitting."""

import pytest
from django.urls import reverse

from practices.models import Practice
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("workflow:dashboard")


@pytest.mark.parametrize("who", ["moderator", "admin_user"])
def test_a_moderators_my_state_neither_offers_a_new_practice_nor_says_no_state(
    client, who, request
):
    client.force_login(request.getfixturevalue(who))
    page = client.get(DASHBOARD).content.decode()
    assert "Share a new practice" not in page
    assert "does not belong to any State" not in page
    assert reverse("moderation:queue") in page


def test_a_submitter_still_shares_a_new_practice(signed_in):
    assert "Share a new practice" in signed_in.get(DASHBOARD).content.decode()


@pytest.mark.parametrize("who", ["moderator", "admin_user"])
def test_signing_in_takes_a_moderator_to_the_queue(client, who, request):
    user = request.getfixturevalue(who)
    response = client.post(
        reverse("login"), {"username": user.username, "password": TEST_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("moderation:queue")


def test_signing_in_takes_a_submitter_to_the_home_page(client, submitter):
    response = client.post(
        reverse("login"), {"username": submitter.username, "password": TEST_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")


def test_the_nav_puts_the_queue_first_for_moderators(moderating):
    page = moderating.get(reverse("home")).content.decode()
    assert page.index(reverse("moderation:queue")) < page.index(DASHBOARD)


def test_the_preview_links_back_to_editing_and_to_submitting(signed_in, make_practice):
    practice = make_practice()
    page = signed_in.get(
        reverse("workflow:practice_preview", kwargs={"pk": practice.pk})
    ).content.decode()
    assert reverse("workflow:practice_step", kwargs={"pk": practice.pk, "step": "check"}) in page
    assert f'action="{reverse("workflow:practice_submit", kwargs={"pk": practice.pk})}"' in page


def test_the_preview_of_a_practice_in_review_offers_no_submit(signed_in, make_practice):
    practice = make_practice(Practice.Status.SUBMITTED)
    page = signed_in.get(
        reverse("workflow:practice_preview", kwargs={"pk": practice.pk})
    ).content.decode()
    assert reverse("workflow:practice_submit", kwargs={"pk": practice.pk}) not in page
    assert "Back to editing" not in page

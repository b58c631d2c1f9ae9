"""Digests list each newly published practice once, with why it matched; never empty, never
twice; matched in bulk through the real search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alerts import digests
from alerts.models import Subscription
from moderation.models import FailedEmail
from practices import workflow
from practices.models import Practice
from tests import factories
from tests.alerts.factories import published_practice, saved_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def remittances(db):
    return factories.ThemeFactory(name="Remittances", slug="remittances")


def run_digests(frequency, capture):
    with capture(execute=True):
        return digests.send_digests(frequency)


def test_a_follower_of_a_theme_hears_of_a_new_practice_there_and_why(
    remittances, mailoutbox, django_capture_on_commit_callbacks
):
    reader = factories.UserFactory(email="reader@example.org")
    saved_search("theme=remittances", user=reader)
    practice = published_practice(themes=[remittances], title="Matching fund")
    published_practice(title="Elsewhere")  # another theme: not in the digest
    assert run_digests("daily", django_capture_on_commit_callbacks) == (1, 1)
    [email] = mailoutbox
    assert email.to == ["reader@example.org"]
    assert "Matching fund" in email.body and "Elsewhere" not in email.body
    assert "Theme Remittances" in email.body
    assert practice.get_absolute_url() in email.body


def test_a_saved_search_with_words_matches_through_the_search_and_says_so(
    remittances, mailoutbox, django_capture_on_commit_callbacks
):
    saved_search("q=diaspora bonds&theme=remittances", email="bonds@example.org")
    published_practice(
        themes=[remittances], title="Diaspora bonds for housing", summary="Diaspora bonds."
    )
    published_practice(themes=[remittances], title="Remittance fees", summary="Fees.")
    run_digests("daily", django_capture_on_commit_callbacks)
    [email] = mailoutbox
    assert "Diaspora bonds for housing" in email.body
    assert "Remittance fees" not in email.body
    assert "words: diaspora bonds" in email.body
    assert "Theme Remittances" in email.body


def test_no_digest_is_sent_when_nothing_new_matches(
    remittances, mailoutbox, django_capture_on_commit_callbacks
):
    saved_search("theme=remittances", email="quiet@example.org")
    published_practice(title="Another theme")
    assert run_digests("daily", django_capture_on_commit_callbacks) == (0, 0)
    assert mailoutbox == []


def test_a_digest_is_never_sent_twice_when_the_task_runs_again(
    remittances, mailoutbox, django_capture_on_commit_callbacks
):
    subscription = saved_search("theme=remittances", email="once@example.org")
    published_practice(themes=[remittances], title="First practice")
    run_digests("daily", django_capture_on_commit_callbacks)
    run_digests("daily", django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    subscription.refresh_from_db()
    assert subscription.sent_until is not None  # the send mark
    # A second new practice later is sent, alone.
    published_practice(themes=[remittances], title="Later practice")
    run_digests("daily", django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2
    assert "Later practice" in mailoutbox[1].body
    assert "First practice" not in mailoutbox[1].body


def test_practices_published_before_the_confirmation_are_not_news(
    remittances, mailoutbox, django_capture_on_commit_callbacks
):
    published_practice(themes=[remittances], published_at=timezone.now() - timezone.timedelta(1))
    saved_search("theme=remittances", email="new@example.org")
    run_digests("daily", django_capture_on_commit_callbacks)
    assert mailoutbox == []


def test_an_unconfirmed_address_never_receives_a_digest(
    remittances, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        saved_search("theme=remittances", email="unconfirmed@example.org", confirmed=False)
    mailoutbox.clear()  # the confirmation email
    published_practice(themes=[remittances])
    run_digests("daily", django_capture_on_commit_callbacks)
    assert mailoutbox == []


def test_each_frequency_sends_only_its_own_subscriptions(
    remittances, mailoutbox, django_capture_on_commit_callbacks
):
    saved_search("theme=remittances", email="weekly@example.org", frequency="weekly")
    published_practice(themes=[remittances])
    run_digests("daily", django_capture_on_commit_callbacks)
    assert mailoutbox == []
    run_digests("weekly", django_capture_on_commit_callbacks)
    assert [email.to for email in mailoutbox] == [["weekly@example.org"]]


def test_approving_a_practice_sends_the_as_published_digests(
    remittances, state, submitter, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    saved_search("theme=remittances", email="now@example.org", frequency="immediate")
    practice = factories.PracticeFactory(
        status=Practice.Status.SUBMITTED,
        lead_state=state,
        created_by=submitter,
        published_at=None,
        themes=[remittances],
    )
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(practice, by=moderator)
    alerts = [email for email in mailoutbox if email.to == ["now@example.org"]]
    assert len(alerts) == 1 and practice.title in alerts[0].body


def count_digest_queries(subscriptions, capture):
    with CaptureQueriesContext(connection) as queries, capture(execute=True):
        emails, _sent = digests.send_digests("daily")
    assert emails == subscriptions
    return len(queries)


def test_the_query_count_does_not_grow_with_the_subscriptions_of_a_batch(
    remittances, settings, mailoutbox, django_capture_on_commit_callbacks
):
    diaspora = factories.ThemeFactory(slug="diaspora")
    for number in range(3):
        published_practice(themes=[remittances, diaspora], summary=f"Diaspora bonds {number}.")
    searches = ["theme=remittances", "theme=diaspora", "q=bonds", "q=bonds&theme=diaspora"]
    queries = []
    # The first run also makes the search backend's once-per-process lookups: not counted.
    for total in (4, 4, 40):
        Subscription.objects.update(sent_until=None)
        for number in range(Subscription.objects.count(), total):
            saved_search(searches[number % 4], email=f"reader{number}@example.org")
        queries.append(count_digest_queries(total, django_capture_on_commit_callbacks))
    assert queries[1] == queries[2]


def test_a_digest_the_mail_server_refuses_is_kept_whole_for_staff(
    remittances, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    settings.EMAIL_SEND_ATTEMPTS, settings.EMAIL_RETRY_BACKOFF = 2, 0.01
    subscription = saved_search("theme=remittances", email="down@example.org")
    published_practice(themes=[remittances], title="Kept practice")
    run_digests("daily", django_capture_on_commit_callbacks)
    failed = FailedEmail.objects.get()
    assert failed.recipients == ["down@example.org"] and "Kept practice" in failed.body
    assert failed.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    subscription.refresh_from_db()
    assert subscription.sent_until is not None  # the digest is not built again

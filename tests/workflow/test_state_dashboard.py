"""My State's readership table: page views and CSV downloads counted without cookies or
personal data, questions received and followers, over the last 90 days."""

from datetime import timedelta

import html5lib
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from practices import readership
from practices.living import PracticeDayCount
from tests import factories
from tests.alerts.factories import saved_search
from tests.conversations.factories import ConversationFactory

pytestmark = pytest.mark.django_db
DASHBOARD = "/en/my-state/"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"


@pytest.fixture
def signed_in(client, submitter):
    client.force_login(submitter)
    return client


@pytest.fixture
def practice(state):
    return factories.PracticeFactory(lead_state=state, title="Diaspora bonds")


def views_of(practice):
    readership.flush_views()
    return sum(PracticeDayCount.objects.filter(practice=practice).values_list("views", flat=True))


def downloads_of(practice):
    return sum(
        PracticeDayCount.objects.filter(practice=practice).values_list("downloads", flat=True)
    )


def reading_row(response, practice):
    section = response.context["sections"][0]
    return {row.pk: counts for row, counts in section["reading"]}[practice.pk]


def test_a_page_view_is_counted_without_a_cookie_of_its_own(client, practice):
    response = client.get(practice.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    client.cookies.clear()  # a reader who keeps no cookie is counted alike
    client.get(practice.get_absolute_url(), HTTP_USER_AGENT=BROWSER)

    assert response.status_code == 200
    # The one cookie is the CSRF token of the language switcher's form, on every page; the
    # count sets none, starts no session and reads none.
    assert set(response.cookies) <= {"csrftoken"}
    assert views_of(practice) == 2
    assert PracticeDayCount.objects.get(practice=practice).day == timezone.now().date()


def test_the_count_stores_nothing_about_the_reader():
    fields = {field.name for field in PracticeDayCount._meta.get_fields()}

    assert fields == {"id", "practice", "day", "views", "downloads"}


@pytest.mark.parametrize(
    "agent", ["Googlebot/2.1 (+http://www.google.com/bot.html)", "SomeCrawler/1.0", "MJ12 Spider"]
)
def test_robots_are_not_counted(client, practice, agent):
    client.get(practice.get_absolute_url(), HTTP_USER_AGENT=agent)

    assert views_of(practice) == 0


def test_head_requests_are_not_counted(client, practice):
    client.head(practice.get_absolute_url(), HTTP_USER_AGENT=BROWSER)

    assert views_of(practice) == 0


def test_a_csv_export_counts_one_download_per_practice_it_held(client, practice, state):
    other = factories.PracticeFactory(lead_state=state)
    response = client.get("/en/practices/export.csv", HTTP_USER_AGENT=BROWSER)
    b"".join(response.streaming_content)

    assert downloads_of(practice) == 1
    assert downloads_of(other) == 1
    assert views_of(practice) == 0


def test_views_are_written_in_one_statement_per_interval_not_per_view(
    client, practice, state, settings, django_assert_num_queries
):
    other = factories.PracticeFactory(lead_state=state)
    client.get(practice.get_absolute_url())
    with django_assert_num_queries(1):  # the practice row: the view waits in memory
        client.get(practice.get_absolute_url())
    client.get(other.get_absolute_url())
    assert not PracticeDayCount.objects.exists()

    with CaptureQueriesContext(connection) as queries:
        readership.flush_views()

    # The practices still there, then one upsert for both.
    assert len(queries) == 2
    assert queries[1]["sql"].upper().startswith("INSERT")
    assert (views_of(practice), views_of(other)) == (2, 1)


def test_a_view_after_the_interval_writes_what_was_counted(client, practice, settings):
    settings.READ_COUNTS_FLUSH_SECONDS = 0

    client.get(practice.get_absolute_url())

    assert PracticeDayCount.objects.get(practice=practice).views == 1


def test_the_dashboard_counts_the_last_90_days_and_excludes_older(signed_in, practice):
    today = timezone.now().date()
    PracticeDayCount.objects.create(practice=practice, day=today, views=5, downloads=1)
    PracticeDayCount.objects.create(
        practice=practice, day=today - timedelta(days=89), views=3, downloads=2
    )
    PracticeDayCount.objects.create(
        practice=practice, day=today - timedelta(days=90), views=100, downloads=100
    )
    ConversationFactory(state=practice.lead_state, practice=practice)
    old = ConversationFactory(state=practice.lead_state, practice=practice)
    old.created_at = timezone.now() - timedelta(days=91)
    old.save(update_fields=["created_at"])
    ConversationFactory(state=practice.lead_state, practice=practice, routed_at=None)

    response = signed_in.get(DASHBOARD)

    views, downloads, questions, _followers = reading_row(response, practice)
    assert (views, downloads, questions) == (8, 3, 1)
    html = response.content.decode()
    assert "<caption>" in html
    assert "Total" in html


def test_followers_are_confirmed_alerts_on_the_practices_state_or_themes(
    signed_in, practice, state
):
    theme = practice.themes.get()
    saved_search(f"state={state.slug}", email="a@example.org")
    saved_search(f"theme={theme.slug}", email="b@example.org")
    saved_search(f"theme={theme.slug}&state={state.slug}", email="c@example.org")
    saved_search(f"theme={factories.ThemeFactory().slug}", email="d@example.org")
    saved_search(f"state={state.slug}", email="e@example.org", confirmed=False)

    response = signed_in.get(DASHBOARD)

    assert reading_row(response, practice)[3] == 3
    assert "@example.org" not in response.content.decode()


def test_another_states_practice_is_not_on_the_dashboard(signed_in, practice, other_state):
    theirs = factories.PracticeFactory(lead_state=other_state, title="Their published practice")
    PracticeDayCount.objects.create(practice=theirs, day=timezone.now().date(), views=9)

    response = signed_in.get(DASHBOARD)

    assert "Their published practice" not in response.content.decode()
    rows = response.context["sections"][0]["reading"]
    assert [row.pk for row, _counts in rows] == [practice.pk]


def test_unpublished_practices_are_left_out_and_the_empty_table_says_what_to_do(signed_in, state):
    factories.PracticeFactory(lead_state=state, status="draft", published_at=None)

    html = signed_in.get(DASHBOARD).content.decode()

    assert "No published practice yet" in html
    assert "Share a new practice" in html


def test_the_readership_table_takes_a_fixed_number_of_queries(
    signed_in, state, served_once, django_assert_num_queries
):
    def count_queries():
        served_once(signed_in, DASHBOARD)
        with CaptureQueriesContext(connection) as queries:
            signed_in.get(DASHBOARD)
        return len(queries)

    factories.PracticeFactory(lead_state=state)
    few = count_queries()
    for _index in range(10):
        practice = factories.PracticeFactory(lead_state=state)
        ConversationFactory(state=state, practice=practice)
        PracticeDayCount.objects.create(practice=practice, day=timezone.now().date(), views=1)
    saved_search(f"state={state.slug}", email="f@example.org")

    assert count_queries() == few == 13


def test_the_window_starts_89_days_before_today():
    first_day, since = readership.window_start()

    assert first_day == timezone.localdate() - timedelta(days=89)
    assert since.date() == first_day


def test_a_practice_deleted_before_the_write_does_not_lose_the_others_counts(
    client, practice, state
):
    gone = factories.PracticeFactory(lead_state=state)
    client.get(gone.get_absolute_url())
    client.get(practice.get_absolute_url())
    gone.delete()

    assert views_of(practice) == 1


def test_the_dashboard_with_its_table_is_valid_html(signed_in, practice):
    html = signed_in.get(DASHBOARD).content.decode()

    assert '<table class="reading-table">' in html
    html5lib.HTMLParser(strict=True).parse(html)

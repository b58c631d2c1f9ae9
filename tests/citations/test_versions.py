"""Every published version of a practice keeps a permanent address; "Last update" is the last
published change."""

import pytest
from django.urls import reverse

from practices import workflow
from practices.models import PracticeVersion


def version_url(practice, number):
    return reverse("practices:practice_version", kwargs={"slug": practice.slug, "number": number})


def test_approving_a_submission_publishes_its_version_1(approved):
    (version,) = approved.versions.all()

    assert version.number == 1
    assert version.content["fields"]["summary"] == "First summary."
    assert version.get_absolute_url() == f"/en/practices/{approved.slug}/v1/"


def test_an_approved_revision_becomes_version_2_and_version_1_still_reads_as_it_was(
    client, revised
):
    assert list(revised.versions.values_list("number", flat=True)) == [1, 2]

    old = client.get(version_url(revised, 1)).content.decode()
    current = client.get(version_url(revised, 2)).content.decode()

    assert "First summary." in old and "Second summary." not in old
    assert "Read the current version" in old
    assert "Second summary." in current and "Read the current version" not in current


def test_old_versions_are_kept_out_of_indexes_and_point_to_the_current_page(client, revised):
    html = client.get(version_url(revised, 1)).content.decode()

    assert '<meta name="robots" content="noindex">' in html
    assert f'<link rel="canonical" href="http://testserver{revised.get_absolute_url()}">' in html


def test_the_practice_page_lists_its_versions_with_their_dates(client, revised):
    html = client.get(revised.get_absolute_url()).content.decode()

    versions = html.split('id="versions-title"')[1]
    assert version_url(revised, 1) in versions
    assert version_url(revised, 2) in versions
    v2 = revised.versions.get(number=2)
    assert f'<time datetime="{v2.published_at:%Y-%m-%d}">' in versions


def test_last_update_is_the_last_published_change_not_a_later_save_of_the_row(
    client, revised, submitter
):
    v2 = revised.versions.get(number=2)
    # A new revision opened and saved later moves nothing on the public page.
    workflow.start_revision(revised, by=submitter).save()

    html = client.get(revised.get_absolute_url()).content.decode()

    facts = html.split("Last update")[1][:200]
    assert f'<time datetime="{v2.published_at:%Y-%m-%d}">' in facts


def test_no_time_element_carries_microseconds(client, revised):
    html = client.get(revised.get_absolute_url()).content.decode()

    for value in html.split('datetime="')[1:]:
        assert "." not in value.split('"')[0]


def test_recording_the_same_published_content_twice_adds_no_version(approved):
    workflow.record_published_version(approved)

    assert approved.versions.count() == 1


@pytest.mark.parametrize("number", [0, 3])
def test_a_version_that_does_not_exist_is_not_found(client, revised, number):
    assert client.get(version_url(revised, number)).status_code == 404


def test_the_versions_of_an_archived_practice_are_not_found(client, revised, moderator):
    workflow.archive(revised, by=moderator, comment="Ended.")

    assert client.get(version_url(revised, 1)).status_code == 404
    assert PracticeVersion.objects.filter(practice=revised).count() == 2


def test_an_editors_correction_in_the_admin_is_published_as_the_next_version(
    client, admin_user, approved, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    change_url = reverse("admin:practices_practice_change", args=[approved.pk])
    initial = client.get(change_url).context["adminform"].form.initial
    form = {
        key: value
        for key, value in initial.items()
        if value is not None and not isinstance(value, list | tuple)
    }
    form.update(
        summary="Corrected summary.",
        lead_state=approved.lead_state_id,
        pillar=approved.pillar_id,
        themes=[theme.pk for theme in approved.themes.all()],
        **{"attachments-TOTAL_FORMS": 0, "attachments-INITIAL_FORMS": 0},
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url, form)

    assert response.status_code == 302
    assert list(approved.versions.values_list("number", flat=True)) == [1, 2]
    assert approved.versions.get(number=2).content["fields"]["summary"] == "Corrected summary."

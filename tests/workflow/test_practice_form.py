"""The practice form: every field, sections, validation that keeps what was typed, stale saves
refused, and nothing set that is not the submitter's to set."""

import pytest
from django.urls import reverse

from moderation.models import AuditRecord
from practices import workflow
from practices.fields import CONTENT_FIELDS, M2M_FIELDS
from practices.forms import SECTIONS, PracticeForm
from practices.models import Practice
from tests.factories import ContactFactory, SubmitterFactory

S = Practice.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, submitter):
    client.force_login(submitter)
    return client


def test_the_form_sections_cover_every_field_a_state_writes():
    in_sections = [name for _legend, _help, names in SECTIONS for name in names]
    assert sorted(in_sections) == sorted([*CONTENT_FIELDS, *M2M_FIELDS])


def test_the_form_never_offers_status_owner_approver_or_audit_fields(submitter):
    fields = set(PracticeForm(user=submitter).fields)
    forbidden = {"status", "created_by", "version_of", "revision_of", "published_at", "slug"}
    assert not fields & forbidden
    assert {"submitted_at", "origin", "uuid"}.isdisjoint(fields)


def test_new_practice_page_shows_one_fieldset_per_section(signed_in):
    response = signed_in.get(reverse("workflow:practice_create"))
    html = response.content.decode()
    assert html.count("<legend>") >= len(SECTIONS)
    for legend, _help, _names in SECTIONS:
        assert str(legend) in html


def test_saving_a_new_practice_makes_a_draft_owned_by_its_author(signed_in, submitter, form_data):
    response = signed_in.post(reverse("workflow:practice_create"), form_data())
    practice = Practice.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("workflow:practice_edit", kwargs={"pk": practice.pk})
    assert (practice.status, practice.created_by, practice.version) == (S.DRAFT, submitter, 1)
    assert practice.slug == "diaspora-bonds-for-local-infrastructure"
    assert practice.origin == Practice.Origin.SUBMISSION


def test_posted_status_owner_and_version_are_ignored(signed_in, submitter, form_data, moderator):
    signed_in.post(
        reverse("workflow:practice_create"),
        form_data(
            status="published",
            created_by=moderator.pk,
            version="99",
            published_at="2020-01-01",
            slug="chosen",
            origin="paper",
        ),
    )
    practice = Practice.objects.get()
    assert practice.status == S.DRAFT
    assert practice.created_by == submitter
    assert practice.version == 1
    assert practice.published_at is None
    assert practice.slug != "chosen"
    assert practice.origin == Practice.Origin.SUBMISSION


def test_lead_state_can_only_be_one_of_the_submitters_states(signed_in, other_state, form_data):
    response = signed_in.post(
        reverse("workflow:practice_create"), form_data(lead_state=other_state.pk)
    )
    assert response.status_code == 400
    assert not Practice.objects.exists()
    assert "Select a valid choice" in response.content.decode()


def test_lead_state_choices_are_the_submitters_own_states(signed_in, state, other_state):
    form = signed_in.get(reverse("workflow:practice_create")).context["form"]
    assert list(form.fields["lead_state"].queryset) == [state]


def test_other_states_non_public_contacts_are_not_offered(signed_in, state, other_state):
    own = ContactFactory(state=state, is_public=False)
    foreign = ContactFactory(state=other_state, is_public=False)
    form = signed_in.get(reverse("workflow:practice_create")).context["form"]
    offered = set(form.fields["contacts"].queryset)
    assert own in offered
    assert foreign not in offered


def test_errors_keep_what_was_typed(signed_in, form_data):
    response = signed_in.post(
        reverse("workflow:practice_create"),
        form_data(summary="", title="My carefully typed title", start_year="2010", end_year="2001"),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="My carefully typed title"' in html
    assert "The end year cannot be before the start year." in html
    assert "This field is required." in html
    assert 'aria-invalid="true"' in html
    assert not Practice.objects.exists()


def test_the_lead_state_cannot_also_be_a_partner(signed_in, state, form_data):
    response = signed_in.post(
        reverse("workflow:practice_create"), form_data(partner_states=[state.pk])
    )
    assert response.status_code == 400
    assert "cannot also be a partner" in response.content.decode()


def test_save_and_submit_sends_a_new_practice_for_review(signed_in, form_data):
    response = signed_in.post(reverse("workflow:practice_create"), form_data(intent="submit"))
    practice = Practice.objects.get()
    assert practice.status == S.SUBMITTED
    assert response.url == reverse("workflow:practice_status", kwargs={"pk": practice.pk})


def test_each_save_raises_the_version(signed_in, make_practice, form_data):
    practice = make_practice(S.DRAFT)
    url = reverse("workflow:practice_edit", kwargs={"pk": practice.pk})
    signed_in.post(url, form_data(practice, title="First"))
    practice.refresh_from_db()
    assert practice.version == 2
    signed_in.post(url, form_data(practice, title="Second"))
    practice.refresh_from_db()
    assert (practice.title, practice.version) == ("Second", 3)


def test_a_stale_save_is_refused_and_the_newer_text_stays_intact(
    client, submitter, state, make_practice, form_data
):
    other_editor = SubmitterFactory(states=[state])
    practice = make_practice(S.DRAFT)
    opened_version = practice.version
    client.force_login(other_editor)
    url = reverse("workflow:practice_edit", kwargs={"pk": practice.pk})
    client.post(url, form_data(practice, summary="The colleague's newer summary."))

    client.force_login(submitter)
    response = client.post(
        url, form_data(practice, version=opened_version, summary="My stale summary.")
    )
    html = response.content.decode()
    practice.refresh_from_db()
    assert response.status_code == 409
    assert practice.summary == "The colleague's newer summary."
    assert practice.version == opened_version + 1
    assert "Someone else saved this practice" in html
    assert "My stale summary." in html  # what this user typed is kept to copy from
    assert f'href="{url}"' in html  # and the newer version is one click away


def test_a_save_without_the_version_is_refused(signed_in, make_practice, form_data):
    practice = make_practice(S.DRAFT)
    data = form_data(practice, title="No version")
    del data["version"]
    response = signed_in.post(reverse("workflow:practice_edit", kwargs={"pk": practice.pk}), data)
    practice.refresh_from_db()
    assert response.status_code == 400
    assert practice.title != "No version"


def test_editing_a_practice_in_review_is_refused_without_losing_it(
    signed_in, make_practice, form_data
):
    practice = make_practice(S.SUBMITTED)
    response = signed_in.post(
        reverse("workflow:practice_edit", kwargs={"pk": practice.pk}),
        form_data(practice, title="Sneaky edit"),
    )
    practice.refresh_from_db()
    assert response.status_code == 302
    assert practice.title != "Sneaky edit"
    assert practice.status == S.SUBMITTED


def test_a_submitter_cannot_move_a_practice_to_another_states_lead(
    signed_in, make_practice, form_data, other_state
):
    practice = make_practice(S.DRAFT)
    response = signed_in.post(
        reverse("workflow:practice_edit", kwargs={"pk": practice.pk}),
        form_data(practice, lead_state=other_state.pk),
    )
    practice.refresh_from_db()
    assert response.status_code == 400
    assert practice.lead_state_id != other_state.pk


def test_the_status_page_shows_the_moderators_comments(signed_in, make_practice, moderator):
    practice = make_practice(S.SUBMITTED)
    workflow.request_changes(practice, by=moderator, comment="Please add the budget figures.")
    response = signed_in.get(reverse("workflow:practice_status", kwargs={"pk": practice.pk}))
    html = response.content.decode()
    assert "Please add the budget figures." in html
    assert AuditRecord.objects.for_object(practice).count() == 1


def test_preview_renders_the_public_template(signed_in, make_practice):
    practice = make_practice(S.DRAFT, description="Some **bold** words")
    response = signed_in.get(reverse("workflow:practice_preview", kwargs={"pk": practice.pk}))
    assert response.status_code == 200
    assert "practices/practice_detail.html" in [t.name for t in response.templates]
    assert response.context["preview"] is True
    assert "<strong>bold</strong>" in response.content.decode()


def test_another_states_private_contact_a_moderator_linked_is_not_shown_to_the_submitter(
    signed_in, make_practice, other_state
):
    practice = make_practice(S.DRAFT)
    private = ContactFactory(state=other_state, name="Private foreign desk", is_public=False)
    public = ContactFactory(state=other_state, name="Public foreign desk", is_public=True)
    practice.contacts.add(private, public)

    response = signed_in.get(reverse("workflow:practice_edit", kwargs={"pk": practice.pk}))

    offered = set(response.context["form"].fields["contacts"].queryset)
    assert public in offered
    assert private not in offered
    assert "Private foreign desk" not in response.content.decode()


def test_saving_the_form_keeps_the_link_to_a_contact_the_submitter_cannot_see(
    signed_in, make_practice, other_state, form_data
):
    practice = make_practice(S.DRAFT)
    private = ContactFactory(state=other_state, is_public=False)
    practice.contacts.add(private)

    response = signed_in.post(
        reverse("workflow:practice_edit", kwargs={"pk": practice.pk}),
        form_data(practice, title="Edited by the State"),
    )

    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.title == "Edited by the State"
    assert list(practice.contacts.all()) == [private]


def test_a_submitter_cannot_link_a_hidden_contact_by_posting_its_id(
    signed_in, make_practice, other_state, form_data
):
    practice = make_practice(S.DRAFT)
    private = ContactFactory(state=other_state, is_public=False)

    response = signed_in.post(
        reverse("workflow:practice_edit", kwargs={"pk": practice.pk}),
        form_data(practice, contacts=[private.pk]),
    )

    assert response.status_code == 400
    assert not practice.contacts.exists()

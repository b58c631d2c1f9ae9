"""The guided form: one page per step with a progress list, each step saving the draft and
only its own fields, guidance per field, filterable lists, and nothing typed ever lost."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from practices.models import Practice
from practices.steps import STEPS
from tests import factories

pytestmark = pytest.mark.django_db
START = reverse("workflow:practice_start")


def _step(practice, slug):
    return reverse("workflow:practice_step", kwargs={"pk": practice.pk, "step": slug})


def _about(form_data, **overrides):
    data = form_data(**overrides)
    keep = {"title", "summary", "lead_state", "pillar", "themes", "language", "version"}
    return {k: v for k, v in data.items() if k in keep | set(overrides)}


def test_the_steps_are_the_seven_of_the_issue_in_order():
    assert [str(step.title) for step in STEPS] == [
        "About",
        "What was done",
        "Results and evidence",
        "Lessons",
        "People and partners",
        "Documents",
        "Check and submit",
    ]


def test_the_progress_list_marks_the_current_step(signed_in, make_practice):
    practice = make_practice()
    page = signed_in.get(_step(practice, "results")).content.decode()
    assert '<nav aria-label="Steps of the form" class="steps">' in page
    assert '<li aria-current="step" class="current"><span>Results and evidence</span></li>' in page
    assert f'href="{_step(practice, "about")}"' in page
    assert page.count('aria-current="step"') == 1


def test_the_dashboard_starts_the_guided_form(signed_in):
    page = signed_in.get(reverse("workflow:dashboard")).content.decode()
    assert f'href="{START}"' in page


def test_saving_the_first_step_makes_a_draft_and_continues_to_the_next(signed_in, form_data):
    response = signed_in.post(START, {**_about(form_data), "intent": "continue"})
    practice = Practice.objects.get()
    assert practice.status == Practice.Status.DRAFT
    assert response.status_code == 302
    assert response.url == _step(practice, "what-was-done")


def test_a_step_saves_only_its_own_fields(signed_in, make_practice):
    practice = make_practice(summary="Kept as it was.", description="Old text.")
    data = {"version": practice.version, "description": "New text.", "start_year": "2004"}
    response = signed_in.post(_step(practice, "what-was-done"), {**data, "intent": "save"})
    assert response.status_code == 302 and response.url == _step(practice, "what-was-done")
    practice.refresh_from_db()
    assert (practice.description, practice.start_year) == ("New text.", 2004)
    assert practice.summary == "Kept as it was."
    assert practice.version == 2


def test_a_stale_step_save_answers_409_with_a_link_and_keeps_the_text(signed_in, make_practice):
    practice = make_practice()
    url = _step(practice, "lessons")
    stale = {"version": practice.version, "lessons": "What I typed.", "intent": "save"}
    signed_in.post(url, {**stale, "lessons": "Someone else's."})
    response = signed_in.post(url, stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Your changes were not saved." in page
    assert f'href="{url}"' in page
    assert "What I typed." in page
    practice.refresh_from_db()
    assert practice.lessons == "Someone else's."


def test_an_unknown_step_is_404(signed_in, make_practice):
    assert signed_in.get(_step(make_practice(), "nowhere")).status_code == 404


def test_another_states_practice_is_404_on_every_step(client, other_submitter, make_practice):
    practice = make_practice()
    client.force_login(other_submitter)
    for step in STEPS:
        assert client.get(_step(practice, step.slug)).status_code == 404


def test_a_practice_in_review_is_not_edited_through_a_step(signed_in, make_practice):
    practice = make_practice(Practice.Status.SUBMITTED)
    response = signed_in.post(_step(practice, "lessons"), {"version": 1, "lessons": "x"})
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.lessons != "x"


def test_each_field_says_what_to_write_an_example_and_its_limit(signed_in, make_practice):
    page = signed_in.get(_step(make_practice(), "about")).content.decode()
    assert "A short, specific name readers will recognise." in page
    assert "Example: “Remittance matching fund 3×1”" in page
    assert "At most 250 characters." in page


def test_states_bodies_and_institutions_are_filterable_checkboxes_not_a_multiple_select(
    signed_in, make_practice
):
    for _ in range(3):
        factories.StateFactory()
    page = signed_in.get(_step(make_practice(), "people")).content.decode()
    form = page.split('class="practice-form guided-form"')[1].split("</form>")[0]
    assert "<select" not in form
    assert 'class="field filterable" data-filter-label="Filter the list: Partner States"' in page
    assert 'type="checkbox" name="partner_states"' in page


def test_the_form_warns_before_leaving_with_unsaved_changes(signed_in, make_practice):
    page = signed_in.get(_step(make_practice(), "about")).content.decode()
    assert 'data-unsaved-warning="You have unsaved changes."' in page
    assert "js/forms.js" in page


def test_the_documents_step_uploads_and_comes_back_to_itself(signed_in, make_practice):
    practice = make_practice()
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    response = signed_in.post(
        reverse("workflow:attachment_upload", kwargs={"pk": practice.pk}),
        {"file": pdf, "title": "Report", "from_step": "documents"},
    )
    assert response.status_code == 302
    assert response.url == _step(practice, "documents")
    assert "Report" in signed_in.get(response.url).content.decode()


def test_the_check_step_submits_for_review(signed_in, make_practice):
    practice = make_practice()
    response = signed_in.post(
        _step(practice, "check"), {"version": practice.version, "intent": "submit"}
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == Practice.Status.SUBMITTED

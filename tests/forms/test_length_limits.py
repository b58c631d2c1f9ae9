"""Too-long text is never cut: the server says the limit and the count typed, keeps the text,
and the error summary lists and links each field in error."""

import pytest
from django.urls import reverse

from practices.forms import PracticeForm
from practices.models import Practice

pytestmark = pytest.mark.django_db


def test_the_form_limits_are_the_models(submitter):
    form = PracticeForm(user=submitter)
    assert form.fields["title"].max_length == Practice._meta.get_field("title").max_length
    assert form.fields["summary"].max_length == Practice._meta.get_field("summary").max_length


def test_no_field_carries_a_maxlength_that_would_make_the_browser_cut_a_paste(signed_in):
    page = signed_in.get(reverse("workflow:practice_create")).content.decode()
    assert "maxlength=" not in page
    assert 'data-limit="250"' in page and 'data-limit="600"' in page


def test_a_5000_character_title_is_refused_with_the_limit_and_kept(signed_in, form_data):
    title = "T" * 5000
    response = signed_in.post(reverse("workflow:practice_create"), form_data(title=title))
    assert response.status_code == 400
    assert not Practice.objects.exists()
    page = response.content.decode()
    assert "At most 250 characters; you typed 5,000." in page
    assert response.context["form"]["title"].value() == title


def test_a_too_long_summary_says_its_own_limit(signed_in, form_data):
    response = signed_in.post(reverse("workflow:practice_create"), form_data(summary="s" * 601))
    assert "At most 600 characters; you typed 601." in response.content.decode()


def test_the_error_summary_links_each_field_in_error_and_takes_the_focus(signed_in, form_data):
    response = signed_in.post(
        reverse("workflow:practice_create"), form_data(title="T" * 300, themes=[])
    )
    page = response.content.decode()
    assert "data-error-summary" in page and 'tabindex="-1"' in page
    assert '<a href="#id_title">Title: At most 250 characters; you typed 300.</a>' in page
    assert 'href="#id_themes"' in page
    assert "js/forms.js" in page  # which moves the focus to the summary


def test_a_field_in_error_is_marked_invalid_and_described_by_its_error(signed_in, form_data):
    response = signed_in.post(reverse("workflow:practice_create"), form_data(title="T" * 300))
    html = str(response.context["form"]["title"])
    assert 'aria-invalid="true"' in html
    assert "id_title_error" in html


def test_the_guided_step_says_the_limit_too(signed_in, make_practice):
    practice = make_practice()
    url = reverse("workflow:practice_step", kwargs={"pk": practice.pk, "step": "about"})
    data = {
        "version": practice.version,
        "title": "x" * 251,
        "summary": practice.summary,
        "lead_state": practice.lead_state_id,
        "pillar": practice.pillar_id,
        "themes": [t.pk for t in practice.themes.all()],
        "language": "en",
    }
    response = signed_in.post(url, data)
    assert response.status_code == 400
    assert "At most 250 characters; you typed 251." in response.content.decode()
    practice.refresh_from_db()
    assert practice.title != "x" * 251

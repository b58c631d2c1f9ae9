"""Text typed into any form or sent to the API: control characters are refused (they take XML
feeds down), and one-line fields refuse line breaks (they break notification emails' headers).

ASVS 4.0.3 V5.1.3 / V5.1.4 (input validated against an allow list of characters). A refused
write keeps what was typed and says what is wrong, field by field.
"""

import pytest
from django.urls import reverse

from accounts.models import Invitation, JoinRequest
from practices.models import Practice, Theme
from questionnaires.models import Answer, Question
from states.models import Contact
from tests import factories
from tests.questionnaires.factories import QuestionFactory, RoundFactory

pytestmark = pytest.mark.django_db

CONTROL = "Cheaper\x01 remittances"
FORM_FEED = "Cheaper\x0c remittances"
HEADER_INJECTION = "Cheaper remittances\r\nBcc: x@example.org"


@pytest.fixture
def practice_data(state):
    """Valid POST data for the practice form, with overrides."""
    pillar = factories.PillarFactory()
    theme = factories.ThemeFactory()

    def data(**overrides):
        return {
            "title": "Diaspora bonds for local infrastructure",
            "lead_state": state.pk,
            "pillar": pillar.pk,
            "themes": [theme.pk],
            "summary": "Bonds sold to emigrants fund roads and schools.",
            "description": "It **works**.",
            "language": "en",
            "stage": "ongoing",
            "source_document": "National report 2008",
            **overrides,
        }

    return data


@pytest.fixture
def draft_body(state):
    factories.PillarFactory(slug="political-commitment")
    factories.ThemeFactory(slug="remittances")

    def body(**overrides):
        return {
            "title": "Remittance matching fund",
            "summary": "Each dollar sent home is matched by the State.",
            "lead_state": state.slug,
            "pillar": "political-commitment",
            "themes": ["remittances"],
            "language": "en",
            **overrides,
        }

    return body


def post_draft(client, body, auth):
    return client.post("/api/v1/practices/", body, content_type="application/json", **auth)


def assert_refused_and_kept(response, field, typed, message, status=400):
    """The form is shown again (with its page's usual status) holding what was typed."""
    assert response.status_code == status
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert form[field].value() == typed
    assert typed in response.content.decode()


@pytest.mark.parametrize("field", ["title", "summary", "description", "source_document"])
@pytest.mark.parametrize("typed", [CONTROL, FORM_FEED])
def test_the_practice_form_refuses_a_control_character_and_keeps_the_text(
    signed_in, practice_data, field, typed
):
    response = signed_in.post(reverse("workflow:practice_create"), practice_data(**{field: typed}))

    assert_refused_and_kept(response, field, typed, "control character")
    assert not Practice.objects.exists()


def test_the_contact_form_refuses_a_control_character(signed_in, state):
    url = reverse("workflow:contact_create", args=[state.slug])

    response = signed_in.post(url, {"name": CONTROL, "email": "desk@gov.example"})

    assert_refused_and_kept(response, "name", CONTROL, "control character")
    assert not Contact.objects.exists()


def test_a_join_request_refuses_a_control_character(signed_in, other_state):
    typed = "I coordinate\x01 both desks."

    response = signed_in.post("/en/accounts/join/", {"state": other_state.pk, "message": typed})

    assert_refused_and_kept(response, "message", typed, "control character")
    assert not JoinRequest.objects.exists()


def test_an_invitation_refuses_a_control_character(client, moderator, state):
    client.force_login(moderator)
    data = {"email": "new@gov.example", "first_name": "Ann\x01", "state": state.pk}

    response = client.post("/en/accounts/invite/", data)

    assert_refused_and_kept(response, "first_name", "Ann\x01", "control character")
    assert not Invitation.objects.exists()


def test_a_moderators_comment_refuses_a_control_character(client, moderator):
    practice = factories.PracticeFactory(status=Practice.Status.SUBMITTED, published_at=None)
    client.force_login(moderator)
    typed = "Please\x0c add the results."

    response = client.post(
        reverse("moderation:review", args=[practice.pk]),
        {"comment": typed, "seen_status": practice.status, "action": "request_changes"},
    )

    assert_refused_and_kept(response, "comment", typed, "control character", status=200)
    practice.refresh_from_db()
    assert practice.status == Practice.Status.SUBMITTED


def test_a_questionnaire_answer_refuses_a_control_character(signed_in, state):
    round = RoundFactory()
    QuestionFactory(round=round, code="obstacles", kind=Question.Kind.FREE_TEXT)
    url = reverse("questionnaires:response_edit", args=[round.year, state.slug])
    typed = "Too few\x01 staff."

    response = signed_in.post(url, {"q_obstacles": typed})

    assert_refused_and_kept(response, "q_obstacles", typed, "control character", status=200)
    assert not Answer.objects.exists()


@pytest.mark.parametrize("name", [CONTROL, HEADER_INJECTION])
def test_the_admin_refuses_a_theme_name_a_feed_title_could_not_hold(client, admin_user, name):
    client.force_login(admin_user)

    response = client.post("/admin/practices/theme/add/", {"name": name, "slug": "remittances"})

    assert response.status_code == 200  # the admin's form again, with its errors
    assert response.context["adminform"].form.errors["name"]
    assert not Theme.objects.exists()


@pytest.mark.parametrize("field", ["title", "summary"])
def test_the_api_refuses_a_control_character_with_a_json_message(
    client, draft_body, submitter_auth, field
):
    response = post_draft(client, draft_body(**{field: CONTROL}), submitter_auth)

    assert response.status_code == 400
    assert "control character" in " ".join(response.json()["errors"][field])
    assert not Practice.objects.exists()


def test_long_text_keeps_tabs_and_line_breaks(signed_in, practice_data):
    text = "First line.\r\n\tIndented second line.\nThird line."

    response = signed_in.post(
        reverse("workflow:practice_create"), practice_data(description=text, summary=text)
    )

    assert response.status_code == 302
    assert Practice.objects.get().description == text


def test_a_title_with_a_line_break_is_refused_on_the_form(signed_in, practice_data):
    response = signed_in.post(
        reverse("workflow:practice_create"), practice_data(title=HEADER_INJECTION)
    )

    assert_refused_and_kept(response, "title", HEADER_INJECTION, "one line")
    assert not Practice.objects.exists()


def test_a_title_with_a_line_break_is_refused_by_the_api(client, draft_body, submitter_auth):
    response = post_draft(client, draft_body(title=HEADER_INJECTION), submitter_auth)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "one line" in " ".join(response.json()["errors"]["title"])
    assert not Practice.objects.exists()


@pytest.mark.parametrize("field", ["name", "role", "phone"])
def test_a_contacts_one_line_fields_refuse_line_breaks(signed_in, state, field):
    url = reverse("workflow:contact_create", args=[state.slug])
    data = {"name": "Desk", "email": "desk@gov.example", field: "Desk\nBcc: x@example.org"}

    response = signed_in.post(url, data)

    assert_refused_and_kept(response, field, data[field], "one line")

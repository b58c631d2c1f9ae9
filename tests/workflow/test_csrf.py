"""Every state-changing form refuses a POST without a CSRF token, with the site's own page."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from accounts.models import JoinRequest
from practices.models import Attachment, Practice
from tests.factories import ContactFactory, SubmitterFactory

S = Practice.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def targets(make_practice, state, other_state):
    draft = make_practice(S.DRAFT)
    attachment = Attachment(
        practice=draft, original_name="a.pdf", content_type="application/pdf", size=9
    )
    attachment.file.save("x", ContentFile(b"%PDF-1.4\n"), save=True)
    contact = ContactFactory(state=state)
    join_request = JoinRequest.objects.create(
        user=SubmitterFactory(states=[state]), state=other_state
    )
    return {
        "practice_create": reverse("workflow:practice_create"),
        "practice_edit": reverse("workflow:practice_edit", kwargs={"pk": draft.pk}),
        "practice_submit": reverse("workflow:practice_submit", kwargs={"pk": draft.pk}),
        "practice_withdraw": reverse("workflow:practice_withdraw", kwargs={"pk": draft.pk}),
        "practice_revise": reverse("workflow:practice_revise", kwargs={"pk": draft.pk}),
        "attachment_upload": reverse("workflow:attachment_upload", kwargs={"pk": draft.pk}),
        "attachment_delete": reverse(
            "workflow:attachment_delete", kwargs={"public_id": attachment.public_id}
        ),
        "contact_create": reverse("workflow:contact_create", kwargs={"state_slug": state.slug}),
        "contact_edit": reverse("workflow:contact_edit", kwargs={"pk": contact.pk}),
        "review": reverse("moderation:review", kwargs={"pk": draft.pk}),
        "invite": reverse("accounts:invite"),
        "join_state": reverse("accounts:join_state"),
        "decide_join_request": reverse(
            "accounts:decide_join_request", kwargs={"pk": join_request.pk}
        ),
        "logout": reverse("logout"),
        "password_change": reverse("password_change"),
        "password_reset": reverse("password_reset"),
        "login": reverse("login"),
        "set_language": reverse("set_language"),
    }


FORMS = [
    "practice_create", "practice_edit", "practice_submit", "practice_withdraw", "practice_revise",
    "attachment_upload", "attachment_delete", "contact_create", "contact_edit", "review",
    "invite", "join_state", "decide_join_request", "logout", "password_change", "password_reset",
    "login", "set_language",
]  # fmt: skip


@pytest.mark.parametrize("name", FORMS)
def test_post_without_token_is_refused(name, targets, admin_user, state):
    admin_user.state_memberships.create(state=state)
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    before = Practice.objects.values_list("pk", "status", "version")[::1]
    response = client.post(targets[name], {"action": "approve", "comment": "x", "email": "a@b.c"})
    assert response.status_code == 403
    assert "The form could not be accepted" in response.content.decode()
    assert Practice.objects.values_list("pk", "status", "version")[::1] == before


def test_the_same_post_with_a_token_goes_through(make_practice, submitter):
    draft = make_practice(S.DRAFT)
    client = Client(enforce_csrf_checks=True)
    client.force_login(submitter)
    page = client.get(reverse("workflow:practice_status", kwargs={"pk": draft.pk}))
    token = page.cookies["csrftoken"].value
    response = client.post(
        reverse("workflow:practice_submit", kwargs={"pk": draft.pk}),
        {"csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED

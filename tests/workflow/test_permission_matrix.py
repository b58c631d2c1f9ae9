"""Every workflow URL × every role × every status, with the exact outcome expected.

Roles: anonymous, a submitter of the owning State, a submitter of another State, a
moderator, an administrator. Another State's practice answers 404 whatever its status (IDs do
not leak); moderators' pages answer 403 to signed-in non-moderators before any lookup.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from practices.models import Attachment, Practice
from practices.moderation_views import reviewed_token
from tests.factories import UserFactory

S = Practice.Status
pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "owner", "other_state", "moderator", "admin"]
STAFF = {"owner", "moderator", "admin"}  # may open the State's submission pages
MODERATORS = {"moderator", "admin"}
EDITABLE = {S.DRAFT, S.CHANGES_REQUESTED}

# POST endpoint -> {status it applies to: status afterwards}
STATE_ACTIONS = {
    "practice_submit": {S.DRAFT: S.SUBMITTED, S.CHANGES_REQUESTED: S.SUBMITTED},
    "practice_withdraw": {S.SUBMITTED: S.DRAFT, S.CHANGES_REQUESTED: S.DRAFT},
}
DECISIONS = {
    "approve": {S.SUBMITTED: S.PUBLISHED},
    "request_changes": {S.SUBMITTED: S.CHANGES_REQUESTED},
    "reject": {S.SUBMITTED: S.REJECTED},
    "archive": {S.PUBLISHED: S.ARCHIVED},
}


@pytest.fixture
def user_for(submitter, other_submitter, moderator, admin_user):
    return {
        "anonymous": None,
        "owner": submitter,
        "other_state": other_submitter,
        "moderator": moderator,
        "admin": admin_user,
    }


@pytest.fixture
def as_role(client, user_for):
    def sign_in(role):
        if user_for[role] is not None:
            client.force_login(user_for[role])
        return client

    return sign_in


def _is_login_redirect(response):
    return response.status_code == 302 and response.url.startswith("/en/accounts/login/")


def _status_of(practice):
    return Practice.objects.get(pk=practice.pk).status


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["practice_status", "practice_preview", "practice_edit"])
def test_submission_pages(name, role, status, as_role, make_practice):
    practice = make_practice(status)
    response = as_role(role).get(reverse(f"workflow:{name}", kwargs={"pk": practice.pk}))
    if role == "anonymous":
        assert _is_login_redirect(response)
    elif role == "other_state":
        assert response.status_code == 404
    elif name == "practice_edit" and status not in EDITABLE:
        assert response.status_code == 302
        assert response.url == reverse("workflow:practice_status", kwargs={"pk": practice.pk})
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("role", ROLES)
def test_saving_the_edit_form(role, status, as_role, make_practice, form_data):
    practice = make_practice(status)
    url = reverse("workflow:practice_edit", kwargs={"pk": practice.pk})
    response = as_role(role).post(url, form_data(practice, title="Changed by the test"))
    title = Practice.objects.get(pk=practice.pk).title
    if role == "anonymous":
        assert _is_login_redirect(response)
    elif role == "other_state":
        assert response.status_code == 404
    elif status in EDITABLE:
        assert response.status_code == 302
        assert title == "Changed by the test"
        return
    else:
        assert response.status_code == 302
    assert title == practice.title


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(STATE_ACTIONS))
def test_state_actions(name, role, status, as_role, make_practice):
    practice = make_practice(status)
    response = as_role(role).post(reverse(f"workflow:{name}", kwargs={"pk": practice.pk}))
    if role == "anonymous":
        assert _is_login_redirect(response)
    elif role == "other_state":
        assert response.status_code == 404
    else:
        assert response.status_code == 302
        assert _status_of(practice) == STATE_ACTIONS[name].get(status, status)
        return
    assert _status_of(practice) == status


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("role", ROLES)
def test_starting_a_revision(role, status, as_role, make_practice):
    practice = make_practice(status)
    response = as_role(role).post(reverse("workflow:practice_revise", kwargs={"pk": practice.pk}))
    revisions = Practice.objects.filter(revision_of=practice)
    if role == "anonymous":
        assert _is_login_redirect(response)
    elif role == "other_state":
        assert response.status_code == 404
    else:
        assert response.status_code == 302
        if status == S.PUBLISHED:
            assert revisions.count() == 1
            revision = revisions.get()
            assert response.url == reverse("workflow:practice_status", kwargs={"pk": revision.pk})
            return
    assert not revisions.exists()
    assert _status_of(practice) == status


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("role", ROLES)
def test_review_page(role, status, as_role, make_practice):
    practice = make_practice(status)
    response = as_role(role).get(reverse("moderation:review", kwargs={"pk": practice.pk}))
    if role == "anonymous":
        assert _is_login_redirect(response)
    elif role in MODERATORS:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(DECISIONS))
def test_decisions(action, role, status, as_role, make_practice):
    practice = make_practice(status)
    response = as_role(role).post(
        reverse("moderation:review", kwargs={"pk": practice.pk}),
        {"action": action, "comment": "A reason.", "reviewed": reviewed_token(practice)},
    )
    if role == "anonymous":
        assert _is_login_redirect(response)
    elif role not in MODERATORS:
        assert response.status_code == 403
    elif status in DECISIONS[action]:
        assert response.status_code == 302
        assert _status_of(practice) == DECISIONS[action][status]
        return
    else:
        assert response.status_code == 409
    assert _status_of(practice) == status


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("role", ROLES)
def test_attachment_download(role, status, as_role, make_practice):
    practice = make_practice(status)
    attachment = Attachment(
        practice=practice, original_name="report.pdf", content_type="application/pdf", size=9
    )
    attachment.file.save("x", ContentFile(b"%PDF-1.4\n"), save=True)
    response = as_role(role).get(attachment.get_absolute_url())
    if role in STAFF or status == S.PUBLISHED:
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("role", ROLES)
def test_attachment_upload_and_removal(role, status, as_role, make_practice):
    practice = make_practice(status)
    attachment = Attachment(
        practice=practice, original_name="old.pdf", content_type="application/pdf", size=9
    )
    attachment.file.save("x", ContentFile(b"%PDF-1.4\n"), save=True)
    client = as_role(role)
    upload = ContentFile(b"%PDF-1.4\n%%EOF\n", name="new.pdf")
    upload_response = client.post(
        reverse("workflow:attachment_upload", kwargs={"pk": practice.pk}), {"file": upload}
    )
    delete_response = client.post(
        reverse("workflow:attachment_delete", kwargs={"public_id": attachment.public_id})
    )
    names = set(practice.attachments.values_list("original_name", flat=True))
    if role == "anonymous":
        assert _is_login_redirect(upload_response)
        assert _is_login_redirect(delete_response)
    elif role == "other_state":
        assert (upload_response.status_code, delete_response.status_code) == (404, 404)
    else:
        assert (upload_response.status_code, delete_response.status_code) == (302, 302)
        if status in EDITABLE:
            assert names == {"new.pdf"}
            return
    assert names == {"old.pdf"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "owner_code", "moderator_code"),
    [
        ("workflow:dashboard", 200, 200),
        ("workflow:practice_create", 200, 200),
        ("moderation:queue", 403, 200),
        ("accounts:join_requests", 403, 200),
        ("accounts:invite", 403, 200),
        ("accounts:join_state", 200, 200),
    ],
)
def test_pages_without_an_object(name, owner_code, moderator_code, role, as_role):
    response = as_role(role).get(reverse(name))
    if role == "anonymous":
        assert _is_login_redirect(response)
    elif role in MODERATORS:
        assert response.status_code == moderator_code
    else:
        assert response.status_code == owner_code


@pytest.mark.parametrize("role", ROLES)
def test_contact_pages(role, as_role, state):
    from tests.factories import ContactFactory

    contact = ContactFactory(state=state, is_public=False)
    client = as_role(role)
    create = client.get(reverse("workflow:contact_create", kwargs={"state_slug": state.slug}))
    edit = client.get(reverse("workflow:contact_edit", kwargs={"pk": contact.pk}))
    if role == "anonymous":
        assert _is_login_redirect(create)
        assert _is_login_redirect(edit)
    elif role == "other_state":
        assert (create.status_code, edit.status_code) == (404, 404)
    else:
        assert (create.status_code, edit.status_code) == (200, 200)


def test_a_user_without_any_state_is_sent_to_ask_for_one(client):
    client.force_login(UserFactory())
    response = client.get(reverse("workflow:practice_create"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:join_state")

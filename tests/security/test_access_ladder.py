"""The access ladder: every URL that names an object × every role × every status.

An object the reader may not see answers exactly as a missing one would (same status, same body
once the CSRF token, the CSP nonce and the identifier are blanked), so ids and slugs leak
nothing; a reader who may see it gets the page or action as usual. The expectation comes from
one rule table (``MAY_SEE``), not from per-case literals. ASVS 4.0.3 V4.1.1-V4.1.3, V4.1.5,
V4.2.1 (IDOR), V13.1.4.
"""

import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import get_resolver
from django.utils import timezone

from partners.models import PartnerToken
from practices.models import Attachment, Pillar, Practice, Theme
from questionnaires.models import Response
from states.models import Contact, Region, State, StateMembership
from tests import factories
from tests.questionnaires.factories import ResponseFactory, RoundFactory

S = Practice.Status
pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reader", "other_state", "owner", "moderator", "admin", "partner"]
# Every status, and a revision: a draft copy of a published practice (``revision_of``).
REVISION = "revision"
STATUSES = [
    S.DRAFT,
    S.SUBMITTED,
    S.CHANGES_REQUESTED,
    S.PUBLISHED,
    S.ARCHIVED,
    S.REJECTED,
    REVISION,
]

# Who may see an object, by the kind of URL: (roles that always may, roles that may once it is
# published).
STAFF = {"owner", "moderator", "admin"}
MAY_SEE = {
    "submission": (STAFF, set()),  # My State pages: the owning State and moderators
    "moderation": ({"moderator", "admin"}, set()),
    "public": (set(), set(ROLES)),  # the public page: published only
    "download": (STAFF, set(ROLES)),
    "api": (STAFF, set(ROLES)),  # the API: published, or drafts to their State and moderators
    "api_write": (STAFF, set(ROLES)),  # seen as above; refused (4xx, not 404) unless a draft
    "api_contact": (STAFF, set(ROLES)),  # public contacts; others to their State, moderators
    "api_questionnaire": (set(), set(ROLES)),  # the API serves published responses only
    "questionnaire": (STAFF, set(ROLES)),
    "questionnaire_edit": (STAFF, set()),
    "questionnaire_write": (STAFF, set(ROLES)),  # seen when published; changed by STAFF
}


def may_see(kind, role, status):
    """The one rule: a role sees an object if the table grants it, or if it is public."""
    roles, public_roles = MAY_SEE[kind]
    return role in roles or (status == S.PUBLISHED and role in public_roles)


# URL name -> (kind, the object it names, the URL keyword, methods probed)
ROUTES = {
    "workflow:practice_status": ("submission", "practice", "pk", ["get", "head"]),
    "workflow:practice_edit": ("submission", "practice", "pk", ["get", "head", "post"]),
    "workflow:practice_preview": ("submission", "practice", "pk", ["get", "head"]),
    "workflow:practice_submit": ("submission", "practice", "pk", ["post"]),
    "workflow:practice_withdraw": ("submission", "practice", "pk", ["post"]),
    "workflow:practice_revise": ("submission", "practice", "pk", ["post"]),
    "workflow:attachment_upload": ("submission", "practice", "pk", ["post"]),
    "workflow:attachment_delete": ("submission", "attachment", "public_id", ["post"]),
    "workflow:attachment_download": ("download", "attachment", "public_id", ["get", "head"]),
    "workflow:contact_edit": ("submission", "contact", "pk", ["get", "head", "post"]),
    "workflow:contact_create": ("submission", "state", "state_slug", ["get", "post"]),
    "moderation:review": ("moderation", "practice", "pk", ["get", "head", "post"]),
    "practices:practice_detail": ("public", "practice", "slug", ["get", "head"]),
    "api:practice-detail": ("api", "practice", "identifier", ["get", "head"]),
    "api:practice-detail#slug": ("api", "practice_slug", "identifier", ["get"]),
    "api:practice-detail#write": ("api_write", "practice", "identifier", ["patch", "delete"]),
    "api:practice-submit": ("api_write", "practice", "identifier", ["post"]),
    "api:contact-detail": ("api_contact", "contact", "public_id", ["get"]),
    "api:questionnaire-response-detail": ("api_questionnaire", "response", "pk", ["get"]),
    "questionnaires:response_detail": ("questionnaire", "response", "state", ["get", "head"]),
    "questionnaires:response_edit": ("questionnaire_edit", "response", "state", ["get", "post"]),
    "questionnaires:response_action": ("questionnaire_write", "response", "state", ["post"]),
}
# Object-naming routes the ladder leaves out, with the reason (the walk below must account for
# every route with an id or slug).
NOT_OBJECT_ACCESS = {
    "workflow:practice_step": "two keywords (practice, step): tests/forms/test_guided_form.py "
    "(another State's practice is 404 on every step)",
    "moderation:assign": "moderators only, POST: tests/forms/test_queue_filters.py",
    "workflow:translation_list": "published practices of one's own States only (another "
    "State's is 404): tests/i18n/test_practice_translations.py",
    "workflow:translation_edit": "two keywords (practice, language): "
    "tests/i18n/test_practice_translations.py",
    "moderation:translation_review": "moderators only, before any lookup "
    "(tests/i18n/test_practice_translations.py)",
    "moderation:call_edit": "moderators only, before any lookup: "
    "tests/workflow/test_calls_moderation.py",
    "moderation:call_open": "moderators only, POST, before any lookup (test_calls_moderation)",
    "moderation:call_close": "moderators only, POST, before any lookup (test_calls_moderation)",
    "password_reset_confirm": "a signed token, tested in test_auth_session",
    "accounts:accept_invitation": "a signed token, tested in the invitation tests",
    "accounts:decide_join_request": "moderators only, before any lookup (test_join_requests)",
    "sitemap_section": "public sections",
    "practices:practice_cite": "published practices only (404 otherwise): tests/citations",
    "practices:practice_version": "published practices only (404 otherwise): tests/citations",
    "practices:theme_detail": "public taxonomy",
    "practices:pillar_detail": "public taxonomy",
    "practices:theme_feed": "public taxonomy",
    "practices:state_feed": "public States",
    "states:state_detail": "public States",
    "states:body_detail": "public bodies",
    "questionnaires:round_results": "public rounds",
    "questionnaires:round_results_csv": "public rounds",
    "questionnaires:answer_start": "one's own State, picked on the server",
    "account_confirm_email": "a signed key, tested in tests/accounts/test_signup",
    "account_reset_password_from_key": "a signed key (allauth's reset, sent nowhere)",
    "conversations:ask_state": "public States (tests/conversations/test_abuse_limits)",
    "conversations:ask_practice": "published practices (tests/conversations/test_access)",
    "conversations:thread": "its own ladder in tests/conversations/test_access",
    "conversations:mark_answered": "its own ladder in tests/conversations/test_access",
    "conversations:release": "its own ladder in tests/conversations/test_access",
    "conversations:report": "its own ladder in tests/conversations/test_access",
    "conversations:block": "its own ladder in tests/conversations/test_access",
    "calls:call_detail": "public calls; a draft is a 404 (tests/calls)",
    "api:call-detail": "public calls; a draft is a 404 (tests/calls)",
    "api:call-practices": "published answers of a public call (tests/calls)",
    "alerts:confirm": "a secret token (tests/alerts/test_subscribing.py)",
    "alerts:feed": "a secret token (tests/alerts/test_feed.py)",
    "alerts:unsubscribe": "a signed token (tests/alerts/test_unsubscribe.py)",
    "alerts:manage": "a signed token (tests/alerts/test_unsubscribe.py)",
    "reviews:review": "the reviewer asked only, anyone else 404 (tests/reviews)",
    "reviews:decline": "the reviewer asked only, anyone else 404 (tests/reviews)",
    "reviews:ask": "moderators only, POST, before any lookup (tests/reviews)",
    "workflow:currency_answer": "one's own State's published practices, anything else 404 "
    "(tests/workflow/test_currency_check.py)",
}
API_TAXONOMY = ("theme", "pillar", "gcm-objective", "state", "regional-body", "institution")
STATUS_OF_RESPONSE = {
    S.DRAFT: Response.Status.DRAFT,
    S.SUBMITTED: Response.Status.SUBMITTED,
    S.CHANGES_REQUESTED: Response.Status.CHANGES_REQUESTED,
    S.PUBLISHED: Response.Status.PUBLISHED,
    S.ARCHIVED: Response.Status.ARCHIVED,
    S.REJECTED: Response.Status.REJECTED,
    REVISION: Response.Status.DRAFT,
}


def _named_routes(patterns, namespace=""):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_routes(pattern.url_patterns, inner)
        elif pattern.name and pattern.pattern.regex.groupindex:
            yield f"{namespace}{pattern.name}"


def test_the_ladder_covers_every_route_that_names_an_object():
    probed = {name.split("#")[0] for name in ROUTES}
    api_lists = {f"api:{name}-detail" for name in API_TAXONOMY}
    questionnaire_api = {
        "api:questionnaire-round-detail",
        "api:questionnaire-question-detail",
        "api:questionnaire-aggregate-detail",
    }
    named = {
        name for name in _named_routes(get_resolver().url_patterns) if not name.startswith("admin:")
    }

    unaccounted = named - probed - set(NOT_OBJECT_ACCESS) - api_lists - questionnaire_api

    assert unaccounted == set()


def _moderator():
    from django.contrib.auth.models import Group, Permission

    user = factories.UserFactory()
    group, _created = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(Permission.objects.get(codename="moderate_practice"))
    user.groups.add(group)
    return user


def _objects(state, owner, status, round):
    extra = {}
    if status == REVISION:
        live = factories.PracticeFactory(lead_state=state, created_by=owner)
        status, extra = S.DRAFT, {"revision_of": live, "slug": f"{live.slug}-rev-1"}
    practice = factories.PracticeFactory(
        **extra,
        lead_state=state,
        created_by=owner,
        status=status,
        published_at=timezone.now() if status == S.PUBLISHED else None,
        submitted_at=None if status == S.DRAFT else timezone.now(),
    )
    attachment = Attachment(
        practice=practice, original_name="report.pdf", content_type="application/pdf", size=9
    )
    attachment.file.save("x", ContentFile(b"%PDF-1.4\n"), save=True)
    contact = factories.ContactFactory(state=state, is_public=status == S.PUBLISHED)
    response = ResponseFactory(
        round=round,
        state=state,
        status=STATUS_OF_RESPONSE[status],
        published_at=timezone.now() if status == S.PUBLISHED else None,
    )
    return {
        "practice": practice,
        "attachment": attachment,
        "contact": contact,
        "state": state,
        "response": response,
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """State A's objects in every status (each status its own State, as a questionnaire round
    holds one response per State), and a user per role; built once for the module (each test's
    own writes are rolled back) and removed after it."""
    from django.conf import settings

    media = settings.MEDIA_ROOT
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("uploads")
    with django_db_blocker.unblock():
        round = RoundFactory(year=2031)
        states = {status: factories.StateFactory() for status in STATUSES}
        other_state = factories.StateFactory(iso2="KE")
        owner = factories.SubmitterFactory(states=list(states.values()))
        partner = factories.UserFactory()
        _token, key = PartnerToken.issue(user=partner, name="Partner mirror")
        built = {
            "objects": {
                status: _objects(states[status], owner, status, round) for status in STATUSES
            },
            "users": {
                "reader": factories.UserFactory(),
                "other_state": factories.SubmitterFactory(states=[other_state]),
                "owner": owner,
                "moderator": _moderator(),
                "admin": factories.UserFactory(is_staff=True, is_superuser=True),
            },
            "partner_key": key,
        }
    yield built
    with django_db_blocker.unblock():
        Response.objects.all().delete()
        round.delete()
        Attachment.objects.all().delete()
        Practice.objects.all().delete()
        for model in (Contact, StateMembership, PartnerToken):
            model.objects.all().delete()
        get_user_model().objects.all().delete()
        State.objects.all().delete()
        Region.objects.filter(parent__isnull=False).delete()
        Region.objects.all().delete()
        Pillar.objects.all().delete()
        Theme.objects.all().delete()
    settings.MEDIA_ROOT = media


def _url(name, target, key, value):
    from django.urls import reverse

    kwargs = {key: value}
    if name.startswith("questionnaires:"):
        kwargs["year"] = 2031
    return reverse(name.split("#")[0], kwargs=kwargs)


def _identifier(target, objects, key):
    """The real object's value for the URL keyword, and a missing object's."""
    if target == "practice_slug":
        return objects["practice"].slug, "no-such-practice"
    if key == "identifier":
        return str(objects["practice"].uuid), str(uuid.uuid4())
    if key == "public_id":
        return str(objects[target].public_id), str(uuid.uuid4())
    if key in {"state_slug", "state"}:
        return objects["state"].slug, "no-such-state"
    if key == "slug":
        return objects["practice"].slug, "no-such-practice"
    return str(objects[target].pk), "999999"


def _client(role, world):
    client = Client(raise_request_exception=False)
    if role == "partner":
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {world['partner_key']}"
    elif role != "anonymous":
        client.force_login(world["users"][role])
    return client


NOISE = [
    re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'),
    re.compile(r'nonce="[^"]*"'),
    re.compile(r'"request_id":\s*"[^"]*"'),
]


def _normalised(response, identifier):
    body = response.content.decode(errors="replace")
    for pattern in NOISE:
        body = pattern.sub("", body)
    return response.status_code, body.replace(f"/{identifier}/", "/<id>/")


def _ask(client, method, url):
    if method in {"patch", "put"}:
        return getattr(client, method)(url, "{}", content_type="application/json")
    return getattr(client, method)(url)


CASES = [
    (name, method) for name, (_kind, _target, _key, methods) in ROUTES.items() for method in methods
]


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method"), CASES, ids=[f"{n}-{m}" for n, m in CASES])
def test_an_object_answers_as_the_rule_table_says(name, method, role, status, world, db):
    kind, target, key, _methods = ROUTES[name]
    objects = world["objects"][status]
    real, missing = _identifier(target, objects, key)
    client = _client(role, world)

    response = _ask(client, method, _url(name, target, key, real))
    absent = _ask(client, method, _url(name, target, key, missing))

    assert response.status_code < 500
    if may_see(kind, role, status):
        assert response.status_code != 404, response.content[:300]
        if method in {"get", "head"}:
            assert response.status_code in {200, 302}
    else:
        assert _normalised(response, real) == _normalised(absent, missing)
        if role in {"anonymous", "partner"} and not kind.startswith("api"):
            assert response.status_code in {302, 404}
        elif kind.startswith("api"):
            assert response.status_code in {401, 404, 405}
        else:
            assert response.status_code in {403, 404}

"""The draft API's errors are no existence oracle: naming another State's object, or one that
does not exist, gets the same message, and no message shows a database id."""

import uuid

import pytest

from practices.models import Practice
from tests import factories

pytestmark = pytest.mark.django_db

UNAVAILABLE = "“{}” is not one of the available choices."
MISSING_SLUG = "no-such-thing"


@pytest.fixture
def body(state):
    factories.PillarFactory(slug="pillar-one")
    factories.ThemeFactory(slug="theme-one")
    return {
        "title": "Remittance matching fund",
        "summary": "Each dollar sent home for local projects is matched by the State.",
        "lead_state": state.slug,
        "pillar": "pillar-one",
        "themes": ["theme-one"],
        "language": "en",
    }


def errors_for(client, auth, body, field, value):
    response = client.post(
        "/api/v1/practices/", {**body, field: value}, content_type="application/json", **auth
    )
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()["errors"][field]


def single_or_list(field, value):
    return value if field in ("lead_state", "lead_body", "pillar") else [value]


# Fields naming what other States own: another State's object answers as a missing one does.
def other_states_objects(other_state):
    private = factories.ContactFactory(state=other_state, is_public=False)
    public = factories.ContactFactory(state=other_state, is_public=True)
    return [
        ("lead_state", other_state.slug, other_state.pk),
        ("contacts", str(private.public_id), private.pk),
        ("contacts", str(public.public_id), public.pk),
    ]


@pytest.mark.parametrize("case", range(3))
def test_another_states_object_gets_the_message_of_a_missing_one(
    case, client, submitter_auth, body, other_state
):
    field, existing, pk = other_states_objects(other_state)[case]
    missing = MISSING_SLUG if field != "contacts" else str(uuid.uuid4())

    theirs = errors_for(client, submitter_auth, body, field, single_or_list(field, existing))
    unknown = errors_for(client, submitter_auth, body, field, single_or_list(field, missing))

    assert theirs == [UNAVAILABLE.format(existing)]
    assert unknown == [UNAVAILABLE.format(missing)]
    assert str(pk) not in theirs[0].replace(existing, "")


@pytest.mark.parametrize(
    "field",
    [
        "lead_state",
        "lead_body",
        "partner_states",
        "partner_bodies",
        "institutions",
        "pillar",
        "themes",
        "gcm_objectives",
        "contacts",
    ],
)
def test_every_relation_field_words_an_unknown_value_the_same_way(
    field, client, submitter_auth, body
):
    value = "999999" if field == "gcm_objectives" else MISSING_SLUG

    errors = errors_for(client, submitter_auth, body, field, single_or_list(field, value))

    assert errors == [UNAVAILABLE.format(value)]


def test_a_database_id_sent_for_a_contact_is_not_confirmed(
    client, submitter_auth, body, other_state
):
    contact = factories.ContactFactory(state=other_state, is_public=False)

    errors = errors_for(client, submitter_auth, body, "contacts", [str(contact.pk)])
    unknown = errors_for(client, submitter_auth, body, "contacts", [str(10**6)])

    assert errors == [UNAVAILABLE.format(contact.pk)]
    assert unknown == [UNAVAILABLE.format(10**6)]


def test_a_change_naming_another_states_contact_is_refused_like_a_missing_one(
    client, submitter_auth, body, other_state
):
    created = client.post(
        "/api/v1/practices/", body, content_type="application/json", **submitter_auth
    ).json()
    version = Practice.objects.get().version
    contact = factories.ContactFactory(state=other_state, is_public=False)

    response = client.patch(
        created["url"],
        {"contacts": [str(contact.public_id)], "version": version},
        content_type="application/json",
        **submitter_auth,
    )

    assert response.status_code == 400
    assert response.json()["errors"]["contacts"] == [UNAVAILABLE.format(contact.public_id)]

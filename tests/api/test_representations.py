"""The API's fast practice representations equal what ``PracticeSerializer`` renders."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db.models import Prefetch
from rest_framework.test import APIRequestFactory

from practices.api import representations
from practices.api.serializers import PracticeSerializer
from practices.models import Practice
from states.models import Contact

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def partner_host(settings):
    settings.ALLOWED_HOSTS = ["partners.example.org"]


def serializer_output(request, practices, user):
    queryset = (
        Practice.objects.filter(pk__in=[p.pk for p in practices])
        .select_related("lead_state", "lead_body", "pillar")
        .prefetch_related(
            "partner_states",
            "partner_bodies",
            "institutions",
            "themes",
            "gcm_objectives",
            Prefetch("contacts", queryset=Contact.objects.visible_to(user).order_by("name")),
        )
    )
    return {
        practice.pk: PracticeSerializer(practice, context={"request": request}).data
        for practice in queryset
    }


def api_request(user=None, host="partners.example.org"):
    request = APIRequestFactory().get("/api/v1/practices/", HTTP_HOST=host)
    request.user = user or AnonymousUser()
    return request


def test_every_default_practice_is_represented_exactly_as_the_serializer_does():
    call_command("load_default_data", verbosity=0)
    practices = list(Practice.objects.all())
    request = api_request()
    contacts = Contact.objects.visible_to(request.user).order_by("name")

    built = representations.build(request, [p.pk for p in practices], contacts)

    expected = serializer_output(request, practices, request.user)
    assert len(built) == len(practices) > 100
    assert built == expected
    # Same keys in the same order, not only equal dicts: clients may read JSON as written.
    for pk, data in built.items():
        assert list(data) == list(expected[pk])


def test_representation_with_every_relation_filled_matches_the_serializer(world):
    request = api_request()
    practice = world["published"]
    contacts = Contact.objects.visible_to(request.user).order_by("name")

    built = representations.build(request, [practice.pk, world["other"].pk], contacts)

    assert built == serializer_output(request, [practice, world["other"]], request.user)
    data = built[practice.pk]
    assert [b["acronym"] for b in data["partner_bodies"]] == ["ECOWAS"]
    assert [o["number"] for o in data["gcm_objectives"]] == [20]
    assert data["url"] == f"http://partners.example.org/api/v1/practices/{practice.uuid}/"
    assert data["web_url"] == "http://partners.example.org/en/practices/cheaper-remittances/"
    assert built[world["other"].pk]["lead_body"] is None


def test_private_contacts_appear_only_for_readers_allowed_to_see_them(world, submitter):
    practice = world["published"]
    for user, names in (
        (None, [world["public_contact"].name]),
        (submitter, sorted([world["public_contact"].name, world["hidden_contact"].name])),
    ):
        request = api_request(user)
        contacts = Contact.objects.visible_to(request.user).order_by("name")
        data = representations.build(request, [practice.pk], contacts)[practice.pk]
        assert [c["name"] for c in data["contacts"]] == names
        assert data == serializer_output(request, [practice], request.user)[practice.pk]


def test_unknown_ids_are_left_out(world):
    request = api_request()
    contacts = Contact.objects.visible_to(request.user)

    built = representations.build(request, [world["published"].pk, 10**9], contacts)

    assert list(built) == [world["published"].pk]


def test_both_representations_carry_the_version_a_client_sends_back(world):
    request = api_request()
    practice = world["published"]
    Practice.objects.filter(pk=practice.pk).update(version=7)
    contacts = Contact.objects.visible_to(request.user).order_by("name")

    built = representations.build(request, [practice.pk], contacts)[practice.pk]

    assert built["version"] == 7
    assert serializer_output(request, [practice], request.user)[practice.pk]["version"] == 7

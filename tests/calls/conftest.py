"""Calls use the submission tests' practice form data and practice builder."""

import factory
import pytest
from django.utils import timezone

from practices.calls import Call
from tests import factories
from tests.workflow.conftest import form_data, make_practice, media_root  # noqa: F401


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"call-{n}")
    title = factory.Sequence(lambda n: f"Call number {n}")
    description = "States are asked for practices on the call's themes."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=30))
    status = Call.Status.OPEN

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)


@pytest.fixture
def make_call(db):
    return CallFactory


@pytest.fixture
def remittances(db):
    return factories.ThemeFactory(name="Remittances", slug="remittances")

"""Calls use the submission tests' practice form data and practice builder."""

import pytest

from tests import factories
from tests.workflow.conftest import form_data, make_practice, media_root  # noqa: F401


@pytest.fixture
def make_call(db):
    return factories.CallFactory


@pytest.fixture
def remittances(db):
    return factories.ThemeFactory(name="Remittances", slug="remittances")

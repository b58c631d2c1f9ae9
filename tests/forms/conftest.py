"""Fixtures for the guided form and review tests: those of the workflow tests (a practice in
any status, valid form data, uploads in a throwaway folder) and signed-in clients."""

import pytest

from tests.factories import load_classifications
from tests.workflow.conftest import form_data, make_practice, media_root  # noqa: F401


@pytest.fixture
def signed_in(client, submitter):
    client.force_login(submitter)
    return client


@pytest.fixture
def moderating(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture(autouse=True)
def classifications(db):
    """The guided form offers the GCM's principles and the SDG targets: they must be there."""
    load_classifications()

"""Fixtures for the security probes: a signed-in State user, a partner token, hostile text."""

import pytest

from partners.models import PartnerToken


@pytest.fixture
def signed_in(client, submitter):
    client.force_login(submitter)
    return client


@pytest.fixture
def submitter_auth(submitter):
    """Token headers of a State's user, who may write drafts through the API."""
    _token, key = PartnerToken.issue(user=submitter, name="Ministry CMS")
    return {"HTTP_AUTHORIZATION": f"Token {key}"}

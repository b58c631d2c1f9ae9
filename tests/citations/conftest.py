"""A practice taken through the real workflow: submitted, approved (v1), revised (v2)."""

import pytest
from django.utils import timezone

from practices import workflow
from practices.models import Practice
from tests import factories


@pytest.fixture
def paper_practice(db):
    """A practice of the paper: its source was published in 2008, loaded here years later."""
    return factories.PracticeFactory(
        slug="mexico-3x1-programme",
        title="Three per One (3x1) programme",
        lead_state=factories.StateFactory(iso2="MX"),
        origin=Practice.Origin.PAPER,
        source_year=2008,
        source_document="GFMD 2008 background paper",
        source_section="2.2.2",
        themes=[factories.ThemeFactory(name="Remittances")],
    )


@pytest.fixture
def approved(state, submitter, moderator):
    """A State's submission approved by a moderator: it has its v1."""
    practice = factories.PracticeFactory(
        lead_state=state,
        created_by=submitter,
        title="Consular ID cards",
        summary="First summary.",
        status=Practice.Status.SUBMITTED,
        submitted_at=timezone.now(),
        published_at=None,
    )
    workflow.approve(practice, by=moderator)
    practice.refresh_from_db()
    return practice


@pytest.fixture
def revised(approved, submitter, moderator):
    """``approved`` with one approved revision: v2 says "Second summary."."""
    revision = workflow.start_revision(approved, by=submitter)
    revision.summary = "Second summary."
    revision.save()
    workflow.submit(revision, by=submitter)
    workflow.approve(revision, by=moderator)
    approved.refresh_from_db()
    return approved

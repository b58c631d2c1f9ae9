"""Fixtures for the submission and moderation tests: a practice in any status, form data,
uploads in a throwaway folder."""

import pytest
from django.utils import timezone

from practices.models import Practice
from tests import factories

S = Practice.Status


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads go to a per-test folder, never into the project's var/uploads."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


@pytest.fixture
def make_practice(state, submitter):
    """Build a practice of ``state`` (by default) created by ``submitter`` in any status."""

    def make(status=S.DRAFT, **fields):
        fields.setdefault("lead_state", state)
        fields.setdefault("created_by", submitter)
        fields.setdefault("published_at", timezone.now() if status == S.PUBLISHED else None)
        fields.setdefault("submitted_at", None if status == S.DRAFT else timezone.now())
        return factories.PracticeFactory(status=status, **fields)

    return make


@pytest.fixture
def form_data(state):
    """Valid POST data for the practice form; pass a practice to edit it, and overrides."""
    pillar = factories.PillarFactory()
    theme = factories.ThemeFactory()

    def data(practice=None, **overrides):
        values = {
            "title": "Diaspora bonds for local infrastructure",
            "lead_state": state.pk,
            "pillar": pillar.pk,
            "themes": [theme.pk],
            "summary": "Bonds sold to emigrants fund roads and schools in their home regions.",
            "description": "It **works**.",
            "language": "en",
            "start_year": "2004",
            "end_year": "",
            "stage": "ongoing",
            "source_document": "National report 2008",
        }
        if practice is not None:
            values["version"] = practice.version
        values.update(overrides)
        return values

    return data

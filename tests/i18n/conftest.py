"""Fixtures for the six-language tests."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_first():
    """Requests leave their language active in the thread; start each test in English."""
    translation.activate("en")
    yield
    translation.activate("en")

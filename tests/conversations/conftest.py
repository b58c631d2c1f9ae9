import pytest

from tests import factories
from tests.conversations.factories import ReaderFactory


@pytest.fixture
def reader(db):
    return ReaderFactory(username="curious-reader", email="reader@readers.example")


@pytest.fixture
def seasoned_reader(reader, state):
    """A reader whose first question was released already: the next ones go straight out."""
    from tests.conversations.factories import ConversationFactory

    ConversationFactory(asker=reader, state=state)
    return reader


@pytest.fixture
def practice(state):
    return factories.PracticeFactory(lead_state=state)


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """``with sent():`` runs the after-commit mail of what is inside."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture

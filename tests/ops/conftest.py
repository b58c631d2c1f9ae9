"""Fixtures for the operations tests: a database server that goes down and comes back."""

import copy

import pytest
from django.db import connections


def unreachable_settings(settings_dict):
    """Connection settings for the same backend that can never connect."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return {**settings_dict, "NAME": "/nonexistent-folder/ops/db.sqlite3"}
    # Port 1 on the loopback: nothing listens there, the connection is refused at once.
    return {**settings_dict, "HOST": "127.0.0.1", "PORT": "1"}


class Outage:
    """The default connection, swapped for one that cannot reach its server."""

    def __init__(self):
        self.real = connections["default"]
        self.connection = self.real.__class__(
            unreachable_settings(copy.deepcopy(self.real.settings_dict)), alias="default"
        )
        connections["default"] = self.connection

    def end(self):
        """The server is back: the same connection object reconnects on its next use."""
        self.connection.settings_dict.update(copy.deepcopy(self.real.settings_dict))

    def undo(self):
        self.connection.close()
        connections["default"] = self.real


@pytest.fixture
def database_down(db):
    outage = Outage()
    try:
        yield outage
    finally:
        outage.undo()

"""Send public reads to a read replica when ``DATABASE_REPLICA_URL`` is configured.

Only reads made while ``reads_from_replica(True)`` is active go to the replica (the middleware
turns it on for anonymous GET requests); everything else, writes, reads inside a transaction,
management commands and signed-in users, stays on the primary, so nobody misses their own
writes to replication lag.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PRIMARY = "default"

_use_replica = ContextVar("use_replica", default=False)


@contextmanager
def reads_from_replica(enabled=True):
    """Route reads inside the block to the replica (when one is configured) or not."""
    token = _use_replica.set(enabled)
    try:
        yield
    finally:
        _use_replica.reset(token)


class PrimaryReplicaRouter:
    """Reads to the replica when allowed; writes, migrations and transactions to the primary."""

    def db_for_read(self, model, **hints):
        if (
            _use_replica.get()
            and REPLICA in settings.DATABASES
            and not connections[PRIMARY].in_atomic_block
        ):
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data: objects read from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY

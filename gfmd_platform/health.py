"""Health endpoints for load balancers and orchestrators.

``/healthz`` says the process answers (no database: a database outage must not get every app
server killed). ``/readyz`` says this server can serve: every database reachable and no
migration of this code left unapplied.
"""

from django.db import DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

# Once this process has seen its migrations applied they stay applied (new migrations arrive
# with new code, hence a new process), so the costly migration check runs until it passes.
_checked = {"migrations_applied": False}


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


def forget_migration_check():
    """Check migrations again on the next ``/readyz`` (as a new process would): for tests and
    for a process that migrates its own database."""
    _checked["migrations_applied"] = False


def unapplied_migrations():
    """The number of migrations of this code not yet applied to the default database."""
    executor = MigrationExecutor(connections["default"])
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


@never_cache
def readyz(request):
    try:
        for alias in connections:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
        if not _checked["migrations_applied"]:
            unapplied = unapplied_migrations()
            if unapplied:
                return JsonResponse(
                    {"status": "unavailable", "database": "ok", "unapplied_migrations": unapplied},
                    status=503,
                )
            _checked["migrations_applied"] = True
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})

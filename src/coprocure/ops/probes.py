"""What the load balancer asks before sending a process traffic (``/readyz``): can it reach the
database, does the database have every migration this code expects, and is the task queue
keeping up. Each check answers "ok" or a short reason; none reveals data."""

from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from . import queue

# Once this process has seen every migration applied it stays so: migrations are applied
# before a release's processes start, never taken back under a running one. Loading the
# migration graph costs far more than a probe should, so it is done until then only.
_migrations_seen_applied = False


def database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "unreachable"
    return "ok"


def migrations() -> str:
    global _migrations_seen_applied
    if _migrations_seen_applied:
        return "ok"
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return "unreachable"
    if plan:
        return f"{len(plan)} unapplied"
    _migrations_seen_applied = True
    return "ok"


def queue_lag() -> str:
    try:
        current = queue.state()
    except DatabaseError:
        return "unreachable"
    if current is None:
        return "ok"  # no queue installed: nothing can lag
    limit = settings.COPROCURE_READY_QUEUE_LAG_SECONDS
    if current.oldest_ready_age > limit:
        return f"oldest job waiting {int(current.oldest_ready_age)} s, limit {limit} s"
    return "ok"


def readiness() -> dict[str, str]:
    checks = {"database": database()}
    if checks["database"] != "ok":
        return checks  # the other checks would only repeat it
    return {**checks, "migrations": migrations(), "queue": queue_lag()}

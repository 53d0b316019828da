"""Reports read from a read replica when one is configured (``COPROCURE_REPLICA_URL``).

Only code run inside ``reporting()`` (or a view decorated with ``@report``) reads from the
replica; everything else, and every write, uses the primary. Reports tolerate the replica's
few seconds of lag; pages that show what a person has just done must not, so they never do.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings

REPLICA = "replica"
_reporting: ContextVar[bool] = ContextVar("reporting", default=False)


@contextmanager
def reporting():
    token = _reporting.set(True)
    try:
        yield
    finally:
        _reporting.reset(token)


def report(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        with reporting():
            return view(*args, **kwargs)

    return wrapper


class ReportRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _reporting.get() and REPLICA in settings.DATABASES else None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA  # the replica follows the primary's schema by replication

"""A background worker: runs queued tasks (django-tasks' database worker) and, beside them, a
clock that queues the periodic jobs once per period and takes up work a killed worker left.
Run one or more on any host that reaches the database; Ctrl+C or SIGTERM stops it after the
task in hand."""

from __future__ import annotations

import logging
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from coprocure.jobs import schedule

log = logging.getLogger(__name__)


def clock(every: float) -> None:
    while True:
        try:
            queued = schedule.tick()
            recovered = schedule.sweep()
            if queued or any(count for counts in recovered.values() for count in counts.values()):
                log.info("clock: queued %s, recovered %s", queued, recovered)
        except Exception:  # the clock outlives a database that is away for a moment
            log.exception("clock tick failed")
        finally:
            close_old_connections()
        time.sleep(every)


class Command(BaseCommand):
    help = "Run a background worker: queued tasks (e-mail, fan-outs, periodic jobs) and the clock of periodic jobs."

    def add_arguments(self, parser):
        parser.add_argument("--clock", type=float, default=5.0, help="Seconds between clock ticks (default 5).")
        parser.add_argument("--interval", type=float, default=1.0,
                            help="Seconds to wait when the queue is empty (default 1).")

    def handle(self, *args, **options):
        threading.Thread(target=clock, args=(options["clock"],), name="coprocure-clock", daemon=True).start()
        call_command("db_worker", queue_name="*", interval=options["interval"], reload=False,
                     startup_delay=False, verbosity=options["verbosity"])

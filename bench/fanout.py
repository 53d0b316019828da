"""Fan-out of a "you said, we did" change (issue 20): the staff request that triggers it, and
the time until every follower's e-mail has been accepted by an SMTP server.

    scripts/with-postgres .venv/bin/python bench/fanout.py --followers 10000 --workers 2

The request is measured in-process (Django's test client: handler time and SQL queries), once
for a procurement with a hundred followers and once with ``--followers``: the queries must be the
same. Delivery runs as production runs it: ``coprocure worker`` processes on the same database,
sending to a real SMTP server on loopback (aiosmtpd), timed from the end of the request until
the server has a message for every follower. Results go to bench/results/fanout-<time>.json and .md.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))
from inprocess import ROOT, django_on_fresh_postgres  # noqa: E402


class Mailbox:
    def __init__(self):
        self.received: Counter[str] = Counter()

    async def handle_DATA(self, server, session, envelope):
        self.received.update(envelope.rcpt_tos)
        return "250 OK"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--followers", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    django_on_fresh_postgres(__file__)

    from aiosmtpd.controller import Controller
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from coprocure.followup.models import FollowUpContact
    from coprocure.outbox.models import Message, State

    sys.path.insert(0, str(ROOT))
    from tests import factories

    override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}).enable()
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    client = Client()
    client.force_login(official)

    def procurement_with(followers: int, prefix: str):
        procurement = factories.create_procurement(official, accountable_official=official)
        FollowUpContact.objects.bulk_create(
            (FollowUpContact(procurement=procurement, email=f"{prefix}{n}@example.fi") for n in range(followers)),
            batch_size=2000)
        return procurement

    def request(procurement, label: str, rounds: int = 5) -> dict:
        times, queries = [], set()
        for round_ in range(rounds):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.post(f"/api/v1/procurements/{procurement.pk}/insights",
                                       {"statement": {"fi": f"{label} {round_}"}}, content_type="application/json")
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 201, response.content
            queries.add(len(captured))
        return {"median_ms": round(median(times), 1), "max_ms": round(max(times), 1), "queries": sorted(queries)}

    request(procurement_with(1, "lämmin"), "Lämmitys", rounds=2)  # the first request loads what all others reuse
    small = procurement_with(100, "pieni")
    large = procurement_with(args.followers, "seuraaja")
    measured = {"100 followers": request(small, "Pieni"), f"{args.followers} followers": request(large, "Suuri")}
    # Only the last change of the large procurement is delivered; the others' fan-outs are dropped.
    from coprocure.outbox.models import Fanout

    keep = Fanout.objects.order_by("-pk").first()
    Fanout.objects.exclude(pk=keep.pk).delete()
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.exclude(args_kwargs__args=[keep.pk]).delete()

    mailbox = Mailbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    smtp = Controller(mailbox, hostname="127.0.0.1", port=port)
    smtp.start()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "coprocure.settings", "COPROCURE_DEMO": "1",
           "COPROCURE_VAR_DIR": str(ROOT / "var" / "bench-fanout"),
           "COPROCURE_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
           "COPROCURE_EMAIL_HOST": "127.0.0.1", "COPROCURE_EMAIL_PORT": str(port), "COPROCURE_LOG_LEVEL": "ERROR"}
    start = time.monotonic()
    workers = [subprocess.Popen([str(Path(sys.executable).parent / "coprocure"), "worker", "-v", "0",
                                 "--interval", "0.2"], env=env, start_new_session=True)
               for _ in range(args.workers)]
    written_at = None
    try:
        while len(mailbox.received) < args.followers and time.monotonic() - start < 1800:
            if written_at is None and Fanout.objects.filter(pk=keep.pk, done_at__isnull=False).exists():
                written_at = time.monotonic() - start
            time.sleep(0.2)
        delivered_at = time.monotonic() - start
    finally:
        for worker in workers:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait()
        smtp.stop()
    twice = sum(1 for count in mailbox.received.values() if count > 1)
    result = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "followers": args.followers,
        "workers": args.workers, "request": measured,
        "fanout_written_s": round(written_at, 1) if written_at else None,
        "all_delivered_s": round(delivered_at, 1), "delivered": len(mailbox.received), "received_twice": twice,
        "messages_per_s": round(len(mailbox.received) / delivered_at, 1),
        "sent_rows": Message.objects.filter(state=State.SENT).count(),
    }
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"fanout-{stamp}.json").write_text(json.dumps(result, indent=2))
    lines = [f"# Fan-out to {args.followers} followers ({result['when']})", "",
             "| staff request (POST an insight) | median ms | max ms | SQL queries |", "|---|---|---|---|"]
    lines += [f"| {label} | {row['median_ms']} | {row['max_ms']} | {', '.join(map(str, row['queries']))} |"
              for label, row in measured.items()]
    lines += ["", f"- {args.workers} worker processes; messages written by the fan-out after "
              f"{result['fanout_written_s']} s; all {result['delivered']} accepted by the SMTP server after "
              f"{result['all_delivered_s']} s ({result['messages_per_s']} messages/s); received twice: {twice}.", ""]
    (out / f"fanout-{stamp}.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()

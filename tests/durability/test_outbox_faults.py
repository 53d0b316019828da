"""The outbox under faults, with a real SMTP server (aiosmtpd) on loopback and real worker
processes (`coprocure worker`) on the test database, as production runs them.

- SMTP down: the change that causes a message still succeeds; the worker keeps the failure's
  reason, tries again with growing waits, and delivers the message once SMTP is back.
- A worker SIGKILLed in the middle of telling 2 000 followers: a new worker takes up what the
  dead one left (its claims run out), and the SMTP server receives exactly one message for
  each follower.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from coprocure.followup.models import FollowUpContact
from coprocure.outbox.models import Message, State
from coprocure.participation import services as participation
from coprocure.participation.models import Insight

from ..factories import text

pytestmark = [pytest.mark.durability, pytest.mark.django_db(transaction=True)]

HOST = "127.0.0.1"
BIN = Path(sys.executable).parent
FOLLOWERS = 2000
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_until(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"not within {seconds} s: {what}")


class Counting:
    """An SMTP server's mailbox: how many messages each recipient received."""

    def __init__(self):
        self.received: Counter[str] = Counter()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.received.update(envelope.rcpt_tos)
        return "250 Message accepted for delivery"

    def total(self) -> int:
        with self.lock:
            return sum(self.received.values())


class Worker:
    def __init__(self, tmp_path: Path, smtp_port: int):
        database = connection.settings_dict
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "coprocure.settings", "COPROCURE_DEMO": "1",
                    "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
                    "COPROCURE_VAR_DIR": str(tmp_path),
                    "COPROCURE_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                    "COPROCURE_EMAIL_HOST": HOST, "COPROCURE_EMAIL_PORT": str(smtp_port),
                    "COPROCURE_OUTBOX_BACKOFF_SECONDS": "0.3", "COPROCURE_OUTBOX_CLAIM_SECONDS": "2",
                    "COPROCURE_LOG_LEVEL": "ERROR"}
        self.path = tmp_path / "worker.log"
        self.log = self.path.open("ab")
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen([str(BIN / "coprocure"), "worker", "--clock", "0.5", "--interval", "0.2"],
                                        env=self.env, stdout=self.log, stderr=self.log, start_new_session=True)

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.kill()
        self.log.close()


@pytest.fixture
def smtp_port():
    return free_port()


@pytest.fixture
def mailbox(smtp_port):
    handler = Counting()
    server = Controller(handler, hostname=HOST, port=smtp_port)
    handler.controller = server
    yield handler
    if getattr(server, "_thread", None) is not None:
        server.stop()


@pytest.fixture
def worker(tmp_path, smtp_port):
    running = Worker(tmp_path, smtp_port)
    yield running
    running.stop()


def test_smtp_down_the_change_succeeds_and_the_message_goes_when_smtp_returns(settings, official, procurement,
                                                                               mailbox, worker):
    settings.TASKS = DATABASE_QUEUE
    FollowUpContact.objects.create(procurement=procurement, email="liisa@example.fi")
    participation.create_insight(official, procurement, {"statement": text("Ilta-aukiolo")})
    assert Insight.objects.count() == 1  # the change is committed whatever the mail server does
    worker.start()
    wait_until(lambda: Message.objects.filter(attempts__gte=2, state=State.PENDING).exists(), 30, "two failed attempts")
    message = Message.objects.get()
    assert message.state == State.PENDING and "Connection refused" in message.last_error
    mailbox.controller.start()
    wait_until(lambda: Message.objects.filter(state=State.SENT).exists(), 30, "delivery once SMTP is back")
    time.sleep(1)
    assert mailbox.received == {"liisa@example.fi": 1}


def test_a_worker_killed_in_the_middle_of_a_fanout_leaves_every_follower_exactly_one_message(
        settings, official, procurement, mailbox, worker, tmp_path, smtp_port, request):
    settings.TASKS = DATABASE_QUEUE
    second = Worker(tmp_path, smtp_port)
    request.addfinalizer(second.stop)
    followers = {f"seuraaja{number}@example.fi" for number in range(FOLLOWERS)}
    FollowUpContact.objects.bulk_create(FollowUpContact(procurement=procurement, email=address) for address in followers)
    mailbox.controller.start()
    participation.create_insight(official, procurement, {"statement": text("Ilta-aukiolo")})
    worker.start()
    wait_until(lambda: mailbox.total() >= FOLLOWERS // 10, 40, "the fan-out under way")
    worker.kill()
    at_kill = mailbox.total()
    assert at_kill < FOLLOWERS, "the worker finished before it could be killed"
    # Two workers take over, as a deployment runs several: they share the work without doubling it.
    worker.start()
    second.start()
    wait_until(lambda: len(mailbox.received) == FOLLOWERS, 60, "every follower told")
    time.sleep(2.5)  # longer than a claim: a message sent twice would have arrived by now
    assert set(mailbox.received) == followers
    assert [address for address, count in mailbox.received.items() if count != 1] == []
    assert Message.objects.filter(state=State.SENT).count() == FOLLOWERS

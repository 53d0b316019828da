"""Durability under faults: a real gunicorn against the test PostgreSQL, survey answers and
provider reports fired concurrently, and the server or its database connections killed in the
middle. Afterwards every answer and report the server acknowledged (201) is stored exactly once,
and nothing it did not acknowledge is half-stored: a response has all its answers or does not
exist, a report has all its rows and its audit entry or none of them.

Loopback only, bounded to well under two minutes. Clients do not resend a request that reached
the server (that would need idempotency keys, which the API does not offer); they only retry a
connection that was refused, i.e. a request that never left the client.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import string
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from django.test import override_settings

from coprocure.api.models import ApiToken
from coprocure.audit.models import AuditEntry
from coprocure.contracts import services as contracts
from coprocure.contracts.models import Measurement
from coprocure.participation.models import Answer, Response

from .. import factories
from ..contracts.conftest import to_contract_phase
from ..factories import text
from ..participation.conftest import make_survey

pytestmark = [pytest.mark.durability, pytest.mark.django_db(transaction=True)]

HOST = "127.0.0.1"
BIN = Path(sys.executable).parent
APP_NAME = "coprocure-durability"
ANSWERS, REPORTS = 240, 120
# The server's secret, so that the test can sign the one-time answer tokens its clients send.
SECRET_KEY = "durability-" + "x" * 40


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def letters(number: int) -> str:
    """A marker the anonymiser leaves alone: digits could look like a phone number to it."""
    word = ""
    while True:
        number, digit = divmod(number, 26)
        word = string.ascii_lowercase[digit] + word
        if number == 0:
            return word


class Server:
    def __init__(self, tmp_path: Path):
        self.port = free_port()
        database = connection.settings_dict
        self.dsn = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        # Named, so that the fault below drops the server's connections and not the test's own.
        url = f"{self.dsn}?application_name={APP_NAME}"
        (tmp_path / "static").mkdir(exist_ok=True)
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "coprocure.settings_test", "DATABASE_URL": url,
                    "COPROCURE_VAR_DIR": str(tmp_path), "COPROCURE_SECRET_KEY": SECRET_KEY,
                    "COPROCURE_ALLOWED_HOSTS": HOST, "COPROCURE_LOG_LEVEL": "CRITICAL"}
        self.cwd = tmp_path
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "coprocure.wsgi:application", "--bind", f"{HOST}:{self.port}", "--workers", "2",
             "--threads", "4", "--log-level", "critical", "--graceful-timeout", "2"],
            env=self.env, cwd=self.cwd, start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                probe = http.client.HTTPConnection(HOST, self.port, timeout=2)
                probe.request("GET", "/api/v1/openapi.json")
                if probe.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("gunicorn did not start within 60 s")

    def workers(self) -> list[int]:
        found = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout.split()
        return [int(pid) for pid in found]

    def kill_everything(self) -> None:
        """The machine's view of a crash: master and workers gone at once, nothing cleaned up."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


class Scene:
    """An open anonymous survey and a contract whose provider reports two indicators monthly."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        authority = factories.AuthorityFactory()
        official = factories.UserFactory(organisation=authority, position="official")
        from coprocure.participation import services as participation

        activity = participation.create_activity(official, factories.create_procurement(official), {
            "kind": "survey", "phase": "preparation", "title": text("Kysely"), "setting": "online"})
        self.survey = make_survey(official, activity)
        questions = {q.kind: q for q in self.survey.questions.all()}
        self.likert, self.number, self.text = questions["likert"], questions["number"], questions["text"]

        provider = factories.ProviderFactory()
        contracted = to_contract_phase(official, factories.create_procurement(official))
        self.contract = contracts.create_contract(official, contracted, {
            "kind": "partnership", "title": text("Sopimus"), "description": {}, "starts_on": date(2000, 1, 1),
            "ends_on": date(2039, 12, 31), "options": {}})
        contracts.add_party(official, self.contract, {"organisation": provider, "name": provider.name, "role": "provider"})
        kra = contracts.add_kra(official, self.contract, {"name": text("Asuminen"), "description": {}, "weight": "1"})
        for code in ("asuu", "tyytyvainen"):
            contracts.add_indicator(official, kra, {
                "code": code, "name": text(code), "unit": "percent", "direction": "higher_is_better", "baseline": 70,
                "minimum": 70, "target": 80, "excellent": 90, "frequency": "monthly", "data_source": "provider_report",
                "reported_by": None})
        reporter = factories.UserFactory(organisation=provider, position="representative")
        self.token = ApiToken.issue(reporter, "durability")[1]

    def marker(self, number: int) -> str:
        return f"{self.prefix} vastaus {letters(number)}"

    @staticmethod
    def month(number: int) -> date:
        return date(2000 + number // 12, number % 12 + 1, 1)

    def requests(self) -> list[tuple[str, int, str, bytes, dict]]:
        from coprocure.participation import services as participation

        with override_settings(SECRET_KEY=SECRET_KEY):  # as GET /surveys/{id}/token would give them
            tokens = [participation.issue_token(self.survey) for _ in range(ANSWERS)]
        answers = [("answer", i, f"/api/v1/surveys/{self.survey.pk}/responses", json.dumps({
            "answers": {self.likert.key: 1 + i % 5, self.number.key: i % 50, self.text.key: self.marker(i)},
            "target_group": "older_people", "age_band": "75_plus", "token": tokens[i]}).encode(), {})
            for i in range(ANSWERS)]
        reports = [("report", i, f"/api/v1/contracts/{self.contract.pk}/measurements", json.dumps({"rows": [
            {"indicator": code, "period": self.month(i).strftime("%Y-%m"), "value": "85"}
            for code in ("asuu", "tyytyvainen")]}).encode(), {"Authorization": f"Bearer {self.token}"})
            for i in range(REPORTS)]
        # Interleaved, so that both kinds are in flight whenever the fault strikes.
        mixed = []
        for i in range(max(ANSWERS, REPORTS)):
            mixed += [r for r in (answers[i] if i < ANSWERS else None, reports[i] if i < REPORTS else None) if r]
        return mixed


class Firing:
    def __init__(self, port: int):
        self.port = port
        self.acknowledged: dict[str, set[int]] = {"answer": set(), "report": set()}
        self.sent: dict[str, set[int]] = {"answer": set(), "report": set()}
        self.lock = threading.Lock()
        self.statuses: list[int] = []

    def fire(self, request) -> None:
        kind, number, path, body, headers = request
        deadline = time.monotonic() + 30
        while True:
            connection_ = http.client.HTTPConnection(HOST, self.port, timeout=30)
            try:
                connection_.connect()
            except ConnectionRefusedError:
                # Nothing was sent: waiting for the restarted server is safe.
                if time.monotonic() > deadline:
                    return
                time.sleep(0.1)
                continue
            with self.lock:
                self.sent[kind].add(number)
            try:
                connection_.request("POST", path, body, {"Content-Type": "application/json", **headers})
                status = connection_.getresponse().status
            except (OSError, http.client.HTTPException):
                status = 0
            finally:
                connection_.close()
            with self.lock:
                self.statuses.append(status)
                if status == 201:
                    self.acknowledged[kind].add(number)
            return

    def count(self) -> int:
        with self.lock:
            return len(self.acknowledged["answer"]) + len(self.acknowledged["report"])

    def run(self, requests, faults) -> None:
        """Fire everything from 8 clients; each fault runs once that many requests were acknowledged."""
        def injector():
            for threshold, fault in faults:
                while self.count() < threshold:
                    time.sleep(0.01)
                fault()

        thread = threading.Thread(target=injector, daemon=True)
        thread.start()
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(self.fire, requests))
        thread.join(timeout=30)
        assert not thread.is_alive(), "the faults were not all injected: too few requests were acknowledged"


def assert_exactly_once_and_nothing_half_stored(scene: Scene, firing: Firing) -> None:
    stored_answers: dict[str, int] = {}
    for value in Answer.objects.filter(question=scene.text).values_list("value", flat=True):
        stored_answers[value] = stored_answers.get(value, 0) + 1
    for number in range(ANSWERS):
        copies = stored_answers.get(scene.marker(number), 0)
        assert copies <= 1, f"answer {number} stored {copies} times"
        if number in firing.acknowledged["answer"]:
            assert copies == 1, f"acknowledged answer {number} is missing"
    half = [r.pk for r in Response.objects.filter(survey=scene.survey).prefetch_related("answers") if r.answers.count() != 3]
    assert half == [], "responses stored without all their answers"

    audited: dict[str, int] = {}
    for entry in AuditEntry.objects.filter(action="contracts.report", object_id=str(scene.contract.pk)):
        period = entry.after["rows"][0][1]
        audited[period] = audited.get(period, 0) + 1
    rows: dict[date, int] = {}
    for period_start in Measurement.objects.filter(indicator__kra__contract=scene.contract).values_list("period_start", flat=True):
        rows[period_start] = rows.get(period_start, 0) + 1
    for number in range(REPORTS):
        month = scene.month(number)
        stored, entries = rows.get(month, 0), audited.get(month.isoformat(), 0)
        assert (stored, entries) in {(0, 0), (2, 1)}, f"report {number} half-stored: {stored} rows, {entries} audit entries"
        if number in firing.acknowledged["report"]:
            assert (stored, entries) == (2, 1), f"acknowledged report {number} is missing"
    assert set(stored_answers) <= {scene.marker(n) for n in firing.sent["answer"]}


@pytest.fixture
def server(tmp_path):
    running = Server(tmp_path)
    yield running
    running.stop()


def test_sigkill_of_a_worker_and_of_the_whole_server_loses_no_acknowledged_answer(server, reference_data):
    scene = Scene("kaatuminen")
    server.start()
    firing = Firing(server.port)

    def kill_a_worker():
        os.kill(server.workers()[0], signal.SIGKILL)

    def crash_and_restart():
        server.kill_everything()
        time.sleep(0.5)
        server.start()

    firing.run(scene.requests(), [(40, kill_a_worker), (140, crash_and_restart)])
    assert_exactly_once_and_nothing_half_stored(scene, firing)
    # The restarted server took the rest: the crash came after 140 acknowledgements.
    assert len(firing.acknowledged["answer"]) + len(firing.acknowledged["report"]) > 200


def test_dropped_database_connections_lose_no_acknowledged_answer(server, reference_data):
    scene = Scene("katkos")
    server.start()
    firing = Firing(server.port)

    def drop_connections():
        with psycopg.connect(server.dsn, autocommit=True) as admin:
            dropped = admin.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                    "WHERE application_name = %s", [APP_NAME]).fetchone()[0]
        assert dropped > 0, "the server had no database connection to drop"

    firing.run(scene.requests(), [(40, drop_connections), (120, drop_connections), (200, drop_connections)])
    assert_exactly_once_and_nothing_half_stored(scene, firing)
    # After the last drop the server reconnected and kept acknowledging.
    assert len(firing.acknowledged["answer"]) + len(firing.acknowledged["report"]) > 220

"""Scaling out: two app processes against one PostgreSQL share no local state, so writes made
through either, in turn, add up exactly (README, "Deploying")."""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from coprocure.api.models import ApiToken
from coprocure.core.models import Procurement
from coprocure.participation.models import Answer, Response
from coprocure.settings import CACHES
from tests.participation.conftest import activity, keys, make_survey  # noqa: F401 - activity is a fixture

HOST = "127.0.0.1"
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Process:
    """One gunicorn process of the production settings, on its own port."""

    def __init__(self, database_url: str, var: Path):
        self.port = free_port()
        env = {**os.environ, "DATABASE_URL": database_url, "COPROCURE_VAR_DIR": str(var), "COPROCURE_DEBUG": "0",
               "COPROCURE_SECRET_KEY": "two-processes-" + "x" * 40, "COPROCURE_ALLOWED_HOSTS": HOST,
               "COPROCURE_REQUIRE_2FA": "0", "COPROCURE_LOG_LEVEL": "ERROR"}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        self.server = subprocess.Popen([str(GUNICORN), "coprocure.wsgi:application", "--bind", f"{HOST}:{self.port}",
                                        "--workers", "1", "--threads", "2", "--log-level", "error"], env=env, cwd=var)

    def request(self, method: str, path: str, body: dict | None = None, token: str | None = None):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
        connection.request(method, path, json.dumps(body) if body is not None else None, headers)
        response = connection.getresponse()
        content = response.read()
        return response.status, json.loads(content) if content else None

    def wait(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.server.poll() is None, "gunicorn stopped"
            try:
                if self.request("GET", "/api/v1/procurements")[0] == 200:
                    return
            except OSError:
                time.sleep(0.3)
        raise AssertionError("gunicorn did not answer")

    def stop(self) -> None:
        self.server.send_signal(signal.SIGTERM)
        self.server.wait(timeout=30)


@pytest.fixture
def two_processes(transactional_db, settings, tmp_path):
    settings.CACHES = CACHES
    call_command("createcachetable", verbosity=0)
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    processes = [Process(url, tmp_path), Process(url, tmp_path)]
    try:
        for process in processes:
            process.wait()
        yield processes
    finally:
        for process in processes:
            process.stop()


def test_writes_through_alternating_processes_are_consistent(two_processes, reference_data, official, activity):  # noqa: F811
    a, b = two_processes
    token = ApiToken.issue(official, "two processes")[1]
    status, created = a.request("POST", "/api/v1/procurements", {
        "title": {"fi": "Kotihoito"}, "summary": {"fi": "Hankimme kotihoidon."}, "service_area": "older_people",
        "procedure": "light", "target_groups": ["older_people"], "estimated_value": "250000.00"}, token)
    assert status == 201, created
    path = f"/api/v1/procurements/{created['id']}"
    assert b.request("PATCH", path, {"title": {"fi": "Kotihoito ja kotiin vietävät palvelut"}}, token)[0] == 200
    assert a.request("GET", path)[1]["title"]["fi"]["text"] == "Kotihoito ja kotiin vietävät palvelut"
    assert a.request("POST", f"{path}/phase", {"target": "tendering"}, token)[0] == 200
    assert b.request("GET", path)[1]["phase"] == "tendering"

    survey = make_survey(official, activity)
    rating, *_rest = keys(survey)
    # Each answer takes its signed token from one process and is sent through the other: the
    # processes share the secret key and the spent tokens, nothing local.
    statuses = []
    for n in range(30):
        issuer, receiver = (a, b) if n % 2 else (b, a)
        token = issuer.request("GET", f"/api/v1/surveys/{survey.pk}/token")[1]["token"]
        statuses.append(receiver.request("POST", f"/api/v1/surveys/{survey.pk}/responses",
                                         {"answers": {rating: 1 + n % 5}, "token": token})[0])
    assert statuses == [201] * 30
    assert Response.objects.filter(survey=survey).count() == 30
    assert sorted(Answer.objects.filter(response__survey=survey).values_list("value", flat=True)) == sorted(
        1 + n % 5 for n in range(30))
    assert Procurement.objects.get(pk=created["id"]).phase == "tendering"

"""The application's log: JSON lines with a request id, nothing personal, and no line at all
for the anonymous answering flow (docs/security.md)."""

import io
import json
import logging
import re

import pytest

from coprocure.ops.logs import JsonFormatter

from ..participation.conftest import make_survey

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


@pytest.fixture
def log_output():
    """What the deployment's console handler on the root logger would print."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logging.getLogger().addHandler(handler)
    yield stream
    logging.getLogger().removeHandler(handler)


@pytest.fixture
def open_survey(official, procurement):
    from coprocure.participation import services

    from ..factories import text

    activity = services.create_activity(official, procurement, {
        "kind": "survey", "phase": "preparation", "title": text("Kysely"), "setting": "online"})
    return make_survey(official, activity)


def test_a_request_set_logs_json_lines_with_ids_and_nothing_personal(client, official, procurement, open_survey,
                                                                      log_output):
    client.get("/", {"q": "matti.meikalainen@example.fi"})
    client.get(f"/procurements/{procurement.pk}/", HTTP_X_REQUEST_ID="lb-4f2a9c")
    client.get("/no-such-page/liisa.virtanen@example.fi/")  # Django warns "Not Found: <path>"
    client.post("/signin/", {"username": official.username, "password": "wrong password"})
    page = client.get(f"/surveys/{open_survey.pk}/")
    token = page.context["form"].initial["token"]
    likert = open_survey.questions.get(kind="likert").key
    answered = client.post(f"/surveys/{open_survey.pk}/", {"token": token, likert: "4"})
    assert answered.status_code == 302, answered.content
    client.post(f"/surveys/{open_survey.pk}/follow-up/", {"email": "anna.asukas@example.fi"})
    client.get(f"/api/v1/surveys/{open_survey.pk}/token")

    output = log_output.getvalue()
    lines = [json.loads(line) for line in output.splitlines()]
    requests = [line for line in lines if line["logger"] == "coprocure.request"]
    assert {line["route"] for line in requests} >= {"/", "/procurements/<int:pk>/", "/signin/", "unmatched"}
    assert all(line["request_id"] and {"time", "level", "method", "status", "duration_ms"} <= set(line)
               for line in requests)
    assert "lb-4f2a9c" in {line["request_id"] for line in requests}
    not_found = [line for line in lines if line["logger"] == "django.request"]
    assert not_found and all(line["request_id"] in {r["request_id"] for r in requests} for line in not_found)
    # Nothing personal, nothing from the query string, and no trace of the answering flow.
    assert not EMAIL.search(output), output
    assert "matti" not in output and "?q=" not in output
    assert "surveys" not in output and "follow-up" not in output, output


def test_the_request_id_is_echoed_honoured_when_valid_and_replaced_when_not(client, db):
    assert client.get("/", HTTP_X_REQUEST_ID="abc-123.def")["X-Request-ID"] == "abc-123.def"
    for forged in ("<script>", "a" * 200, "nimi@example.fi", "two words"):
        echoed = client.get("/", HTTP_X_REQUEST_ID=forged)["X-Request-ID"]
        assert echoed != forged and re.fullmatch(r"[0-9a-f]{32}", echoed)
    first, second = client.get("/")["X-Request-ID"], client.get("/")["X-Request-ID"]
    assert first != second


def test_an_exception_is_logged_by_its_type_and_stack_not_its_message():
    typed = "bad value from liisa.virtanen@example.fi: 040 123 4567"
    try:
        raise ValueError(typed)
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed for %s", ("liisa@example.fi",),
                                   exc_info=__import__("sys").exc_info())
    line = json.loads(JsonFormatter().format(record))
    assert line["exception"] == "ValueError" and "test_logs.py" in line["stack"]
    assert "liisa" not in json.dumps(line) and "040 123" not in json.dumps(line)

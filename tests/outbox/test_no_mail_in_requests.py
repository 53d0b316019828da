"""No e-mail or text message leaves inside a request (issue 20: "a test fails if one is
called during a request"). The mail and SMS backends are watched between Django's
request_started and request_finished signals while staff use the pages and API that used to
send in the request: a new insight and its decision (the followers' fan-out), a development
proposal decided and redacted (its author told), a sign-up naming needs (the organiser told).
The queue is the production one (database backend), so nothing runs before a worker takes it;
afterwards the worker's delivery sends what the requests wrote, outside any request."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.signals import request_finished, request_started
from django_tasks_db.models import DBTaskResult

from coprocure.contracts import services as contracts
from coprocure.followup import services as followup
from coprocure.followup.fanout import tell_followers
from coprocure.outbox import services as outbox
from coprocure.outbox.models import Fanout
from coprocure.outbox.sms import MemoryBackend

from .. import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def in_request(monkeypatch, settings):
    """Fail any send made while a request is being served."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    serving, offences = [], []

    def started(**kwargs):
        serving.append(True)

    def finished(**kwargs):
        serving.clear()

    def watch(send):
        def watched(*args, **kwargs):
            if serving:
                offences.append(args)
            return send(*args, **kwargs)
        return watched

    monkeypatch.setattr(EmailBackend, "send_messages", watch(EmailBackend.send_messages))
    monkeypatch.setattr(MemoryBackend, "send", watch(MemoryBackend.send))
    request_started.connect(started, dispatch_uid="outbox-test-started")
    request_finished.connect(finished, dispatch_uid="outbox-test-finished")
    yield offences
    request_started.disconnect(dispatch_uid="outbox-test-started")
    request_finished.disconnect(dispatch_uid="outbox-test-finished")


def test_pages_and_api_that_cause_messages_send_none_themselves(client, in_request, survey, official, contract):
    followup.follow(survey, "seuraaja@example.fi")
    author = factories.UserFactory(email="kirjoittaja@example.fi")
    proposal = contracts.submit_proposal(contract, {"text": "Ilta-aukiolo. Naapurini Matti juo.",
                                                    "proposer_kind": "service_user"}, author)
    client.force_login(official)
    procurement = survey.activity.procurement
    created = client.post(f"/api/v1/procurements/{procurement.pk}/insights",
                          {"statement": {"fi": "Ilta-aukiolo"}}, content_type="application/json")
    assert created.status_code == 201, created.content
    decided = client.post(f"/api/v1/insights/{created.json()['id']}/decision", {"status": "taken_up"},
                          content_type="application/json")
    assert decided.status_code == 200, decided.content
    for path, body in ((f"/api/v1/proposals/{proposal.pk}/decision", {"status": "under_consideration"}),
                       (f"/api/v1/proposals/{proposal.pk}/redactions", {"passage": "Naapurini Matti juo.",
                                                                         "reason": "health_information"})):
        reply = client.post(path, body, content_type="application/json")
        assert reply.status_code in (200, 201), reply.content
    assert in_request == [] and mail.outbox == []
    assert DBTaskResult.objects.exists()  # the work waits on the queue
    # The worker: the fan-outs write the followers' messages, then delivery sends everything.
    for fanout in Fanout.objects.all():
        tell_followers.call(fanout.pk)
    outbox.deliver_due()
    assert in_request == []
    received = sorted(message.to[0] for message in mail.outbox)
    assert received.count("seuraaja@example.fi") == 2  # the insight and its decision
    assert received.count("kirjoittaja@example.fi") == 2  # the decision and the redaction

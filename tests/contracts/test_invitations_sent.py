"""Invitation codes the platform sends (issue 17): by text message or e-mail through the outbox,
without linking. A code and its recipient exist together only in the outbox message, whose text
is wiped in the transaction that marks it sent; the codes are stored as digests in their own
order. Played as the site administrator afterwards, nothing in the database links an answer
to the person it was sent to."""

import io
import json
import re
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from coprocure.audit.models import AuditEntry
from coprocure.contracts import services
from coprocure.contracts.models import InvitationBatch, InvitationCode
from coprocure.errors import ServiceError
from coprocure.outbox.models import Message, State
from coprocure.outbox.sms import MemoryBackend
from coprocure.participation.models import Response

from . import test_invitations

PHONES = ["040 111 2201", "040-111 2202", "+358 40 111 2203", "(040) 111 2204", "040.111.2205", "040–111 2206"]
EMAILS = [f"asiakas{n}@example.fi" for n in range(5)]
CODE = re.compile(r"\b[A-Z0-9]{5}-[A-Z0-9]{5}\b")

rated = test_invitations.rated  # the indicator whose round takes codes


@pytest.fixture
def received(official, rated, django_capture_on_commit_callbacks):
    """Two batches sent through the outbox; what each recipient's message said."""
    MemoryBackend.sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_codes(official, rated, {"channel": "sms", "recipients": PHONES})
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_codes(official, rated, {"channel": "email", "recipients": EMAILS})
    texts = {to: body for to, body in MemoryBackend.sent}
    texts.update({message.to[0]: message.body for message in mail.outbox})
    return {to: CODE.search(body).group(0) for to, body in texts.items()}


def _rows(sql: str) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def test_each_recipient_gets_one_code_and_the_sent_message_keeps_no_text(received):
    assert len(received) == len(PHONES) + len(EMAILS) == len(set(received.values()))
    assert set(received) == {"0401112201", "0401112202", "+358401112203", "0401112204", "0401112205", "0401112206",
                             *EMAILS}
    sent = Message.objects.filter(cause__startswith="outcome-invitation:")
    assert sent.count() == len(received) and not sent.exclude(state=State.SENT).exists()
    assert not sent.exclude(body="").exists() and not sent.exclude(subject="").exists()
    assert InvitationCode.objects.count() == len(received)
    # The codes are stored as digests in the digests' own order, never in the recipients'.
    for batch in InvitationBatch.objects.all():
        by_key = list(batch.codes.order_by("pk").values_list("digest", flat=True))
        assert by_key == sorted(by_key)


def test_the_administrator_links_no_answer_to_a_recipient(client, received):
    """Every recipient of the text messages answers, some by the page and some by the API; the
    administrator then holds the whole database (a dump and PostgreSQL's hidden columns)."""
    given = {}
    for number, (to, code) in enumerate(received.items()):
        if not to.startswith("0") and not to.startswith("+"):
            continue
        value = 1 + number % 5
        if number % 2:
            sent = client.post("/api/v1/outcome-answers", {"code": code, "value": value}, content_type="application/json")
            assert sent.status_code == 201
        else:
            assert client.post("/outcome-answer/", {"code": code, "value": str(value)}).status_code == 302
        given[to] = value
    assert Response.objects.filter(invited=True).count() == len(PHONES)

    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    everything = dump.getvalue()
    # No code is anywhere: not in a message, the audit trail, an answer or a log of any kind.
    assert not [code for code in received.values() if code in everything or code.lower() in everything]
    # The rows that name recipients hold no code and point to no code; the rows of the codes
    # and answers name no recipient.
    assert not Message.objects.exclude(body="", subject="", headers={}).exists()
    answering = json.dumps([list(Response.objects.values()), list(InvitationCode.objects.values()),
                            list(AuditEntry.objects.values())], default=str)
    assert not [to for to in received if to in answering]
    # Nothing times a code's use: spending one writes every code of its batch again, so the
    # batch's codes share one transaction, and the answers waiting for their batch share the
    # newest answer's transaction and lie in random order.
    sms_batch = InvitationBatch.objects.get(channel="sms")
    assert len({xmin for (xmin,) in _rows(f"SELECT xmin::text FROM contracts_invitationcode "
                                          f"WHERE batch_id = {sms_batch.pk}")}) == 1
    assert len({xmin for (xmin,) in _rows("SELECT xmin::text FROM participation_response WHERE unmixed")}) == 1
    # No table holds a reference to both an answer and a code, a batch or a message.
    references = _rows("""
        SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint WHERE contype = 'f'""")
    answers = {"participation_response", "participation_answer"}
    codes = {"contracts_invitationcode", "contracts_invitationbatch", "contracts_batchuse", "outbox_message"}
    linked = {}
    for table, target in references:
        linked.setdefault(table, set()).add(target)
    assert not [table for table, targets in linked.items() if targets & answers and targets & codes]
    assert not [table for table, targets in linked.items() if table in answers and targets & codes]
    # The figure is what the recipients said.
    assert sorted(Response.objects.filter(invited=True).values_list("answers__value", flat=True)) == sorted(
        given.values())


@pytest.mark.parametrize("data, field, code", [
    ({"channel": "paper", "recipients": PHONES}, "channel", "invitation_send_channel"),
    ({"channel": "sms", "recipients": [*PHONES[:5], "soita minulle"]}, "recipients", "invitation_recipient_invalid"),
    ({"channel": "email", "recipients": PHONES}, "recipients", "invitation_recipient_invalid"),
    ({"channel": "sms", "recipients": PHONES[:4]}, "recipients", "invitation_recipients_few"),
    ({"channel": "sms", "recipients": [PHONES[0]] * 6}, "recipients", "invitation_recipients_few"),
])
def test_bad_recipients_are_refused_and_nothing_is_stored_or_sent(official, rated, data, field, code):
    MemoryBackend.sent.clear()
    audited = AuditEntry.objects.count()
    with pytest.raises(ServiceError) as refused:
        services.issue_codes(official, rated, data)
    assert [problem for problem, _message in refused.value.errors[field]] == [code]
    assert not InvitationBatch.objects.exists() and not InvitationCode.objects.exists()
    assert not Message.objects.exists() and MemoryBackend.sent == [] and AuditEntry.objects.count() == audited


def test_staff_send_codes_on_the_page_and_by_the_api_and_still_print_them(client, official, rated,
                                                                          django_capture_on_commit_callbacks):
    client.force_login(official)
    page = f"/en/indicators/{rated.pk}/invitations/"
    with django_capture_on_commit_callbacks(execute=True):
        shown = client.post(page, {"channel": "email", "recipients": "\n".join(EMAILS)})
    assert shown.status_code == 200
    content = shown.content.decode()
    assert "5 codes were sent" in content and not CODE.search(content)
    assert len(mail.outbox) == 5
    refused = client.post(page, {"channel": "sms", "recipients": "040 111 2201\nsoita"})
    assert refused.status_code == 422 and "soita" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        api = client.post(f"/api/v1/indicators/{rated.pk}/invitations", {"channel": "sms", "recipients": PHONES},
                          content_type="application/json")
    assert api.status_code == 201 and api.json()["codes"] == [] and api.json()["sent"] == len(PHONES)
    assert len(MemoryBackend.sent) >= len(PHONES)
    printed = client.post(f"/api/v1/indicators/{rated.pk}/invitations", {"channel": "paper", "count": 3},
                          content_type="application/json")
    assert printed.status_code == 201 and len(printed.json()["codes"]) == 3 and printed.json()["sent"] == 0
    assert not Message.objects.exclude(body="").exists()


@pytest.mark.django_db(transaction=True)
def test_answers_with_codes_of_one_batch_arriving_together_all_count_and_line_up_with_no_one(official, rated):
    """Spending a code writes its whole batch again and an answer writes the survey's waiting
    answers again: answers arriving at the same moment take turns (on the batch's row and the
    survey's), so none fails on a deadlock and the waiting answers still share one transaction."""
    _batch, given = services.issue_codes(official, rated, {"count": 6, "channel": "paper"})
    start, failures = threading.Barrier(len(given)), []

    def answer(code, value):
        start.wait()
        try:
            services.answer_with_code(code, value)
        except Exception as error:  # a deadlock or a lost update would show here
            failures.append(error)
        finally:
            connection.close()

    clients = [threading.Thread(target=answer, args=(code, 1 + n % 5)) for n, code in enumerate(given)]
    for each in clients:
        each.start()
    for each in clients:
        each.join()
    assert failures == []
    assert InvitationCode.objects.filter(spent=True).count() == len(given)
    assert Response.objects.filter(invited=True, unmixed=True).count() == len(given)
    assert len({xmin for (xmin,) in _rows("SELECT xmin::text FROM participation_response WHERE unmixed")}) == 1

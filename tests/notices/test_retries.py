"""Sending when the notice service is slow or down (issue 22 item 5, bad input): each attempt is
one queued job, a failed attempt queues the next one with a doubling wait up to a maximum
instead of sleeping in a worker, the last one marks the notice failed with the reason staff
see, and sending it again uses its own identifier, so the service never publishes it twice.
The sending task checks the SDK's schematron first and refuses a notice that fails it.

The jobs run through django-tasks' database worker in batch mode (what `coprocure worker`
runs), so these tests commit for real."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from coprocure.audit.models import AuditEntry
from coprocure.notices import services, validation
from coprocure.notices.models import Submission
from coprocure.notices.tasks import send_notice

from .helpers import ready, service_settings

pytestmark = pytest.mark.django_db(transaction=True)
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queue(settings):
    settings.TASKS = DATABASE_QUEUE


def run_worker():
    """Every job that is due now, once, by the database worker."""
    call_command("db_worker", queue_name="*", batch=True, reload=False, startup_delay=False, interval=0,
                 verbosity=0)


def waiting() -> list[float]:
    """Seconds until each queued job may run."""
    now = timezone.now()
    return sorted(round((row.run_after - now).total_seconds()) for row in DBTaskResult.objects.filter(status="READY"))


def time_passes():
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def slow_settings(fake, **overrides):
    return override_settings(COPROCURE_NOTICE_SERVICE=service_settings(
        fake.url, **{"attempts": "4", "backoff": "60", "max_backoff": "100", **overrides}))


def test_a_service_down_then_up_gets_the_notice_once_after_waits_that_double_up_to_the_maximum(
        official, awarded, fake, queue):
    procurement, tender = awarded
    procurement = ready(official, procurement, tender)
    fake.fail_first = 3
    with slow_settings(fake):
        services.submit(official, procurement, "33")
        run_worker()
        submission = Submission.objects.get()
        # One attempt per job: the worker is free again, the next attempt waits in the queue.
        assert (submission.status, submission.attempts, fake.requests) == ("queued", 1, 1)
        assert waiting() == [60]
        assert submission.violations[0]["text"] == "HTTP 503"  # staff see why it waits
        run_worker()
        assert fake.requests == 1  # not due yet: nothing is sent before its time
        time_passes()
        run_worker()
        assert waiting() == [100]  # 120 s, held to the maximum
        time_passes()
        run_worker()
        time_passes()
        run_worker()  # the service is up again
    submission.refresh_from_db()
    assert (submission.status, submission.attempts, submission.violations) == ("accepted", 4, [])
    assert len(fake.published) == 1 and waiting() == []


def test_a_service_that_stays_down_fails_the_notice_with_its_reason_and_it_goes_again_under_its_own_id(
        client, official, awarded, fake, queue):
    procurement, tender = awarded
    procurement = ready(official, procurement, tender)
    fake.fail_first = 2
    with slow_settings(fake, attempts="2"):
        services.submit(official, procurement, "33")
        run_worker()
        time_passes()
        run_worker()
    failed = Submission.objects.get()
    assert (failed.status, failed.attempts, failed.publication_id) == ("failed", 2, "")
    assert fake.published == [] and waiting() == []
    assert AuditEntry.objects.filter(action="notices.failed").count() == 1
    client.force_login(official)
    page = client.get(f"/procurements/{procurement.pk}/notices/").content.decode()
    assert "Lähettäminen ei onnistunut" in page and "HTTP 503" in page
    # Sent again from the page: the same notice identifier, so a notice the service took in
    # before its answer was lost comes back as that one notice.
    with slow_settings(fake, attempts="2"):
        client.post(f"/procurements/{procurement.pk}/notices/send/", {"kind": "33"})
        assert Submission.objects.get().status == "queued"
        run_worker()
        time_passes()
        run_worker()
    again = Submission.objects.get()
    assert (again.pk, again.uuid, again.status) == (failed.pk, failed.uuid, "accepted")
    assert len(fake.published) == 1 and str(failed.uuid).encode() in fake.published[0]
    assert send_notice.call(again.pk) == "gone"  # a stray rerun does nothing


def test_a_slow_answer_is_retried_and_the_service_answers_with_the_first_notice(official, awarded, fake, queue):
    procurement, tender = awarded
    procurement = ready(official, procurement, tender)
    fake.delay_first, fake.delay = 1, 2.0
    with slow_settings(fake, timeout="0.5"):
        services.submit(official, procurement, "33")
        run_worker()
        time_passes()
        run_worker()
    submission = Submission.objects.get()
    assert submission.status == "accepted" and submission.attempts == 2
    assert len(fake.published) == 1 and fake.requests == 2


def test_a_notice_failing_the_schematron_is_refused_before_it_is_sent(client, official, awarded, fake, queue):
    procurement, tender = awarded
    procurement = ready(official, procurement, tender)
    services.submit(official, procurement, "33")
    # A rule only the schematron knows: the XSD takes any notice language code, the rules do not.
    submission = Submission.objects.get()
    broken = bytes(submission.xml).replace(b"<cbc:NoticeLanguageCode>FIN<", b"<cbc:NoticeLanguageCode>XXX<")
    assert validation.xsd_errors(broken) == []
    Submission.objects.filter(pk=submission.pk).update(xml=broken)
    run_worker()
    submission.refresh_from_db()
    assert submission.status == "invalid" and fake.requests == 0 and fake.published == []
    rules = {problem["rule"] for problem in submission.violations}
    assert "BR-BT-00702-0102" in rules  # the notice language's codelist
    client.force_login(official)
    page = client.get(f"/procurements/{procurement.pk}/notices/").content.decode()
    assert "Ei lähetetty: ei täytä eForms-sääntöjä" in page and sorted(rules)[0] in page
    # The kind is free again: the corrected notice is sent.
    services.submit(official, procurement, "33")
    run_worker()
    assert Submission.objects.filter(status="accepted").count() == 1 and len(fake.published) == 1


def test_without_compiled_rules_the_schematron_check_is_left_to_the_service(tmp_path, monkeypatch):
    monkeypatch.setenv("COPROCURE_EFORMS_CACHE", str(tmp_path))
    # E5 is not a subtype CoProcure writes: no runner of this process and no cached stylesheet has it.
    assert validation.schematron_errors(b"<x/>", "E5") is None

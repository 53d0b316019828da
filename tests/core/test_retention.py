"""Retention periods are enforced: `enforce-retention` deletes or anonymises personal data once
its period (settings.COPROCURE_RETENTION_DAYS) has passed, and nothing before. Time travel: the
run is told that it is later than it is."""

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from coprocure.audit.models import AuditEntry
from coprocure.audit.services import verify
from coprocure.core import retention
from coprocure.core import services as core_services
from coprocure.participation import services as participation
from coprocure.participation.models import Answer, Contribution, Registration, Response

from .. import factories
from ..participation.conftest import make_survey

DAY = timedelta(days=1)


@pytest.fixture
def event(official, procurement):
    return participation.create_activity(official, procurement, {
        "kind": "discussion_event", "phase": "preparation", "title": factories.text("Keskustelutilaisuus"),
        "setting": "service_centre", "capacity": 5, "registration": True, "confirmation_hours": 24,
        "starts_at": timezone.now() + 2 * DAY, "ends_at": timezone.now() + 2 * DAY + timedelta(hours=2),
    })


def later(days: int):
    return timezone.now() + days * DAY


def test_needs_told_for_an_activity_are_cleared_a_month_after_it_but_the_registration_stays(event):
    person = factories.UserFactory()
    registration = participation.register(person, event, {"needs": "Tarvitsen induktiosilmukan", "dietary": "vegaani",
                                                           "interpreter": "viittomakieli", "assistance": True})
    assert retention.enforce(later(31))["registration_needs"] == 0  # 29 days after the event: kept
    assert retention.enforce(later(33))["registration_needs"] == 1
    registration = Registration.objects.get(pk=registration.pk)
    assert (registration.needs, registration.dietary, registration.interpreter, registration.assistance) == ("", "", "", False)
    assert registration.participant == person and registration.status == "confirmed"


def test_failed_sign_ins_and_expired_sessions_go(db):
    AccessAttempt.objects.create(username="anna", ip_address="127.0.0.1", user_agent="x", get_data="", post_data="",
                                 failures_since_start=1)
    session = SessionStore()
    session["x"] = 1
    session.set_expiry(60)
    session.create()
    assert retention.enforce(timezone.now())["sessions"] == 0  # still valid
    early = retention.enforce(later(29))
    assert (early["failed_sign_ins"], early["sessions"]) == (0, 1)
    assert retention.enforce(later(31))["failed_sign_ins"] == 1
    assert not AccessAttempt.objects.exists() and not Session.objects.exists()


def test_payroll_rows_are_kept_seven_years(official, procurement, event):
    expert = factories.UserFactory()
    core_services.assign_role(official, procurement, expert, "expert_by_experience")
    participation.record_contribution(official, event, {"person": expert, "hours": Decimal(2), "fee": Decimal(60),
                                                        "travel_cost": Decimal(0)})
    assert retention.enforce(later(6 * 365))["contributions"] == 0
    assert retention.enforce(later(7 * 365 + 3))["contributions"] == 1
    assert not Contribution.objects.exists()


def test_identified_answers_lose_their_name_two_years_after_the_procurement_closed(official, procurement):
    activity = participation.create_activity(official, procurement, {
        "kind": "survey", "phase": "preparation", "title": factories.text("Kysely"), "setting": "online"})
    survey = make_survey(official, activity, mode="identified")
    panel_member = factories.UserFactory()
    likert = survey.questions.get(kind="likert")
    response = participation.submit_response(survey, {likert.key: 4}, participant=panel_member)
    for phase in ("tendering", "contract"):
        core_services.change_phase(official, procurement, phase)
    assert retention.enforce(later(3 * 365))["identified_answers"] == 0  # not closed: the panel's work goes on
    core_services.change_phase(official, procurement, "closed")
    assert retention.enforce(later(700))["identified_answers"] == 0
    assert retention.enforce(later(731))["identified_answers"] == 1
    response = Response.objects.get(pk=response.pk)
    assert response.participant is None and Answer.objects.get(response=response).value == 4


def test_a_run_is_audited_and_a_second_run_changes_nothing(event):
    participation.register(factories.UserFactory(), event, {"needs": "Hiljainen huone"})
    first = retention.enforce(later(40))
    entry = AuditEntry.objects.get(action="retention.enforce")
    assert entry.after["registration_needs"] == 1 == first["registration_needs"] and entry.actor is None
    second = retention.enforce(later(40))
    assert set(second.values()) == {0}
    assert AuditEntry.objects.filter(action="retention.enforce").count() == 1
    assert verify() is None


def test_the_command_for_cron_uses_the_clock(event, capsys):
    participation.register(factories.UserFactory(), event, {"needs": "Pyörätuoliluiska"})
    with mock.patch("coprocure.core.retention.timezone.now", return_value=later(40)):
        call_command("enforce-retention")
    assert "registration_needs: 1" in capsys.readouterr().out
    assert Registration.objects.get().needs == ""

"""Staff who look at people's personal data leave a trace: every page, API answer and export that
shows it writes one "personal data read" audit entry naming who read, what, whose and when."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from coprocure.api.models import ApiToken
from coprocure.audit.models import AuditEntry
from coprocure.audit.services import PERSONAL_DATA_READ, verify
from coprocure.core import services as core_services
from coprocure.participation import services

from .. import factories


@pytest.fixture
def staff(official, procurement, staff):
    """The procurement's own staff member, who may see its rosters and pay."""
    core_services.assign_role(official, procurement, staff, "staff")
    return staff


@pytest.fixture
def event(official, procurement):
    activity = services.create_activity(official, procurement, {
        "kind": "discussion_event", "phase": "preparation", "title": factories.text("Keskustelutilaisuus"),
        "setting": "service_centre", "capacity": 5, "registration": True, "confirmation_hours": 24,
        "starts_at": timezone.now() + timedelta(days=10),
    })
    return activity


@pytest.fixture
def anna(event):
    person = factories.UserFactory(first_name="Anna", last_name="Osallistuja")
    services.register(person, event, {"needs": "Tarvitsen pyörätuoliluiskan", "dietary": "gluteeniton"})
    return person


@pytest.fixture
def expert(official, procurement, event):
    person = factories.UserFactory(first_name="Kaisa", last_name="Kokemus")
    core_services.assign_role(official, procurement, person, "expert_by_experience")
    services.record_contribution(official, event, {"person": person, "hours": Decimal(2), "fee": Decimal(60),
                                                   "travel_cost": Decimal(0)})
    return person


def reads():
    return list(AuditEntry.objects.filter(action=PERSONAL_DATA_READ).order_by("sequence"))


def assert_one_read(reader, what, obj, people):
    entries = reads()
    assert len(entries) == 1, [e.after for e in entries]
    entry = entries[0]
    assert entry.actor_id == (reader.pk if reader else None)
    assert entry.after == {"what": what, "whose": sorted(f"user:{p.pk}" for p in people)}
    assert (entry.object_type, entry.object_id) == (obj._meta.label_lower, str(obj.pk))
    assert timezone.now() - entry.at < timedelta(minutes=1)
    # Names and needs never go into the trail itself: it must not become a copy of the data.
    assert "Osallistuja" not in json.dumps(entry.after) and "Kokemus" not in json.dumps(entry.after)
    assert verify() is None


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user, 'test')[1]}"}


def test_the_roster_page_records_whose_registrations_staff_saw(client, staff, event, anna):
    client.force_login(staff)
    page = client.get(f"/activities/{event.pk}/roster/")
    assert "Tarvitsen pyörätuoliluiskan" in page.content.decode()
    assert_one_read(staff, "activity_roster", event, [anna])


def test_the_roster_api_records_the_read(client, staff, event, anna):
    assert client.get(f"/api/v1/activities/{event.pk}/roster", **bearer(staff)).status_code == 200
    assert_one_read(staff, "activity_roster", event, [anna])


def test_the_contributions_page_records_whose_pay_staff_saw(client, staff, event, expert):
    client.force_login(staff)
    assert "Kokemus" in client.get(f"/activities/{event.pk}/contributions/").content.decode()
    assert_one_read(staff, "contributions", event, [expert])


def test_the_contributions_api_records_the_read(client, staff, procurement, expert):
    assert client.get(f"/api/v1/procurements/{procurement.pk}/contributions", **bearer(staff)).status_code == 200
    assert_one_read(staff, "contributions", procurement, [expert])


def test_the_payroll_export_records_the_read_on_the_page_and_in_the_api(client, staff, procurement, expert):
    client.force_login(staff)
    assert "Kokemus" in client.get(f"/procurements/{procurement.pk}/participation/payroll.csv").content.decode("utf-8-sig")
    assert_one_read(staff, "payroll", procurement, [expert])
    response = client.get(f"/api/v1/procurements/{procurement.pk}/participation/payroll.csv", **bearer(staff))
    assert response.status_code == 200 and len(reads()) == 2 and reads()[1].after["what"] == "payroll"


def test_export_person_records_whose_data_was_exported(capsys, official):
    call_command("export-person", official.username)
    assert json.loads(capsys.readouterr().out)["profile"]["username"] == official.username
    assert_one_read(None, "export_person", official, [official])


def test_an_administrator_opening_a_person_in_the_admin_is_recorded(client, official):
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(f"/admin/core/user/{official.pk}/change/").status_code == 200
    assert_one_read(admin, "admin_person", official, [official])


def test_refused_reads_record_nothing(client, event, anna):
    outsider = factories.UserFactory()
    client.force_login(outsider)
    assert client.get(f"/activities/{event.pk}/roster/").status_code in {403, 404}
    assert reads() == []

"""Attendance at the door: the activity's signed, expiring QR code, a person's own code, audit."""

import json
from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from coprocure.audit.models import AuditEntry
from coprocure.participation import codes, services

from .. import factories


@pytest.fixture
def event(official, procurement):
    return services.create_activity(official, procurement, {
        "kind": "discussion_event", "phase": "preparation", "title": factories.text("Keskustelutilaisuus"),
        "setting": "service_centre", "capacity": 1, "registration": True,
        "starts_at": timezone.now() + timedelta(days=3), "ends_at": timezone.now() + timedelta(days=3, hours=2),
    })


def post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def test_a_participant_scans_the_door_code_and_is_marked_present_once_pressed(client, official, event):
    person = factories.UserFactory()
    registration = services.register(person, event, {})
    code, until = codes.activity_code(event)
    assert until == event.ends_at + timedelta(hours=2)
    client.force_login(official)
    door = client.get(f"/activities/{event.pk}/door/")
    assert door.status_code == 200 and 'src="data:image/svg+xml' in door.content.decode()
    client.force_login(person)
    link = f"/activities/{event.pk}/check-in/{code}/"
    page = client.get(link)
    assert page.status_code == 200
    registration.refresh_from_db()
    assert registration.attended is None  # opening the link (or a link preview) marks nobody
    assert client.post(link).status_code == 302
    registration.refresh_from_db()
    assert registration.attended is True
    entry = AuditEntry.objects.get(action="participation.attendance_check_in")
    assert entry.actor_id == person.pk and entry.after == {"attended": True, "via": "activity_code"}


def test_forged_foreign_and_expired_codes_are_refused_clearly(client, official, event, procurement):
    person = factories.UserFactory()
    registration = services.register(person, event, {})
    other = services.create_activity(official, procurement, {
        "kind": "seminar", "phase": "preparation", "title": factories.text("Seminaari"), "setting": "online",
        "registration": True})
    client.force_login(person)
    forged = signing.dumps({"a": event.pk, "u": 4102444800}, salt="joku-muu")
    foreign, _until = codes.activity_code(other)
    for code in (forged, foreign, "roskaa"):
        response = post(client, f"/api/v1/activities/{event.pk}/check-in", {"code": code})
        assert response.status_code == 400
        assert response.json()["errors"][0]["code"] == "attendance_code_invalid"
        assert client.get(f"/activities/{event.pk}/check-in/{code}/").status_code == 400
    expired = signing.dumps({"a": event.pk, "u": int((timezone.now() - timedelta(minutes=1)).timestamp())},
                            salt=codes.ACTIVITY_SALT)
    response = post(client, f"/api/v1/activities/{event.pk}/check-in", {"code": expired})
    assert response.status_code == 410 and response.json()["errors"][0]["code"] == "attendance_code_expired"
    page = client.post(f"/activities/{event.pk}/check-in/{expired}/")
    assert page.status_code == 410 and "Koodi on vanhentunut" in page.content.decode()
    registration.refresh_from_db()
    assert registration.attended is None
    assert not AuditEntry.objects.filter(action="participation.attendance_check_in").exists()


def test_someone_without_a_confirmed_place_cannot_check_in(client, event):
    holder, waiting, stranger = factories.UserFactory(), factories.UserFactory(), factories.UserFactory()
    services.register(holder, event, {})
    services.register(waiting, event, {})
    code, _until = codes.activity_code(event)
    for person in (waiting, stranger):
        client.force_login(person)
        response = post(client, f"/api/v1/activities/{event.pk}/check-in", {"code": code})
        assert response.status_code == 409 and response.json()["errors"][0]["code"] == "attendance_not_registered"


def test_staff_at_the_door_enter_or_scan_a_persons_own_code(client, official, event):
    person = factories.UserFactory()
    registration = services.register(person, event, {})
    client.force_login(person)
    own = client.get(f"/activities/{event.pk}/register/")
    door_code = codes.registration_code(registration)
    assert door_code in own.content.decode() and own.context["door_qr"].startswith("data:image/svg+xml")
    assert client.get(f"/api/v1/activities/{event.pk}/attendance-code").status_code == 403
    client.force_login(official)
    # The person's QR code opens the door page with their code filled in.
    assert client.get(f"/activities/{event.pk}/door/?code={door_code}").context["form"].initial["code"] == door_code
    wrong = client.post(f"/activities/{event.pk}/door/", {"code": f"{registration.pk}-00000000"})
    assert wrong.status_code == 400 and "Koodi ei kelpaa" in wrong.content.decode()
    assert client.post(f"/activities/{event.pk}/door/", {"code": door_code.lower()}).status_code == 302
    registration.refresh_from_db()
    assert registration.attended is True
    api = post(client, f"/api/v1/activities/{event.pk}/check-in/registration", {"code": door_code})
    assert api.status_code == 200 and api.json()["attended"] is True
    assert list(AuditEntry.objects.filter(action="participation.attendance_check_in").values_list("actor_id", flat=True)) == [
        official.pk, official.pk]
    issued = client.get(f"/api/v1/activities/{event.pk}/attendance-code").json()
    assert issued["url"].endswith(f"/activities/{event.pk}/check-in/{issued['code']}/")

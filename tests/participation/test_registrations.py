from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from coprocure.audit.models import AuditEntry
from coprocure.errors import ServiceError
from coprocure.participation import services
from coprocure.participation.models import Registration

from .. import factories


@pytest.fixture
def event(official, procurement):
    return services.create_activity(official, procurement, {
        "kind": "discussion_event", "phase": "preparation", "title": factories.text("Keskustelutilaisuus"),
        "setting": "service_centre", "capacity": 2, "registration": True, "confirmation_hours": 24,
        "starts_at": timezone.now() + timedelta(days=10),
    })


def people(n):
    return [factories.UserFactory() for _ in range(n)]


def status(registration):
    registration.refresh_from_db()
    return registration.status


def test_full_event_puts_people_on_a_waiting_list_and_a_cancellation_offers_the_place(event):
    anna, bertta, cecilia, daniel = people(4)
    first = services.register(anna, event, {"needs": "Soita 040 123 4567 jos myöhästyn", "dietary": "gluteeniton"})
    second = services.register(bertta, event, {})
    third = services.register(cecilia, event, {"interpreter": "viittomakieli"})
    fourth = services.register(daniel, event, {})
    assert [first.status, second.status, third.status, fourth.status] == ["confirmed", "confirmed", "waiting", "waiting"]
    assert first.needs == "Soita [puhelinnumero poistettu] jos myöhästyn"
    services.cancel_registration(bertta, second)
    assert status(third) == "offered" and status(fourth) == "waiting"
    third.refresh_from_db()
    assert timedelta(hours=23) < third.offer_expires_at - timezone.now() <= timedelta(hours=24)
    services.confirm_registration(cecilia, third)
    assert status(third) == "confirmed"
    assert AuditEntry.objects.filter(action="participation.registration_offered").exists()


def test_an_offer_that_runs_out_goes_to_the_next_person_and_late_confirmation_is_refused(event):
    anna, bertta, cecilia, daniel = people(4)
    first = services.register(anna, event, {})
    services.register(bertta, event, {})
    third = services.register(cecilia, event, {})
    fourth = services.register(daniel, event, {})
    services.cancel_registration(anna, first)
    Registration.objects.filter(pk=third.pk).update(offer_expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ServiceError) as late:
        services.confirm_registration(cecilia, third)
    assert late.value.status == 409 and "registration_offer_expired" in str(late.value.errors)
    assert status(third) == "expired" and status(fourth) == "offered"


def test_the_command_passes_on_offers_that_ran_out(event):
    anna, bertta, cecilia, daniel = people(4)
    first = services.register(anna, event, {})
    services.register(bertta, event, {})
    third = services.register(cecilia, event, {})
    fourth = services.register(daniel, event, {})
    services.cancel_registration(anna, first)
    Registration.objects.filter(pk=third.pk).update(offer_expires_at=timezone.now() - timedelta(seconds=1))
    call_command("settle_waiting_lists", stdout=open("/dev/null", "w"))
    assert status(third) == "expired" and status(fourth) == "offered"


def test_bad_sign_ups_are_refused_and_nothing_is_stored(official, procurement, event):
    anna = people(1)[0]
    services.register(anna, event, {})
    with pytest.raises(ServiceError) as twice:
        services.register(anna, event, {})
    assert twice.value.status == 409
    no_signup = services.create_activity(official, procurement, {
        "kind": "seminar", "phase": "preparation", "title": factories.text("Seminaari")})
    with pytest.raises(ServiceError):
        services.register(anna, no_signup, {})
    with pytest.raises(ServiceError) as unknown:
        services.register(people(1)[0], event, {"target_group": "martians"})
    assert "target_group" in unknown.value.errors
    assert Registration.objects.count() == 1


def test_more_places_go_to_the_waiting_list_at_once(official, event):
    anna, bertta, cecilia = people(3)
    for person in (anna, bertta):
        services.register(person, event, {})
    third = services.register(cecilia, event, {})
    services.update_activity(official, event, {"capacity": 3})
    assert status(third) == "offered"


def test_roster_shows_needs_and_attendance_counts_in_the_equality_monitor(client, official, procurement, event,
                                                                          reference_data):
    group = people(6)
    registrations = [services.register(person, event, {"target_group": "older_people", "dietary": "kasvis"})
                     for person in group]
    services.update_activity(official, event, {"capacity": 6})
    for person, registration in zip(group, registrations):
        if status(registration) == "offered":
            services.confirm_registration(person, registration)
    client.force_login(official)
    page = client.get(f"/en/activities/{event.pk}/roster/")
    assert page.status_code == 200 and "kasvis" in page.content.decode()
    saved = client.post(f"/activities/{event.pk}/roster/", {"attended": [r.pk for r in registrations[:5]]})
    assert saved.status_code == 302
    assert Registration.objects.filter(attended=True).count() == 5
    refused = client.post(f"/activities/{event.pk}/roster/", {"attended": ["999999"]})
    assert refused.status_code == 422
    monitor = client.get(f"/procurements/{procurement.pk}/participation/equality/").context["monitor"]
    groups = {row["code"]: row["participants"] for row in monitor["overall"]["groups"]}
    assert groups["older_people"] == 5
    client.force_login(group[0])
    assert client.get(f"/activities/{event.pk}/roster/").status_code == 403


def test_registration_api_round_trip(client, official, event):
    import json

    def post(path, payload=None):
        return client.post(path, json.dumps(payload or {}), content_type="application/json")

    anna, bertta, cecilia = people(3)
    for person in (anna, bertta):
        services.register(person, event, {})
    assert post(f"/api/v1/activities/{event.pk}/registrations").status_code == 401
    client.force_login(cecilia)
    bad = post(f"/api/v1/activities/{event.pk}/registrations", {"age_band": "ancient"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "age_band"
    waiting = post(f"/api/v1/activities/{event.pk}/registrations", {"needs": "Tarvitsen hiljaisen huoneen"})
    assert waiting.status_code == 201 and waiting.json()["status"] == "waiting"
    assert waiting.json()["waiting_position"] == 1
    registration_id = waiting.json()["id"]
    assert post(f"/api/v1/registrations/{registration_id}/confirm").status_code == 409
    client.force_login(anna)
    assert post(f"/api/v1/registrations/{registration_id}/cancel").status_code == 404
    services.cancel_registration(anna, Registration.objects.get(participant=anna))
    client.force_login(cecilia)
    confirmed = post(f"/api/v1/registrations/{registration_id}/confirm")
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    assert client.get(f"/api/v1/activities/{event.pk}/roster").status_code == 403
    client.force_login(official)
    roster = client.get(f"/api/v1/activities/{event.pk}/roster").json()
    assert {entry["needs"] for entry in roster} >= {"Tarvitsen hiljaisen huoneen"}
    marked = post(f"/api/v1/activities/{event.pk}/attendance", {"attended": [registration_id]})
    assert marked.status_code == 200
    assert {entry["id"]: entry["attended"] for entry in marked.json()}[registration_id] is True

"""The draw as a job staff follow to its result, deputies drawn from the reserve within the
quotas, and a member's own page: what is coming and what became of the panel's proposals."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from coprocure.audit.models import AuditEntry
from coprocure.errors import ServiceError
from coprocure.ops.models import Job
from coprocure.panels import services
from coprocure.panels.models import Draw, Membership
from coprocure.participation import services as participation
from coprocure.participation.models import Insight

from ..factories import UserFactory, text
from .conftest import fill

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def results_under_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def test_staff_start_the_draw_as_a_job_follow_it_and_see_the_result(client, official, panel, tmp_path,
                                                                      django_capture_on_commit_callbacks):
    fill(panel)
    draw = services.commit_seed(official, panel)
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(reverse("panel_make_draw", args=[draw.pk]))
    assert started.status_code == 302 and started["Location"] == reverse("panel_draw", args=[draw.pk])
    draw.refresh_from_db()
    assert draw.is_done and draw.job.state == Job.State.DONE and draw.job.owner == official
    assert AuditEntry.objects.filter(action="panels.draw_started", object_id=str(draw.pk)).exists()

    # The result page, for anyone who may see the panel: seed, lowest chance, file; no name.
    client.logout()
    page = client.get(started["Location"]).content.decode()
    assert draw.seed in page and draw.minimum_probability in page and "Vapaaehtoinen" not in page
    assert client.get(f"/api/v1/draws/{draw.pk}").json()["state"] == "drawn"
    # The job's result is the verification file, and it recomputes.
    client.force_login(official)
    job = client.get(f"/api/v1/jobs/{draw.job.pk}").json()
    assert job["state"] == "done" and job["done"] == job["total"] == 3
    published = tmp_path / "file.json"
    published.write_bytes(b"".join(client.get(job["download_url"]).streaming_content))
    assert published.read_text(encoding="utf-8") == draw.verification_file
    call_command("recompute-draw", str(published))

    # The same seed again, by page or API: refused, recorded, nothing new stored or queued.
    jobs = Job.objects.count()
    again = client.post(reverse("panel_make_draw", args=[draw.pk]), follow=True)
    assert "Tätä siemenlukua on jo käytetty" in again.content.decode()
    assert client.post(f"/api/v1/draws/{draw.pk}/run").status_code == 409
    assert AuditEntry.objects.filter(action="panels.draw_repeat_refused", object_id=str(draw.pk)).count() == 2
    assert Job.objects.count() == jobs and Membership.objects.filter(panel=panel).count() == 6


def test_the_api_starts_the_job_and_refuses_quotas_the_volunteers_cannot_meet_at_once(client, official, panel,
                                                                                       django_capture_on_commit_callbacks):
    fill(panel, count=7)
    draw = services.commit_seed(official, panel)
    services.set_quotas(official, panel, {"area": {"Keskusta": [5, 6], "Pohjoinen": [0, 1]}}, "Testi")
    client.force_login(official)
    refused = client.post(f"/api/v1/draws/{draw.pk}/run")
    assert refused.status_code == 422 and "Keskusta" in refused.json()["errors"][0]["message"]
    assert not Job.objects.exists() and not Membership.objects.exists()
    state = client.get(f"/api/v1/draws/{draw.pk}").json()
    assert state["state"] == "failed" and "Keskusta" in state["failure"] and state["seed"] is None

    services.set_quotas(official, panel, {"area": {"Keskusta": [3, 3], "Pohjoinen": [3, 3]}}, "Testi")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        started = client.post(f"/api/v1/draws/{draw.pk}/run")
    assert started.status_code == 202 and started.json()["state"] == "queued"
    # Started twice before the worker has run it: one job only.
    assert client.post(f"/api/v1/draws/{draw.pk}/run").status_code == 409
    assert client.get(f"/api/v1/draws/{draw.pk}").json()["state"] == "running"
    for callback in queued:
        callback()
    body = client.get(f"/api/v1/draws/{draw.pk}").json()
    assert body["state"] == "drawn" and body["failure"] == "" and body["seed"]


def test_quotas_the_solver_finds_impossible_fail_the_job_with_the_reason_and_store_nothing(
        client, official, panel, django_capture_on_commit_callbacks):
    # Each category can be met alone, but every 18–29-year-old lives in Keskusta, which has 3 seats.
    for number in range(12):
        young = number < 5
        services.volunteer(panel, {"name": f"V{number}", "contact": f"v{number}@example.org",
                                   "age_band": "18_29" if young else "30_64",
                                   "area": "Keskusta" if young or number % 2 else "Pohjoinen"})
    services.set_quotas(official, panel, {"age_band": {"18_29": [4, 4], "30_64": [2, 2]},
                                          "area": {"Keskusta": [3, 3], "Pohjoinen": [3, 3]}}, "Testi")
    draw = services.commit_seed(official, panel)
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/api/v1/draws/{draw.pk}/run").status_code == 202
    draw.refresh_from_db()
    assert draw.job.state == Job.State.FAILED and not draw.is_done and draw.verification_file == ""
    assert not Membership.objects.exists()
    page = client.get(reverse("panel_draw", args=[draw.pk])).content.decode()
    assert "Mitään ei arvottu." in page and "täyttäisi kaikki kiintiöt yhtä aikaa" in page


def test_deputies_are_drawn_from_the_reserve_within_scaled_quotas(client, official, panel, tmp_path):
    panel = services.update_panel(official, panel, {"term_starts": panel.term_starts, "term_ends": panel.term_ends,
                                                    "deputies": 2})
    fill(panel)
    with pytest.raises(ServiceError):
        services.add_person(official, panel, UserFactory(), "deputy")
    members = services.make_draw(official, services.commit_seed(official, panel))
    deputies = services.make_draw(official, services.commit_seed(official, panel, deputies=True))
    assert deputies.kind == "deputies" and deputies.seats == 2
    seats = Membership.objects.filter(draw=deputies).select_related("volunteer__background")
    assert [seat.role for seat in seats] == ["deputy", "deputy"]
    drawn_as_members = set(Membership.objects.filter(draw=members).values_list("volunteer__code", flat=True))
    assert not drawn_as_members & {seat.volunteer.code for seat in seats}
    # Three of six seats in each area, scaled to two deputies: one from each.
    assert sorted(seat.volunteer.background.area for seat in seats) == ["Keskusta", "Pohjoinen"]
    body = json.loads(deputies.verification_file)
    assert body["quotas"]["area"] == {"Keskusta": [1, 1], "Pohjoinen": [1, 1]}
    published = tmp_path / "deputies.json"
    published.write_text(deputies.verification_file, encoding="utf-8")
    call_command("recompute-draw", str(published))
    # Both deputies' seats are full: another draw of deputies has nothing to fill, and is stored nowhere.
    with pytest.raises(ServiceError) as nothing:
        services.make_draw(official, services.commit_seed(official, panel, deputies=True))
    assert "draw_nothing_to_fill" in str(nothing.value.errors)
    # A panel without deputies' seats takes no seed for them.
    panel = services.update_panel(official, panel, {"term_starts": panel.term_starts, "term_ends": panel.term_ends,
                                                    "deputies": 0})
    Draw.objects.filter(panel=panel, drawn_at__isnull=True).delete()
    with pytest.raises(ServiceError):
        services.commit_seed(official, panel, deputies=True)


@pytest.fixture
def member_world(client, official, procurement, panel):
    """Six volunteers who meet the quotas exactly, so all six are drawn; the first volunteered
    signed in. A coming meeting and an insight from it with its status."""
    member = UserFactory(username="jasen")
    meeting = participation.create_activity(official, procurement, {
        "kind": "resident_panel", "phase": procurement.phase, "title": text("Raadin kokous"),
        "description": text("Kokous"), "starts_at": timezone.now() + timedelta(days=7),
        "ends_at": timezone.now() + timedelta(days=7, hours=2), "place": "Kirjasto", "registration": True})
    services.update_panel(official, panel, {"term_starts": panel.term_starts, "term_ends": panel.term_ends,
                                            "meetings": [meeting.pk]})
    client.force_login(member)
    people = [("18_29", "Keskusta"), ("30_64", "Keskusta"), ("65_74", "Keskusta"),
              ("30_64", "Pohjoinen"), ("30_64", "Pohjoinen"), ("65_74", "Pohjoinen")]
    for number, (age, area) in enumerate(people):
        if number == 1:
            client.logout()
        response = client.post(reverse("panel_volunteer", args=[panel.pk]), {
            "name": f"Jäsen {number}", "contact": f"j{number}@example.org", "age_band": age, "area": area,
            "consent": "on"})
        assert response.status_code == 302
    services.make_draw(official, services.commit_seed(official, panel))
    Insight.objects.create(procurement=procurement, statement=text("Kotihoidon käynnit liian lyhyitä"),
                           activity=meeting, status="taken_up", status_reason=text("Käyntiaikaa pidennettiin"))
    return member, meeting


def test_a_member_sees_what_is_coming_and_what_became_of_the_proposals(client, panel, member_world):
    member, meeting = member_world
    seat = Membership.objects.get(person=member)
    assert seat.role == "member" and seat.volunteer.name == "Jäsen 0"
    client.force_login(member)
    mine = client.get("/my/participation/").content.decode()
    assert reverse("panel_member", args=[panel.pk]) in mine
    page = client.get(reverse("panel_member", args=[panel.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Raadin kokous" in body and reverse("activity_register", args=[meeting.pk]) in body
    assert "Kotihoidon käynnit liian lyhyitä" in body and "Käyntiaikaa pidennettiin" in body
    # Nobody's name or background is there, the member's own included.
    assert "Jäsen 1" not in body and "Pohjoinen" not in body and "18–29" not in body
    api = client.get(f"/api/v1/panels/{panel.pk}/member").json()
    assert api["meetings"][0]["page"] == reverse("activity_register", args=[meeting.pk])
    assert api["proposals"][0]["status"] == "taken_up" and "background" not in json.dumps(api)
    assert reverse("panel_member", args=[panel.pk]) in client.get(reverse("panel", args=[panel.pk])).content.decode()


def test_nobody_without_a_seat_reaches_a_members_page(client, official, panel, member_world):
    for person in (UserFactory(), official):
        client.force_login(person)
        assert client.get(reverse("panel_member", args=[panel.pk])).status_code == 404
        assert client.get(f"/api/v1/panels/{panel.pk}/member").status_code == 404
    client.logout()
    assert client.get(reverse("panel_member", args=[panel.pk])).status_code == 302
    assert client.get(f"/api/v1/panels/{panel.pk}/member").status_code == 401


def test_staff_commit_a_seed_for_deputies_on_the_page_only_when_the_panel_has_their_seats(client, official, panel):
    client.force_login(official)
    url = reverse("panel_commit_seed", args=[panel.pk])
    refused = client.post(url, {"for": "deputies"}, follow=True)
    assert "Raadilla ei ole varajäsenten paikkoja" in refused.content.decode() and not panel.draws.exists()
    services.update_panel(official, panel, {"term_starts": panel.term_starts, "term_ends": panel.term_ends,
                                            "deputies": 2})
    page = client.get(reverse("panel", args=[panel.pk])).content.decode()
    assert 'name="for" value="deputies"' in page
    client.post(url, {"for": "deputies"})
    assert panel.draws.get().kind == "deputies"
    # A support person is named by hand; the page offers no way to name a deputy.
    form = client.get(reverse("panel_volunteers", args=[panel.pk])).context["seat_form"]
    assert [value for value, _label in form.fields["role"].choices] == ["support"]

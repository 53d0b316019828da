"""Volunteering without an account, the staff's pages and API, and who sees what: nobody but
the procurement's staff can put a volunteer's name beside their background."""

import pytest
from django.urls import reverse

from coprocure.audit.models import AuditEntry
from coprocure.panels import services
from coprocure.panels.models import Volunteer, VolunteerBackground

from ..factories import UserFactory
from .conftest import fill

pytestmark = pytest.mark.django_db

SECRET_NAME = "Salainen Sirkka"


def test_anyone_volunteers_without_an_account_and_only_what_the_selection_needs_is_asked(client, panel):
    url = reverse("panel_volunteer", args=[panel.pk])
    page = client.get(url)
    assert page.status_code == 200
    fields = page.context["form"].fields
    assert set(fields) == {"name", "contact", "age_band", "area", "consent"}

    missing = client.post(url, {"name": "Sirkka", "contact": "040 123 4567"})
    assert missing.status_code == 422 and Volunteer.objects.count() == 0
    assert "arvonta tarvitsee suostumuksesi" in missing.content.decode().lower()

    done = client.post(url, {"name": "Sirkka", "contact": "040 123 4567", "age_band": "65_74", "area": "Pohjoinen",
                             "consent": "on"})
    assert done.status_code == 302
    person = Volunteer.objects.get()
    assert person.code == "V001" and person.background.area == "Pohjoinen" and person.entered_by is None

    wrong_area = client.post(url, {"name": "X", "contact": "x@example.org", "area": "Tampere", "consent": "on"})
    assert wrong_area.status_code == 422


def test_a_closed_call_takes_no_volunteers(client, official, panel):
    services.set_call(official, panel, False)
    response = client.post(reverse("panel_volunteer", args=[panel.pk]),
                           {"name": "A", "contact": "a@example.org", "consent": "on"})
    assert response.status_code == 422 and Volunteer.objects.count() == 0
    api = client.post(f"/api/v1/panels/{panel.pk}/volunteers", {"name": "A", "contact": "a@example.org", "consent": True},
                      content_type="application/json")
    assert api.status_code == 409


def test_the_api_takes_a_volunteer_and_refuses_one_without_consent(client, panel):
    url = f"/api/v1/panels/{panel.pk}/volunteers"
    refused = client.post(url, {"name": "A", "contact": "a@example.org", "consent": False}, content_type="application/json")
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "consent"
    made = client.post(url, {"name": "A", "contact": "a@example.org", "consent": True, "area": "Keskusta"},
                       content_type="application/json")
    assert made.status_code == 201 and made.json() == {"code": "V001"}


def test_volunteers_names_and_backgrounds_are_for_the_procurements_staff_alone(client, official, staff, procurement, panel):
    services.volunteer(panel, {"name": SECRET_NAME, "contact": "sirkka@example.org", "age_band": "18_29", "area": "Keskusta"})
    public_pages = [reverse("panel", args=[panel.pk]), reverse("procurement_panels", args=[procurement.pk]),
                    f"/api/v1/panels/{panel.pk}", f"/api/v1/procurements/{procurement.pk}/panels"]
    peer = UserFactory()
    procurement.roles.create(user=peer, role="peer")
    outsider = UserFactory()
    for user in (None, peer, outsider):
        client.logout()
        if user:
            client.force_login(user)
        for url in public_pages:
            response = client.get(url)
            assert response.status_code == 200 and SECRET_NAME not in response.content.decode(), (user, url)
        assert client.get(reverse("panel_volunteers", args=[panel.pk])).status_code in (302, 404)
        assert client.get(f"/api/v1/panels/{panel.pk}/volunteers").status_code in (401, 404)

    client.force_login(official)
    page = client.get(reverse("panel_volunteers", args=[panel.pk]))
    assert page.status_code == 200 and SECRET_NAME in page.content.decode()
    api = client.get(f"/api/v1/panels/{panel.pk}/volunteers")
    assert api.json()["volunteers"][0]["background"]["age_band"] == "18_29"
    assert AuditEntry.objects.filter(action="personal_data.read", actor=official).count() == 2


def test_an_outreach_partner_enters_a_paper_form_but_cannot_read_the_list(client, procurement, panel):
    peer = UserFactory()
    procurement.roles.create(user=peer, role="peer")
    client.force_login(peer)
    response = client.post(reverse("panel_paper_volunteer", args=[panel.pk]), {
        "name": "Paperilta", "contact": "044 555 6666", "age_band": "30_64", "area": "Keskusta", "consent": "on"})
    assert response.status_code == 302
    assert Volunteer.objects.get().entered_by == peer
    assert client.get(reverse("panel_volunteers", args=[panel.pk])).status_code == 404


def test_staff_of_another_procurement_cannot_run_this_panels_draw(client, authority, panel):
    other = UserFactory(organisation=authority, position="official")
    client.force_login(other)
    assert client.post(f"/api/v1/panels/{panel.pk}/draws").status_code == 403
    assert client.post(reverse("panel_commit_seed", args=[panel.pk])).status_code == 403
    assert not panel.draws.exists()


def test_the_public_page_shows_composition_with_small_groups_hidden_and_the_draw(client, official, panel):
    fill(panel)
    draw = services.make_draw(official, services.commit_seed(official, panel))
    page = client.get(reverse("panel", args=[panel.pk])).content.decode()
    assert draw.seed_commitment in page and draw.seed in page and draw.minimum_probability in page
    body = client.get(f"/api/v1/panels/{panel.pk}").json()
    areas = next(c for c in body["composition"] if c["category"] == "area")["rows"]
    # 3 + 3 members with k = 5: both counts are under k, so both are hidden.
    assert [row["members"] for row in areas] == [None, None]
    assert body["draws"][0]["seed"] == draw.seed
    file = client.get(reverse("panel_draw_file", args=[draw.pk]))
    assert file.status_code == 200 and "Vapaaehtoinen" not in file.content.decode()


def test_staff_name_a_support_person_end_a_seat_and_record_a_withdrawal_through_the_api(client, official, panel):
    support = UserFactory(username="tukihenkilo")
    person = services.volunteer(panel, {"name": SECRET_NAME, "contact": "s@example.org", "age_band": "18_29"})
    client.force_login(official)
    unknown = client.post(f"/api/v1/panels/{panel.pk}/seats", {"username": "eiole", "role": "support"},
                          content_type="application/json")
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "username"
    # Deputies are drawn from the reserve: naming one by hand is refused and stores nothing.
    deputy = client.post(f"/api/v1/panels/{panel.pk}/seats", {"username": "tukihenkilo", "role": "deputy"},
                         content_type="application/json")
    assert deputy.status_code == 422 and deputy.json()["errors"][0]["field"] == "role"
    assert not panel.memberships.exists()
    seat = client.post(f"/api/v1/panels/{panel.pk}/seats", {"username": "tukihenkilo", "role": "support"},
                       content_type="application/json")
    assert seat.status_code == 201 and seat.json()["role"] == "support"
    assert panel.memberships.get().person == support
    url = f"/api/v1/panel-seats/{seat.json()['id']}/end"
    assert client.post(url, {"reason": "Muutti pois"}, content_type="application/json").json()["ended_at"]
    assert client.post(url, {"reason": "Uudelleen"}, content_type="application/json").status_code == 409
    withdrawn = client.post(f"/api/v1/panel-volunteers/{person.pk}/withdraw")
    assert withdrawn.status_code == 200
    person.refresh_from_db()
    assert person.withdrawn_at is not None and not VolunteerBackground.objects.filter(volunteer=person).exists()

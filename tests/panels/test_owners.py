"""A panel belongs to a procurement, a contract or an authority, exactly one; who sees and runs
it follows that owner, on the pages and in the API."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from coprocure.panels import services
from coprocure.panels.models import Panel

from ..contracts.conftest import contract, provider  # noqa: F401 (fixtures)
from ..factories import AuthorityFactory, UserFactory, text

pytestmark = pytest.mark.django_db

BODY = {"kind": "customer", "title": {"fi": "Asiakasraati"}, "purpose": {"fi": "Raati seuraa sopimusta."},
        "seats": 5, "term_starts": "2027-01-01", "term_ends": "2027-12-31", "areas": ["Keskusta"]}


def test_a_panel_has_exactly_one_owner(procurement, authority):
    fields = {"kind": "resident", "title": text("Raati"), "purpose": text("x"), "seats": 5,
              "term_starts": date(2027, 1, 1), "term_ends": date(2027, 12, 31)}
    for owners in ({}, {"procurement": procurement, "authority": authority}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Panel.objects.create(**fields, **owners)
    assert not Panel.objects.exists()


def test_a_contracts_panel_is_run_by_its_procurements_staff(client, official, procurement, contract,  # noqa: F811
                                                           authority):
    client.force_login(official)
    made = client.post(f"/api/v1/contracts/{contract.pk}/panels", BODY, content_type="application/json")
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["contract"], body["procurement"], body["authority"]) == (contract.pk, None, None)
    panel = Panel.objects.get()
    page = client.get(reverse("panel", args=[panel.pk])).content.decode()
    assert reverse("contract_panels", args=[contract.pk]) in page and "Kumppanuussopimus" in page
    listed = client.get(reverse("contract_panels", args=[contract.pk])).content.decode()
    assert reverse("panel", args=[panel.pk]) in listed
    assert client.get(f"/api/v1/contracts/{contract.pk}/panels").json()[0]["id"] == panel.pk
    # The contract's and the procurement's own pages lead to their panels.
    assert reverse("contract_panels", args=[contract.pk]) in client.get(
        reverse("contract_detail", args=[contract.pk])).content.decode()
    assert reverse("procurement_panels", args=[procurement.pk]) in client.get(
        reverse("procurement_detail", args=[procurement.pk])).content.decode()
    services.set_call(official, panel, True)

    # Staff of the same authority without a role in this procurement: refused, nothing stored.
    other = UserFactory(organisation=authority, position="official")
    client.force_login(other)
    assert client.post(f"/api/v1/contracts/{contract.pk}/panels", BODY, content_type="application/json").status_code == 403
    assert client.post(f"/api/v1/panels/{panel.pk}/draws").status_code == 403
    assert client.get(reverse("panel_volunteers", args=[panel.pk])).status_code == 404
    assert Panel.objects.count() == 1 and not panel.draws.exists()
    # Anyone volunteers for a public procurement's contract panel.
    client.logout()
    assert client.post(f"/api/v1/panels/{panel.pk}/volunteers", {"name": "A", "contact": "a@example.org",
                       "consent": True, "area": "Keskusta"}, content_type="application/json").status_code == 201


def test_an_authoritys_standing_panel_is_run_by_its_own_officials_and_staff(client, official, authority):
    staff = UserFactory(organisation=authority, position="staff")
    elsewhere = UserFactory(organisation=AuthorityFactory(), position="official")
    url = reverse("authority_panel_create", args=[authority.pk])
    for person, status in ((None, 302), (elsewhere, 403), (UserFactory(), 403)):
        client.logout()
        if person:
            client.force_login(person)
        assert client.get(url).status_code == status, person
        api = client.post(f"/api/v1/authorities/{authority.pk}/panels", BODY, content_type="application/json")
        assert api.status_code == (401 if person is None else 403)
    assert not Panel.objects.exists()

    client.force_login(staff)
    created = client.post(url, {"kind": "resident", "title_fi": "Asukasraati", "purpose_fi": "Koko alueen raati.",
                                "seats": "5", "term_starts": "2027-01-01", "term_ends": "2027-12-31",
                                "areas": "Keskusta"})
    assert created.status_code == 302
    panel = Panel.objects.get()
    assert panel.authority == authority and panel.procurement is None and panel.contract is None
    # No participation plan: no suggestion, so any quotas need their public reason.
    quotas = {"area": {"Keskusta": [5, 5]}}
    refused = client.put(f"/api/v1/panels/{panel.pk}/quotas", {"quotas": quotas}, content_type="application/json")
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "reason"
    assert client.put(f"/api/v1/panels/{panel.pk}/quotas", {"quotas": quotas, "reason": "Koko alue"},
                      content_type="application/json").status_code == 200
    assert client.post(f"/api/v1/panels/{panel.pk}/call", {"open": True}, content_type="application/json").json()["call_open"]

    # The public reads it and volunteers; the other authority's official cannot run it.
    client.logout()
    assert authority.name in client.get(reverse("authority_panels", args=[authority.pk])).content.decode()
    assert client.get(reverse("panel", args=[panel.pk])).status_code == 200
    for number in range(6):
        services.volunteer(panel, {"name": f"Asukas {number}", "contact": f"a{number}@example.org", "area": "Keskusta"})
    client.force_login(elsewhere)
    assert client.post(f"/api/v1/panels/{panel.pk}/draws").status_code == 403
    assert client.get(f"/api/v1/panels/{panel.pk}/volunteers").status_code == 404
    draw = services.make_draw(official, services.commit_seed(official, panel))
    assert draw.seats == 5 and panel.memberships.count() == 5
    assert client.get(reverse("authority_panels", args=[elsewhere.organisation.pk])).status_code == 200
    assert client.get(reverse("authority_panels", args=[999999])).status_code == 404

import json
from decimal import Decimal

import pytest

from coprocure.api.models import ApiToken
from coprocure.core import services as core_services
from coprocure.partners.models import ConsortiumInvitation, ExpressionOfInterest
from coprocure.tendering import services as tendering

from .. import factories
from ..factories import text
from ..tendering.conftest import answers, make_tender

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.fixture
def lead():
    organisation, _ = factories.provider_with_service("Kotihoiva Oy", text("Kotihoito"), text("K"), service_class="P10.2")
    return organisation.people.get()


@pytest.fixture
def partner():
    organisation, _ = factories.provider_with_service("Iltakäynnit ry", text("Iltakäynnit"), text("K"),
                                                      service_class="P10.2", kind="association")
    return organisation.people.get()


def publish_interest(client, lead, procurement):
    client.force_login(lead)
    response = client.post(f"/procurements/{procurement.pk}/consortia/", {
        "can_provide_fi": "Kotihoitoa päivisin", "looking_for_fi": "Ilta- ja viikonloppukäynnit"})
    assert response.status_code == 302
    return ExpressionOfInterest.objects.get()


def test_lead_invites_the_partner_accepts_and_the_consortium_fills_in_the_bid(client, official, procurement, lead, partner):
    tender = make_tender(official, procurement)
    interest = publish_interest(client, lead, procurement)
    assert "Ilta- ja viikonloppukäynnit" in client.get(f"/procurements/{procurement.pk}/consortia/").content.decode()
    invited = client.post(f"/consortia/{interest.pk}/", {
        "action": "invite", "business_id": partner.organisation.business_id, "role": "Iltakäynnit"})
    assert invited.status_code == 302
    # Nobody has accepted yet: the consortium cannot be formed alone.
    refused = client.post(f"/consortia/{interest.pk}/", {"action": "form"}, follow=True)
    assert "Vähintään yhden kutsutun kumppanin" in refused.content.decode()
    client.force_login(partner)
    assert "Hyväksy kutsu (rooli: Iltakäynnit)" in client.get(f"/consortia/{interest.pk}/").content.decode()
    client.post(f"/consortia/{interest.pk}/", {"action": "accept"})
    assert ConsortiumInvitation.objects.get().accepted_at is not None
    assert client.post(f"/consortia/{interest.pk}/", {"action": "form"}).status_code == 403
    client.force_login(lead)
    client.post(f"/consortia/{interest.pk}/", {"action": "form"})
    interest.refresh_from_db()
    assert interest.formed_at is not None
    page = client.get(f"/consortia/{interest.pk}/").content.decode()
    assert f"/tenders/{tender.pk}/bid/?consortium={interest.pk}" in page
    bid_page = client.get(f"/tenders/{tender.pk}/bid/?consortium={interest.pk}").content.decode()
    assert f'<option value="{partner.organisation_id}" selected>' in bid_page and 'value="Iltakäynnit"' in bid_page
    # Someone else's consortium fills in nothing.
    client.force_login(partner)
    other = client.get(f"/tenders/{tender.pk}/bid/?consortium={interest.pk}").content.decode()
    assert f'<option value="{partner.organisation_id}" selected>' not in other


def test_bad_invitations_are_refused_on_the_field(client, procurement, lead, partner):
    interest = publish_interest(client, lead, procurement)
    url = f"/consortia/{interest.pk}/"
    bad = client.post(url, {"action": "invite", "business_id": "0201256-5", "role": "X"})
    assert bad.status_code == 422 and "tarkistusnumero ei täsmää" in bad.content.decode()
    own = client.post(url, {"action": "invite", "business_id": lead.organisation.business_id, "role": "X"})
    assert own.status_code == 422 and "Oma organisaatiosi johtaa" in own.content.decode()
    client.post(url, {"action": "invite", "business_id": partner.organisation.business_id, "role": "X"})
    twice = client.post(url, {"action": "invite", "business_id": partner.organisation.business_id, "role": "X"})
    assert twice.status_code == 422 and "on jo kutsuttu" in twice.content.decode()
    again = client.post(f"/procurements/{procurement.pk}/consortia/", {"can_provide_fi": "A", "looking_for_fi": "B"})
    assert again.status_code == 422 and "on jo julkaissut" in again.content.decode()
    assert ExpressionOfInterest.objects.count() == 1


def test_no_interest_after_tendering(client, official, procurement, lead):
    core_services.change_phase(official, procurement, "tendering")
    core_services.change_phase(official, procurement, "contract")
    client.force_login(lead)
    page = client.get(f"/procurements/{procurement.pk}/consortia/").content.decode()
    assert "Julkaise organisaatiosi kiinnostuksenilmaisu" not in page
    response = client.post(f"/procurements/{procurement.pk}/consortia/", {"can_provide_fi": "A", "looking_for_fi": "B"})
    assert response.status_code == 422 and "valmistellaan tai kilpailutetaan" in response.content.decode()


def test_consortium_through_the_api_and_its_members_make_the_bid(client, official, procurement, lead, partner):
    tender = make_tender(official, procurement)
    lead_auth = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(lead, 't')[1]}"}
    partner_auth = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(partner, 't')[1]}"}
    created = client.post(f"/api/v1/procurements/{procurement.pk}/interests",
                          json.dumps({"can_provide": {"fi": "Kotihoito"}, "looking_for": {"fi": "Iltakäynnit"}}),
                          content_type="application/json", **lead_auth)
    assert created.status_code == 201
    pk = created.json()["id"]
    empty = client.post(f"/api/v1/interests/{pk}/invitations", json.dumps({"business_id": partner.organisation.business_id, "role": ""}),
                        content_type="application/json", **lead_auth)
    assert empty.status_code == 422 and empty.json()["errors"][0]["field"] == "role"
    client.post(f"/api/v1/interests/{pk}/invitations", json.dumps({"business_id": partner.organisation.business_id, "role": "Illat"}),
                content_type="application/json", **lead_auth)
    assert client.post(f"/api/v1/interests/{pk}/form", **partner_auth).status_code == 403
    assert client.post(f"/api/v1/interests/{pk}/form", **lead_auth).status_code == 409
    assert client.post(f"/api/v1/interests/{pk}/accept", **lead_auth).status_code == 409
    assert client.post(f"/api/v1/interests/{pk}/accept", **partner_auth).status_code == 200
    formed = client.post(f"/api/v1/interests/{pk}/form", **lead_auth).json()
    assert formed["members"] == [{"organisation": partner.organisation_id, "role": "Illat"}]
    assert client.post(f"/api/v1/interests/{pk}/form", **lead_auth).status_code == 409
    members = [(partner.organisation, formed["members"][0]["role"])]
    bid = tendering.submit_bid(lead, tender, {"price": Decimal("1000"), "answers": answers(tender), "members": members})
    assert [(m.organisation_id, m.role) for m in bid.members.all()] == [(partner.organisation_id, "Illat")]
    listed = client.get(f"/api/v1/procurements/{procurement.pk}/interests").json()
    assert listed[0]["lead_name"] == "Kotihoiva Oy" and listed[0]["formed_at"]


def test_demo_has_a_consortium_formed_from_an_expression_of_interest(client, db, capsys):
    from django.core.management import call_command

    call_command("demo")
    interest = ExpressionOfInterest.objects.get(organisation__name="Sillanrakentajat ry")
    assert interest.formed_at is not None and interest.organisation.name == "Sillanrakentajat ry"
    roles = {i.organisation.name: i.role for i in interest.invitations.all() if i.accepted_at}
    assert roles["Vertaisvoima ry"] == "Kokemusasiantuntijat ja asiakasraati" and len(roles) == 2
    page = client.get(f"/en/procurements/{interest.procurement_id}/consortia/").content.decode()
    assert "Sillanrakentajat ry" in page and "Consortium formed" in page

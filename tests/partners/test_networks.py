import json

import pytest
from django.core.management import call_command

from coprocure.partners.models import JointOffer, Network, NetworkMember

from .. import factories
from ..factories import text

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.fixture
def coordinator(db):
    organisation, _service = factories.provider_with_service("Sillanrakentajat ry", text("Päiväkeskus"), text("Kuvaus"), kind="association")
    return organisation.people.get()


def create_network(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/networks/new/", {"name_fi": "Järjestöverkosto", "theme_fi": "Yhteisöllinen toipuminen"})
    assert response.status_code == 302
    return Network.objects.get()


def test_coordinator_builds_a_network_with_members_and_an_offer(client, coordinator):
    network = create_network(client, coordinator)
    member_org, member_service = factories.provider_with_service("Toipumo sr", text("Yhteisöhoito"), text("Kuvaus"), kind="foundation")
    response = client.post(f"/networks/{network.pk}/", {"action": "member", "business_id": member_org.business_id})
    assert response.status_code == 302
    response = client.post(f"/networks/{network.pk}/", {
        "action": "offer", "title_fi": "Yhteinen palvelukokonaisuus", "description_fi": "Tuki yhdestä paikasta.",
        "services": [member_service.pk],
    })
    assert response.status_code == 302
    page = client.get(f"/networks/{network.pk}/").content.decode()
    assert "Toipumo sr" in page and "Yhteinen palvelukokonaisuus" in page

    client.force_login(member_org.people.get())
    client.post(f"/networks/{network.pk}/", {"action": "competences", "competences_fi": "Yhteisöhoito ja kuntoutus"})
    assert NetworkMember.objects.get(organisation=member_org).competences["fi"]["text"] == "Yhteisöhoito ja kuntoutus"
    # A member cannot add members or publish offers in the coordinator's name.
    refused = client.post(f"/networks/{network.pk}/", {"action": "member", "business_id": "0201256-6"})
    assert refused.status_code == 403


def test_adding_members_checks_the_business_id(client, coordinator):
    network = create_network(client, coordinator)
    bad = client.post(f"/networks/{network.pk}/", {"action": "member", "business_id": "0201256-5"})
    assert bad.status_code == 422 and "tarkistusnumero ei täsmää" in bad.content.decode()
    unknown = client.post(f"/networks/{network.pk}/", {"action": "member", "business_id": "0201256-6"})
    assert unknown.status_code == 422 and "Tällä Y-tunnuksella ei ole rekisteröity" in unknown.content.decode()
    again = client.post(f"/networks/{network.pk}/", {"action": "member", "business_id": coordinator.organisation.business_id})
    assert again.status_code == 422 and "on jo verkoston jäsen" in again.content.decode()
    assert network.members.count() == 1


def test_offer_cannot_include_outsiders_services(client, coordinator, capsys):
    network = create_network(client, coordinator)
    _outsider, service = factories.provider_with_service("Ulkopuolinen Oy", text("Palvelu"), text("Kuvaus"))
    call_command("create-token", coordinator.username)
    token = capsys.readouterr().out.strip()
    response = client.post(f"/api/v1/networks/{network.pk}/offers", json.dumps({
        "title": {"fi": "Tarjous"}, "description": {"fi": "Kuvaus"}, "services": [service.pk],
    }), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "services"
    assert not JointOffer.objects.exists()


def test_networks_api_is_public(client, coordinator):
    create_network(client, coordinator)
    client.logout()
    body = client.get("/api/v1/networks").json()
    assert body[0]["name"]["fi"]["text"] == "Järjestöverkosto"
    assert [m["name"] for m in body[0]["members"]] == ["Sillanrakentajat ry"]

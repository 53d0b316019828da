import pytest
from django.core.exceptions import PermissionDenied

from coprocure.partners import services as partner_services

from .. import factories
from ..factories import text

pytestmark = pytest.mark.usefixtures("reference_data")


def test_ptv_export_has_the_catalogue_shape(client, db):
    organisation, service = factories.provider_with_service(
        "Kulma Oy", text("Päihdekuntoutus", "Missbrukarrehabilitering"), text("Kuntoutusta."),
        target_groups=("substance_use",),
    )
    body = client.get(f"/api/v1/ptv/organisations/{organisation.pk}").json()
    assert body["businessCode"] == organisation.business_id
    exported = body["services"][0]
    assert {"type": "Name", "language": "sv", "value": "Missbrukarrehabilitering"} in exported["serviceNames"]
    assert exported["serviceClasses"] == [{"code": "P10.6"}]
    assert exported["organizations"][0]["roleType"] == "Producer"
    assert exported["organizations"][0]["provisionType"] == "PurchaseServices"
    listing = client.get("/api/v1/ptv/organisations?limit=1").json()
    assert listing["count"] == 1 and listing["items"][0]["id"] == body["id"]


def test_service_search_api(client, db):
    factories.provider_with_service("Kulma Oy", text("Päihdekuntoutus"), text("Yhteisöllistä kuntoutusta."))
    factories.provider_with_service("Koti ry", text("Asumisen tuki"), text("Asunnon saamiseen."), service_class="P10.3")
    body = client.get("/api/v1/services?service_class=P10.3").json()
    assert [item["provider_name"] for item in body["items"]] == ["Koti ry"]


def test_only_the_organisations_own_people_edit_its_profile(db):
    organisation, _service = factories.provider_with_service("Kulma Oy", text("Palvelu"), text("Kuvaus"))
    other = factories.UserFactory(organisation=factories.ProviderFactory(), position="representative")
    with pytest.raises(PermissionDenied):
        partner_services.save_profile(other, organisation, {"description": text("Vallattu")})
    organisation.profile.refresh_from_db()
    assert organisation.profile.description["fi"]["text"] == "Kulma Oy kuvaus"

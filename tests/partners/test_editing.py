import json

import pytest
from django.core.management import call_command

from coprocure.audit.models import AuditEntry
from coprocure.core.models import Organisation
from coprocure.partners.models import ProviderProfile, Service

from .. import factories

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.fixture
def representative(db):
    return factories.UserFactory(organisation=factories.ProviderFactory(name="Kulma Oy"), position="representative")


def profile_form(**overrides):
    data = {"description_fi": "Teemme päihdetyötä Tampereella.", "areas_served": "Tampere\nNokia\n",
            "languages": ["fi", "sv"], "ownership": "private"}
    data.update(overrides)
    return data


def test_representative_describes_organisation_and_adds_a_service(client, representative):
    client.force_login(representative)
    organisation = representative.organisation
    response = client.post(f"/providers/{organisation.pk}/edit/", profile_form())
    assert response.status_code == 302
    profile = ProviderProfile.objects.get(organisation=organisation)
    assert profile.areas_served == ["Tampere", "Nokia"] and profile.last_confirmed_at is not None

    response = client.post(f"/providers/{organisation.pk}/services/new/", {
        "name_fi": "Päihdekuntoutus", "summary_fi": "Yhteisöllistä kuntoutusta", "description_fi": "Kuvaus",
        "service_class": "P10.6", "target_groups": ["substance_use"], "areas": "Tampere", "languages": ["fi"],
        "capacity": 20, "capacity_available": 3, "price_basis": "per_day", "phone": "040 123 4567",
    })
    assert response.status_code == 302
    service = Service.objects.get()
    assert [c.kind for c in service.channels.all()] == ["Phone"]
    assert "Päihdekuntoutus" in client.get(f"/providers/{organisation.pk}/").content.decode()


def test_more_places_than_capacity_is_refused(client, representative):
    client.force_login(representative)
    organisation = representative.organisation
    client.post(f"/providers/{organisation.pk}/edit/", profile_form())
    response = client.post(f"/providers/{organisation.pk}/services/new/", {
        "name_fi": "Palvelu", "summary_fi": "Lyhyesti", "description_fi": "Kuvaus", "service_class": "P10.6",
        "areas": "Tampere", "languages": ["fi"], "capacity": 2, "capacity_available": 5, "price_basis": "per_day",
    })
    assert response.status_code == 422
    assert "Vapaita paikkoja ei voi olla enemmän kuin kapasiteettia." in response.content.decode()
    assert not Service.objects.exists()


def test_other_organisations_people_cannot_edit(client, representative):
    intruder = factories.UserFactory(organisation=factories.ProviderFactory(), position="representative")
    client.force_login(intruder)
    assert client.get(f"/providers/{representative.organisation.pk}/edit/").status_code == 403
    assert client.post(f"/providers/{representative.organisation.pk}/edit/", profile_form()).status_code == 403
    assert not ProviderProfile.objects.exists()


def test_api_profile_and_service(client, representative, capsys):
    call_command("create-token", representative.username)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {capsys.readouterr().out.strip()}"}
    organisation = representative.organisation
    early = client.post(f"/api/v1/providers/{organisation.pk}/services", json.dumps({}), content_type="application/json", **headers)
    assert early.status_code == 422  # schema: required fields missing
    profile = client.put(f"/api/v1/providers/{organisation.pk}/profile", json.dumps({
        "description": {"fi": "Kuvaus"}, "areas_served": ["Tampere"], "languages": ["fi"], "ownership": "private",
    }), content_type="application/json", **headers)
    assert profile.status_code == 200, profile.content
    assert profile.json()["areas_served"] == ["Tampere"]
    created = client.post(f"/api/v1/providers/{organisation.pk}/services", json.dumps({
        "name": {"fi": "Päihdekuntoutus"}, "summary": {"fi": "Lyhyesti"}, "description": {"fi": "Kuvaus"},
        "service_class": "P10.6", "areas": ["Tampere", "Nokia"], "languages": ["fi"], "price_basis": "per_day",
        "web_address": "kulma.example",
    }), content_type="application/json", **headers)
    assert created.status_code == 201, created.content
    assert created.json()["areas"] == ["Tampere", "Nokia"]
    assert Service.objects.get().channels.get().url == "https://kulma.example"


def test_stale_profiles_are_reminded_once_per_period(db, mailoutbox, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    from coprocure.partners.services import remind_stale_profiles

    old = timezone.now() - timedelta(days=400)
    organisation, _service = factories.provider_with_service(
        "Vanha Oy", factories.text("Palvelu"), factories.text("Kuvaus"), last_confirmed_at=old)
    organisation.people.update(email="edustaja@vanha.invalid")
    factories.provider_with_service("Tuore Oy", factories.text("Palvelu"), factories.text("Kuvaus"))
    with django_capture_on_commit_callbacks(execute=True):  # delivered by the outbox once committed
        assert remind_stale_profiles() == 1
    assert mailoutbox[0].to == ["edustaja@vanha.invalid"] and "Vanha Oy" in mailoutbox[0].body
    assert remind_stale_profiles() == 0


def test_the_organisation_gives_its_postcode_and_region_on_its_profile(client, representative, capsys):
    """EU award notices name every tenderer's postcode and region (issue 22): the organisation's own
    people give them; a bad value is refused by field with nothing stored; the API leaves out what
    it does not send."""
    client.force_login(representative)
    organisation = representative.organisation
    edit = f"/providers/{organisation.pk}/edit/"
    refused = client.post(edit, profile_form(postcode="331", nuts_region="FI19B"))
    assert refused.status_code == 422 and "Suomalaisessa postinumerossa on viisi numeroa." in refused.content.decode()
    assert not ProviderProfile.objects.exists()
    assert Organisation.objects.get(pk=organisation.pk).nuts_region == ""
    assert client.post(edit, profile_form(postcode="33100", nuts_region="FI19B")).status_code == 302
    organisation.refresh_from_db()
    assert (organisation.postcode, organisation.nuts_region) == ("33100", "FI19B")
    assert AuditEntry.objects.filter(action="organisation.address").count() == 1
    assert 'value="33100"' in client.get(edit).content.decode()

    call_command("create-token", representative.username)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {capsys.readouterr().out.strip()}"}
    body = {"description": {"fi": "Kuvaus"}, "areas_served": ["Tampere"], "languages": ["fi"], "ownership": "private"}
    url = f"/api/v1/providers/{organisation.pk}/profile"
    kept = client.put(url, json.dumps(body), content_type="application/json", **headers)
    assert kept.status_code == 200 and kept.json()["postcode"] == "33100" and kept.json()["nuts_region"] == "FI19B"
    bad = client.put(url, json.dumps({**body, "nuts_region": "FI999"}), content_type="application/json", **headers)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "nuts_region"
    moved = client.put(url, json.dumps({**body, "postcode": "02100", "nuts_region": "FI1B1"}),
                       content_type="application/json", **headers)
    assert moved.json()["postcode"] == "02100" and Organisation.objects.get(pk=organisation.pk).nuts_region == "FI1B1"


def test_another_organisations_representative_cannot_change_the_postcode(client, representative):
    intruder = factories.UserFactory(organisation=factories.ProviderFactory(), position="representative")
    client.force_login(intruder)
    organisation = representative.organisation
    assert client.post(f"/providers/{organisation.pk}/edit/", profile_form(postcode="00100")).status_code == 403
    organisation.refresh_from_db()
    assert organisation.postcode == ""

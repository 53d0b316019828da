import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coprocure.audit.models import AuditEntry
from coprocure.participation import services as participation
from coprocure.partners import services
from coprocure.partners.models import ActionPoint, TableSeat

from .. import factories
from ..factories import text

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.fixture
def table_activity(official):
    official.organisation.municipality = "Tampere"
    official.organisation.save()
    procurement = factories.create_procurement(official, service_area="substance_abuse", accountable_official=official)
    return participation.create_activity(official, procurement, {
        "kind": "partnership_table", "phase": "preparation", "title": text("Kumppanuuspöytä"), "setting": "service_centre",
    })


def write_agenda(client, official, activity):
    client.force_login(official)
    response = client.post(f"/activities/{activity.pk}/table/edit/", {"agenda_fi": "Mitä päihdepalveluihin tarvitaan?"})
    assert response.status_code == 302


def test_staff_write_the_agenda_and_the_authority_takes_a_seat(client, official, table_activity):
    write_agenda(client, official, table_activity)
    page = client.get(f"/activities/{table_activity.pk}/table/").content.decode()
    assert "Mitä päihdepalveluihin tarvitaan?" in page
    assert official.organisation.name in page and "Hyvinvointialueen henkilöstö" in page
    client.logout()
    # The agenda is public.
    assert "Mitä päihdepalveluihin tarvitaan?" in client.get(f"/activities/{table_activity.pk}/table/").content.decode()


def test_an_activity_of_another_kind_has_no_table(client, official, table_activity):
    other = participation.create_activity(official, table_activity.procurement, {
        "kind": "seminar", "phase": "preparation", "title": text("Seminaari"), "setting": "online"})
    client.force_login(official)
    assert client.get(f"/activities/{other.pk}/table/").status_code == 404
    assert client.post(f"/activities/{other.pk}/table/edit/", {"agenda_fi": "X"}).status_code == 404


def test_one_step_invites_exactly_the_matching_providers(client, official, table_activity):
    write_agenda(client, official, table_activity)
    match, _ = factories.provider_with_service("Päihdetyö Oy", text("Päihdekuntoutus"), text("K"), areas=("tampere",))
    mental, _ = factories.provider_with_service("Mielenpolku ry", text("Mielenterveystuki"), text("K"),
                                                service_class="P10.5", kind="association")
    elsewhere, _ = factories.provider_with_service("Espoon Apu Oy", text("Päihdekuntoutus"), text("K"), areas=("Espoo",))
    housing, _ = factories.provider_with_service("Asumispolku Oy", text("Asumistuki"), text("K"), service_class="P10.3")
    response = client.post(f"/activities/{table_activity.pk}/table/", {"action": "invite_matching"}, follow=True)
    assert "2 palveluntuottajaa kutsuttiin." in response.content.decode()
    invited = set(TableSeat.objects.filter(role="provider").values_list("organisation__name", flat=True))
    assert invited == {"Päihdetyö Oy", "Mielenpolku ry"}
    # Pressing again invites nobody twice.
    client.post(f"/activities/{table_activity.pk}/table/", {"action": "invite_matching"})
    assert TableSeat.objects.filter(role="provider").count() == 2
    assert AuditEntry.objects.filter(action="partnership_table.invite_matching").count() == 2


def test_a_provider_signs_their_organisation_up_once(client, official, table_activity):
    write_agenda(client, official, table_activity)
    organisation, _ = factories.provider_with_service("Kulma Oy", text("Päihdekuntoutus"), text("K"))
    client.force_login(organisation.people.get())
    page = client.get(f"/activities/{table_activity.pk}/table/").content.decode()
    assert "Ilmoita Kulma Oy mukaan" in page
    assert client.post(f"/activities/{table_activity.pk}/table/", {"action": "sign_up"}).status_code == 302
    seat = TableSeat.objects.get(organisation=organisation)
    assert seat.signed_up_at is not None and seat.role == "provider"
    again = client.post(f"/activities/{table_activity.pk}/table/", {"action": "sign_up"}, follow=True)
    assert "on jo ilmoittautunut" in again.content.decode()
    # A provider cannot invite others or write the minutes.
    assert client.post(f"/activities/{table_activity.pk}/table/", {"action": "invite_matching"}).status_code == 403
    assert client.get(f"/activities/{table_activity.pk}/table/edit/").status_code == 403


def test_invitation_by_business_id_seats_user_representatives(client, official, table_activity):
    write_agenda(client, official, table_activity)
    users = factories.ProviderFactory(name="Omaiset ry", kind="user_association")
    bad = client.post(f"/activities/{table_activity.pk}/table/", {"action": "invite", "business_id": "0201256-5"})
    assert bad.status_code == 422 and "tarkistusnumero ei täsmää" in bad.content.decode()
    client.post(f"/activities/{table_activity.pk}/table/", {"action": "invite", "business_id": users.business_id})
    assert TableSeat.objects.get(organisation=users).role == "user_representative"
    twice = client.post(f"/activities/{table_activity.pk}/table/", {"action": "invite", "business_id": users.business_id})
    assert twice.status_code == 422 and "on jo kutsuttu" in twice.content.decode()


def test_minutes_and_action_points(client, official, table_activity):
    write_agenda(client, official, table_activity)
    client.post(f"/activities/{table_activity.pk}/table/edit/", {
        "agenda_fi": "Asialista", "minutes_fi": "Sovittiin ilta-aukiolon kokeilusta."})
    response = client.post(f"/activities/{table_activity.pk}/table/", {
        "action": "action_point", "what_fi": "Selvitä ilta-aukiolon kustannukset", "who": "Päihdetyö Oy", "due_on": "2027-02-01"})
    assert response.status_code == 302
    point = ActionPoint.objects.get()
    client.post(f"/activities/{table_activity.pk}/table/", {"action": "done", "action_point": point.pk, "done": "on"})
    point.refresh_from_db()
    assert point.done
    assert client.post(f"/activities/{table_activity.pk}/table/", {"action": "done", "action_point": "x"}).status_code == 404
    missing = client.post(f"/activities/{table_activity.pk}/table/", {"action": "action_point", "who": "X"})
    assert missing.status_code == 422
    client.logout()
    page = client.get(f"/activities/{table_activity.pk}/table/").content.decode()
    assert "Sovittiin ilta-aukiolon kokeilusta." in page and "Selvitä ilta-aukiolon kustannukset" in page


def test_table_through_the_api(client, official, table_activity):
    from coprocure.api.models import ApiToken

    headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(official, 'test')[1]}"}
    url = f"/api/v1/activities/{table_activity.pk}/table"
    assert client.get(url).status_code == 409
    put = client.put(url, json.dumps({"agenda": {"fi": "Asialista"}}), content_type="application/json", **headers)
    assert put.status_code == 200 and put.json()["seats"][0]["role"] == "authority"
    factories.provider_with_service("Päihdetyö Oy", text("Päihdekuntoutus"), text("K"))
    invited = client.post(f"{url}/invite-matching", **headers)
    assert invited.status_code == 201 and [s["name"] for s in invited.json()["seats"] if s["role"] == "provider"] == ["Päihdetyö Oy"]
    bad = client.post(f"{url}/invitations", json.dumps({"business_id": "123"}), content_type="application/json", **headers)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "business_id"
    point = client.post(f"{url}/action-points", json.dumps({"what": {"fi": "Kokous"}, "who": "Anna", "due_on": "2027-01-31"}),
                        content_type="application/json", **headers)
    assert point.status_code == 201
    done = client.put(f"/api/v1/action-points/{point.json()['id']}", json.dumps({"done": True}),
                      content_type="application/json", **headers)
    assert done.status_code == 200 and done.json()["done"] is True
    provider = TableSeat.objects.get(role="provider").organisation.people.get()
    provider_headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(provider, 'test')[1]}"}
    assert client.post(f"{url}/invite-matching", **provider_headers).status_code == 403
    assert client.post(f"{url}/sign-up", **provider_headers).status_code == 201
    assert client.post(f"{url}/sign-up", **provider_headers).status_code == 409


def test_demo_has_a_partnership_table_with_minutes(client, db, capsys):
    from django.core.management import call_command

    from coprocure.partners.models import PartnershipTable

    call_command("demo")
    table = PartnershipTable.objects.get()
    roles = dict(table.seats.values_list("organisation__name", "role"))
    assert roles["Vertaisvoima ry"] == "user_representative" and roles["Pirkanmaan hyvinvointialue"] == "authority"
    assert table.seats.filter(role="provider", organisation__services__service_class="P10.2").exists()
    assert table.seats.get(organisation__name="Päihdepalvelut Kulma Oy").signed_up_at is not None
    page = client.get(f"/en/activities/{table.activity_id}/table/").content.decode()
    assert "add evening visits to the call for tenders" in page and "Send the minutes to everyone" in page


def test_admin_shows_tables_and_consortia_but_cannot_change_them(client, official, table_activity):
    write_agenda(client, official, table_activity)
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    table = table_activity.partnership_table
    page = client.get(f"/admin/partners/partnershiptable/{table.pk}/change/")
    assert page.status_code == 200 and official.organisation.name in page.content.decode()
    assert client.get("/admin/partners/partnershiptable/add/").status_code == 403
    assert client.get("/admin/partners/expressionofinterest/").status_code == 200
    assert client.get("/admin/partners/expressionofinterest/add/").status_code == 403


def test_the_table_page_reads_a_constant_number_of_queries(client, official, table_activity):
    write_agenda(client, official, table_activity)
    table = table_activity.partnership_table

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/activities/{table_activity.pk}/table/").status_code == 200
        return len(captured)

    factories.provider_with_service("Yksi Oy", text("Päihdekuntoutus"), text("K"))
    services.invite_matching_providers(official, table)
    few = queries()
    for number in range(5):
        factories.provider_with_service(f"Tuottaja {number} Oy", text("Päihdekuntoutus"), text("K"))
    services.invite_matching_providers(official, table)
    services.add_action_point(official, table, {"what": text("Kokous"), "who": "Anna", "due_on": date(2027, 1, 31)})
    assert TableSeat.objects.filter(table=table).count() == 7
    assert queries() == few

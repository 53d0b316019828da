import csv
import io
import json
from decimal import Decimal

import pytest

from coprocure.core import services as core_services
from coprocure.errors import ServiceError
from coprocure.participation import services
from coprocure.participation.models import Contribution

from .. import factories


@pytest.fixture
def expert(official, procurement):
    person = factories.UserFactory(first_name="@Kaisa", last_name="Kokemus")
    core_services.assign_role(official, procurement, person, "expert_by_experience")
    return person


def test_staff_record_and_correct_an_experts_work_and_export_it_for_payroll(client, official, procurement, activity,
                                                                             expert):
    client.force_login(official)
    page = client.post(f"/activities/{activity.pk}/contributions/", {
        "person": expert.username, "hours": "3.5", "fee": "120.00", "travel_cost": "14.60", "work": "Haastatteluja",
    })
    assert page.status_code == 302
    client.post(f"/activities/{activity.pk}/contributions/", {"person": expert.username, "hours": "4", "fee": "140"})
    contribution = Contribution.objects.get()
    assert (contribution.hours, contribution.fee, contribution.travel_cost) == (Decimal(4), Decimal(140), Decimal(0))
    response = client.get(f"/en/procurements/{procurement.pk}/participation/payroll.csv")
    # Finnish Excel's convention (docs/participation.md): semicolons, a decimal comma.
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Name", "Username", "Activity"]
    assert rows[1][0] == "'@Kaisa Kokemus"  # a name cannot start a spreadsheet formula
    assert rows[1][4:8] == ["4,00", "140,00", "0,00", "140,00"]
    # The contributions table on the activity's page shows the fee as money, not as 140.00.
    cells = client.get(f"/activities/{activity.pk}/contributions/").content.decode()
    assert "<td>140,00\u00a0€</td><td>0,00\u00a0€</td>" in cells and "140.00" not in cells


def test_only_experts_and_peers_of_the_procurement_are_paid_and_figures_are_checked(official, activity, expert):
    outsider = factories.UserFactory()
    with pytest.raises(ServiceError) as not_expert:
        services.record_contribution(official, activity, {"person": outsider, "hours": Decimal(2), "fee": Decimal(50),
                                                          "travel_cost": Decimal(0)})
    assert "person" in not_expert.value.errors
    with pytest.raises(ServiceError) as too_long:
        services.record_contribution(official, activity, {"person": expert, "hours": Decimal(30), "fee": Decimal(50),
                                                          "travel_cost": Decimal(0)})
    assert "hours" in too_long.value.errors
    assert not Contribution.objects.exists()


def test_contribution_api_and_payroll_are_for_staff(client, official, procurement, activity, expert):
    url = f"/api/v1/activities/{activity.pk}/contributions"
    payload = {"person": expert.username, "hours": "2", "fee": "80", "travel_cost": "5.5"}
    client.force_login(expert)
    assert client.post(url, json.dumps(payload), content_type="application/json").status_code == 403
    assert client.get(f"/api/v1/procurements/{procurement.pk}/participation/payroll.csv").status_code == 403
    client.force_login(official)
    saved = client.post(url, json.dumps(payload), content_type="application/json")
    assert saved.status_code == 200 and saved.json()["travel_cost"] == "5.50"
    bad = client.post(url, json.dumps({**payload, "fee": "-3"}), content_type="application/json")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "fee"
    listed = client.get(f"/api/v1/procurements/{procurement.pk}/contributions").json()
    assert [(item["person"], item["hours"]) for item in listed] == [(expert.username, "2.00")]

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coprocure.alliance.models import SettlementPeriod
from coprocure.contracts import services as contracts

from ..factories import text


from .conftest import audited


def test_statement_page_shows_the_figures_and_the_scenario(client, alliance, period):
    page = client.get(f"/settlements/{period.pk}/")
    assert page.status_code == 200
    assert "Draft" in page.content.decode() or "Luonnos" in page.content.decode()
    scenario = client.get(f"/settlements/{period.pk}/", {"actual_cost": "900000", "kra_pysyvyys": "90"})
    # AC 900 000, F 50 000 (5 % of the target cost), capped gain 40 000, full bonus 50 000.
    assert scenario.context["scenario"]["result"].payment == Decimal("1040000.00")
    assert "1\u00a0040\u00a0000,00\u00a0€" in scenario.content.decode()
    assert SettlementPeriod.objects.get().cost_lines.count() == 0


def test_period_form_refuses_a_split_not_adding_to_100(client, official, alliance):
    client.force_login(official)
    fields = {"label": "2026", "starts_on": "2026-01-01", "ends_on": "2026-12-31", "target_cost": "", "fee_kind": "fixed",
              "fee_amount": "10", "gain_share": "0.5", "pain_share": "0.5", "kra_bonus_pool": "10", "kra_sanction_pool": "10",
              "missing_kra": "minimum"}
    for party in alliance.parties.exclude(role="authority"):
        fields[f"split_{party.pk}"] = "30"
    response = client.post(f"/contracts/{alliance.pk}/settlements/new/", fields)
    assert response.status_code == 422
    assert SettlementPeriod.objects.count() == 0
    for party in alliance.parties.exclude(role="authority").order_by("name"):
        fields[f"split_{party.pk}"] = "50"
    assert client.post(f"/contracts/{alliance.pk}/settlements/new/", fields).status_code == 302
    period = SettlementPeriod.objects.get()
    assert period.splits.count() == 2
    assert period.target_cost == Decimal("1000000")  # left empty: the target cost agreed in the development phase


def test_approving_from_the_page_freezes_it(client, official, alliance, period):
    audited(official, period)
    client.force_login(official)
    client.post(f"/settlements/{period.pk}/approve/")
    page = client.get(f"/settlements/{period.pk}/")
    assert page.context["frozen"] is not None
    assert page.context["scenario_form"] is None
    assert page.context["result"].payment == Decimal(page.context["frozen"].document["payment"])


def test_kras_changed_after_the_terms_are_explained_not_crashed(client, official, alliance, period):
    kra = alliance.kras.get()
    kra.weight = Decimal("0.5")
    kra.save()
    page = client.get(f"/settlements/{period.pk}/")
    assert page.status_code == 200
    assert "0.5" in page.context["problem"]
    response = client.get(f"/api/v1/contracts/{alliance.pk}/settlements/2025")
    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "kra_weights_not_1"


def test_the_statement_page_makes_as_many_queries_for_two_kras_as_for_one(client, official, alliance, period,
                                                                          django_assert_num_queries):
    contracts.report_measurements(official, alliance, [["mittari", "jakso", "arvo"], ["pysyvyys", "2025-Q1", "84"]],
                                  source="ui")
    with CaptureQueriesContext(connection) as one_kra:
        assert len(client.get(f"/settlements/{period.pk}/").context["kras"]) == 1
    first = alliance.kras.get()
    first.weight = Decimal("0.5")
    first.save()
    # by_keeper: as the switch writes an alliance's agreed KRAs (a second one agreed, say)
    second = contracts.add_kra(official, alliance, {"name": text("Hyvinvointi"), "description": {}, "weight": Decimal("0.5")},
                               by_keeper=True)
    contracts.add_indicator(official, second, {
        "code": "hyvinvointi", "name": text("Koettu hyvinvointi"), "unit": "score", "direction": "higher_is_better",
        "baseline": 3, "minimum": 3, "target": 4, "excellent": 5, "frequency": "quarterly",
        "data_source": "survey", "reported_by": None,
    }, by_keeper=True)
    contracts.report_measurements(official, alliance, [["mittari", "jakso", "arvo"], ["hyvinvointi", "2025-Q1", "4,5"]],
                                  source="ui")
    with django_assert_num_queries(len(one_kra)):
        page = client.get(f"/settlements/{period.pk}/")
    assert [outcome.value for _name, outcome in page.context["kras"]] == [Decimal("84"), Decimal("4.5")]

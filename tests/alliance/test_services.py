from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from coprocure.alliance import selectors, services
from coprocure.alliance.models import CostLine, SettlementPeriod, Statement
from coprocure.audit.models import AuditEntry
from coprocure.contracts import services as contracts
from coprocure.core import services as core_services
from coprocure.errors import ServiceError

from .conftest import audited, period_data


def cost(reporter, period, amount, category="Henkilöstö"):
    return services.report_cost(reporter, period, {"amount": Decimal(amount), "category": category,
                                                   "evidence": "Lasku 2025-001"})


def measure(official, alliance, period_label, value):
    contracts.report_measurements(official, alliance, [["mittari", "jakso", "arvo"], ["pysyvyys", period_label, value]],
                                  source="ui")


@pytest.mark.parametrize(("change", "code"), [
    ({"split": "not_100"}, "split_not_100"),
    ({"kra_bonus_pool": Decimal("-1")}, "negative_amount"),
    ({"gain_share": Decimal("1.5")}, "share_out_of_range"),
])
def test_bad_terms_are_refused_and_nothing_is_stored(official, alliance, change, code):
    data = period_data(alliance)
    if change.get("split") == "not_100":
        data["split"] = {party: Decimal("40") for party in data["split"]}
    else:
        data.update(change)
    with pytest.raises(ServiceError) as refused:
        services.create_period(official, alliance, data)
    assert [c for items in refused.value.errors.values() for c, _m in items] == [code]
    assert SettlementPeriod.objects.count() == 0


def test_kra_weights_not_adding_up_refuse_the_period(official, alliance):
    # Only an alliance's own records could hold such weights now: the switch freezes agreed KRAs
    # and the contracts app refuses to add more (tests/contracts/test_alliance_kras.py).
    contracts.add_kra(official, alliance, {"name": {"fi": "Toinen"}, "description": {}, "weight": Decimal("0.5")},
                      by_keeper=True)
    extra = alliance.kras.last()
    contracts.add_indicator(official, extra, {
        "code": "toinen", "name": {"fi": "Toinen"}, "unit": "score", "direction": "higher_is_better", "baseline": None,
        "minimum": 1, "target": 2, "excellent": 3, "frequency": "quarterly", "data_source": "survey", "reported_by": None,
    }, by_keeper=True)
    with pytest.raises(ServiceError) as refused:
        services.create_period(official, alliance, period_data(alliance))
    assert "kra_weights_not_1" in str(refused.value.errors)


def test_only_the_alliances_providers_report_costs(period, reporter, staff):
    with pytest.raises(PermissionDenied):
        cost(staff, period, "100")
    line = cost(reporter, period, "100")
    assert line.party.organisation == reporter.organisation
    assert AuditEntry.objects.filter(action="alliance.cost_report", object_id=str(line.pk)).exists()


def test_approval_and_rejection_are_audited_with_the_reason(official, period, reporter):
    approved = services.decide_cost(official, cost(reporter, period, "100"), {"approve": True, "reason": "Kuitti ok"})
    rejected = services.decide_cost(official, cost(reporter, period, "50"), {"approve": False, "reason": "Ei kuittia"})
    assert (approved.status, rejected.status) == ("approved", "rejected")
    entry = AuditEntry.objects.get(action="alliance.cost_decide", object_id=str(rejected.pk))
    assert entry.after == {"status": "rejected", "reason": "Ei kuittia"}
    with pytest.raises(ServiceError):
        services.decide_cost(official, cost(reporter, period, "10"), {"approve": True, "reason": "  "})


def test_statement_figures_come_from_the_records(official, alliance, period, reporter):
    services.decide_cost(official, cost(reporter, period, "900000"), {"approve": True, "reason": "ok"})
    services.decide_cost(official, cost(reporter, period, "5000"), {"approve": False, "reason": "ei kuuluu"})
    measure(official, alliance, "2025-Q1", "84")
    measure(official, alliance, "2025-Q2", "86")
    measure(official, alliance, "2026-Q1", "60")  # another period: not counted
    result = selectors.draft(selectors.period_page(period.pk)).settle()
    assert result.actual_cost == Decimal("900000")
    assert result.fee == Decimal("50000")  # 5 % of the 1 000 000 target cost
    # D = 100 000 underrun, half of it 50 000, capped at 40 000.
    assert (result.target_cost_incentive, result.cap_applied) == (Decimal("40000"), True)
    assert result.kras[0].value == Decimal("85")  # the mean of the period's two quarters
    assert result.kras[0].level == Decimal("0.5")
    assert result.kra_incentive == Decimal("25000")
    assert result.payment == Decimal("1015000.00")  # 900 000 + 50 000 + 40 000 + 25 000
    assert [share.amount for share in result.shares] == [Decimal("609000.00"), Decimal("406000.00")]


def test_approval_freezes_and_closes_the_period(official, alliance, period, reporter):
    services.decide_cost(official, cost(reporter, period, "1000"), {"approve": True, "reason": "ok"})
    audited(official, period)
    statement = services.approve_statement(official, period)
    assert statement.document["payment"] == selectors.published(period)["payment"]
    with pytest.raises(ServiceError) as refused:
        cost(reporter, period, "1")
    assert refused.value.status == 409
    assert CostLine.objects.count() == 1
    # A late result changes the figures: the correction is a new statement linked to the old one.
    measure(official, alliance, "2025-Q3", "90")
    correction = services.approve_statement(official, period)
    assert correction.replaces == statement
    assert correction.document["kras"][0]["missing"] is False
    statement.refresh_from_db()
    assert statement.document["kras"][0]["missing"] is True
    with pytest.raises(ServiceError):
        services.approve_statement(official, period)


def test_pending_costs_block_approval(official, period, reporter):
    cost(reporter, period, "1000")
    with pytest.raises(ServiceError) as refused:
        services.approve_statement(official, period)
    assert refused.value.status == 409
    assert Statement.objects.count() == 0


def test_only_the_accountable_official_approves(official, staff, procurement, period):
    core_services.assign_role(official, procurement, staff, "staff")
    with pytest.raises(PermissionDenied):
        services.approve_statement(staff, period)
    assert Statement.objects.count() == 0


def test_a_non_alliance_contract_has_no_settlement(official, alliance):
    alliance.kind = "partnership"
    alliance.save()
    with pytest.raises(ServiceError):
        services.create_period(official, alliance, period_data(alliance, label="2026", starts_on=date(2026, 1, 1),
                                                               ends_on=date(2026, 12, 31)))

from decimal import Decimal

import pytest
from django.core.management import call_command

from coprocure.alliance.models import (
    AuditReport, CostCategory, DevelopmentDraft, DevelopmentPhase, LeadershipDecision, SettlementPeriod, Statement,
)
from coprocure.domain import settlement


@pytest.mark.django_db
def test_demo_alliance_has_a_bonus_a_fee_bounded_sanction_and_a_capped_period(reference_data):
    call_command("demo")
    statements = list(Statement.objects.order_by("period__starts_on"))
    documents = [statement.document for statement in statements]
    assert len(documents) == 3
    bonus, sanction, capped = documents
    assert Decimal(bonus["kra_incentive"]) > 0
    assert Decimal(sanction["kra_incentive"]) < 0
    # Q2: the overrun share and the sanction together exceed the fee, so the fee bounds them and
    # the providers are still paid their audited costs.
    assert sanction["fee_bound_applied"] is True
    assert Decimal(sanction["bounded_downside"]) == -Decimal(sanction["fee"])
    assert Decimal(sanction["payment"]) >= Decimal(sanction["actual_cost"])
    assert capped["cap_applied"] is True
    assert all(settlement.recompute(document)[1] for document in documents)
    # The alliance as a body: a unanimous leadership decision on the cost categories, and the
    # auditor's report issued before each approved statement.
    decision = LeadershipDecision.objects.get()
    assert decision.matter == "cost_categories"
    assert {position.stance for position in decision.positions.all()} == {"supports"}
    assert CostCategory.objects.count() == 4
    for statement in statements:
        report = AuditReport.objects.get(period=statement.period)
        assert report.issued_at <= statement.approved_at
    # The development phase agreed the target cost (the second version, after a provider disagreed
    # with the first) and the KRAs before the service phase; every period uses them.
    phase = DevelopmentPhase.objects.get()
    assert phase.frozen_by.username == "espoo" and phase.target_cost == Decimal("850000")
    assert all(statement.approved_at > phase.frozen_at for statement in statements)
    assert set(SettlementPeriod.objects.values_list("target_cost", flat=True)) == {phase.target_cost}
    in_force = {draft.element: draft for draft in DevelopmentDraft.objects.filter(published_at__isnull=False)}
    assert {element: draft.version for element, draft in in_force.items()} == {
        "target_cost": 2, "kras": 1, "operating_model": 1}
    first = DevelopmentDraft.objects.get(element="target_cost", version=1)
    assert "opposes" in set(first.positions.values_list("stance", flat=True))
    kras = phase.contract.kras.all()
    assert [kra.indicators.get().code for kra in kras] == [kra["code"] for kra in in_force["kras"].kras]

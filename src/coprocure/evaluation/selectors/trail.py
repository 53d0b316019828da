"""The influence trail (what became of what people said) and the outcomes (indicators and
settlements) of one procurement."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy

from coprocure.alliance.models import Statement
from coprocure.contracts.models import DevelopmentProposal, Indicator, Measurement, ProposalStatus, ProposerKind
from coprocure.core.models import Procurement
from coprocure.core.moderation import shown
from coprocure.domain import charts, evaluation, kra_levels
from coprocure.domain.kra_levels import Direction as DomainDirection
from coprocure.market_dialogue.selectors import procurement_learnings
from coprocure.participation.models import Insight
from coprocure.tendering.models import Objective, QualityCriterion

from ._common import as_float, as_percent

LEVEL_LABELS = {
    "minimum": gettext_lazy("At or below the minimum"), "below_target": gettext_lazy("Below target"),
    "above_target": gettext_lazy("At or above target"), "excellent": gettext_lazy("Excellent"),
}


def influence(procurement: Procurement) -> dict:
    """The influence trail: each share with the records behind it, for the trail page."""
    insights = list(
        Insight.objects.filter(procurement=procurement)
        .annotate(became=Exists(Objective.objects.filter(insights=OuterRef("pk"))))
        .only("pk", "statement", "plain_summary", "status").order_by("created_at", "id")
    )
    criteria = list(
        QualityCriterion.objects.filter(tender__procurement=procurement)
        .annotate(traces=Exists(Objective.objects.filter(criteria=OuterRef("pk"), insights__isnull=False)))
        .order_by("ordering", "id")
    )
    proposals = list(
        DevelopmentProposal.objects.filter(contract__procurement=procurement)
        .only("pk", "text", "redactions", "proposer_kind", "status", "contract_id").order_by("submitted_on", "id")
    )
    insight_share = evaluation.count_share((i.pk, i.became) for i in insights)
    weight_share = evaluation.weight_share((c.pk, c.weight, c.traces) for c in criteria)
    proposal_share = evaluation.adopted_share((p.pk, p.proposer_kind, p.status) for p in proposals)
    user_proposals = [p for p in proposals if p.proposer_kind in evaluation.USER_PROPOSERS]
    for proposal in user_proposals:
        proposal.shown_text = public_proposal_text(proposal)
    return {
        "insights": {**_share(insight_share), "items": insights},
        "criteria": {**_share(weight_share), "items": criteria},
        "proposals": {**_share(proposal_share), "items": user_proposals,
                      "kinds": dict(ProposerKind.choices), "statuses": dict(ProposalStatus.choices)},
        "learnings": procurement_learnings(procurement),
    }


def _share(share: evaluation.Share) -> dict:
    return {"part": share.part, "whole": share.whole, "percent": as_percent(share.value),
            "included": set(share.included)}


def public_proposal_text(proposal: DevelopmentProposal) -> str | None:
    """A proposal's text once it has been considered (the public trail shows those); a new one
    is counted but not quoted."""
    return None if proposal.status == ProposalStatus.NEW else shown(proposal.text, proposal.redactions)


def outcomes(procurement: Procurement) -> dict:
    """Each indicator's level over time (yearly average of its values' levels), its latest
    level, a chart of its values, and the approved settlement statements."""
    indicators = list(Indicator.objects.filter(kra__contract__procurement=procurement)
                      .select_related("kra").order_by("kra__contract_id", "kra__ordering", "kra_id", "id"))
    values = defaultdict(list)
    for indicator_id, start, value in (Measurement.objects.filter(indicator__kra__contract__procurement=procurement)
                                       .values_list("indicator_id", "period_start", "value")
                                       .order_by("indicator_id", "period_start")):
        values[indicator_id].append((start, value))
    rows, yearly = [], defaultdict(list)
    for indicator in indicators:
        rules = kra_levels.Kra(str(indicator.kra_id), indicator.kra.weight, DomainDirection(indicator.direction),
                               indicator.minimum, indicator.target, indicator.excellent)
        series = values[indicator.pk]
        levels = [(start, kra_levels.kra_level(rules, value)) for start, value in series]
        years = defaultdict(list)
        for start, level in levels:
            years[start.year].append(level)
            yearly[start.year].append(level)
        latest = levels[-1][1] if levels else None
        rows.append({
            "indicator": indicator, "kra": indicator.kra, "measurements": len(series),
            "latest_value": series[-1][1] if series else None,
            "latest_level": as_float(latest), "latest_label": LEVEL_LABELS[kra_levels.level_band(latest)] if latest is not None else "",
            "years": [{"year": year, "level": as_float(sum(ls) / len(ls))} for year, ls in sorted(years.items())],
            "chart": charts.line_chart([v for _s, v in series], {
                "minimum": indicator.minimum, "target": indicator.target, "excellent": indicator.excellent,
            }) if series else None,
            "first": series[0][0] if series else None, "last": series[-1][0] if series else None,
        })
    statements = (Statement.objects.filter(period__contract__procurement=procurement, replaced_by__isnull=True)
                  .select_related("period").order_by("period__starts_on", "id"))
    settlements = [{
        "period": statement.period.label, "starts_on": statement.period.starts_on, "ends_on": statement.period.ends_on,
        "target_cost": Decimal(statement.document["model"]["target_cost"]),
        "actual_cost": Decimal(statement.document["actual_cost"]), "kra_score": Decimal(statement.document["kra_score"]),
        "payment": Decimal(statement.document["payment"]),
    } for statement in statements]
    return {"indicators": rows, "settlements": settlements,
            "yearly_levels": {year: sum(ls) / len(ls) for year, ls in yearly.items()}}

"""Reads for settlement pages and the API: the domain inputs are built from the records here."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Prefetch
from django.http import Http404
from django.urls import reverse

from coprocure.contracts.models import Contract, Measurement
from coprocure.contracts.selectors import settlement_kras
from coprocure.core import visibility
from coprocure.domain import development, settlement
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError

from .models import (
    AuditReport, CostLine, CostStatus, DevelopmentDraft, DevelopmentPhase, DraftPosition, Element, LeadershipDecision,
    PartyPosition, ProviderSplit, SettlementPeriod, Statement,
)


def visible_alliance(user, pk: int) -> Contract:
    contract = Contract.objects.select_related("procurement__authority").filter(pk=pk, kind="alliance").first()
    if contract is None or not user.has_perm("alliance.view", contract):
        raise Http404
    return contract


def periods_of(contract: Contract):
    return contract.settlement_periods.prefetch_related("statements").order_by("starts_on")


def _period_query():
    return SettlementPeriod.objects.select_related("contract__procurement__authority").prefetch_related(
        Prefetch("splits", queryset=ProviderSplit.objects.select_related("party")),
        Prefetch("cost_lines", queryset=CostLine.objects.select_related("party", "decided_by")),
        Prefetch("statements", queryset=Statement.objects.select_related("approved_by")),
        Prefetch("audit_reports", queryset=AuditReport.objects.select_related("auditor")),
    )


def period_page(pk: int) -> SettlementPeriod | None:
    return _period_query().filter(pk=pk).first()


def visible_period(user, pk: int) -> SettlementPeriod:
    period = period_page(pk)
    if period is None or not user.has_perm("alliance.view", period.contract):
        raise Http404
    return period


def visible_period_by_label(user, contract_pk: int, label: str) -> SettlementPeriod:
    contract = visible_alliance(user, contract_pk)
    period = _period_query().filter(contract=contract, label=label).first()
    if period is None:
        raise Http404
    return period


def visible_cost_line(user, pk: int) -> CostLine:
    line = CostLine.objects.select_related("period__contract__procurement", "party").filter(pk=pk).first()
    if line is None or not user.has_perm("alliance.view", line.period.contract):
        raise Http404
    return line


def latest_statement(period: SettlementPeriod) -> Statement | None:
    statements = list(period.statements.all())
    return statements[0] if statements else None


def commercial_model(period: SettlementPeriod, kras=None) -> settlement.CommercialModel:
    kras = settlement_kras(period.contract) if kras is None else kras
    return settlement.CommercialModel(
        target_cost=period.target_cost,
        fee=settlement.Fee(settlement.FeeKind(period.fee_kind), period.fee_amount),
        gain_share=period.gain_share, pain_share=period.pain_share,
        gain_cap=period.gain_cap, pain_cap=period.pain_cap,
        kra_bonus_pool=period.kra_bonus_pool, kra_sanction_pool=period.kra_sanction_pool,
        missing_kra=settlement.MissingValue(period.missing_kra), downside_beyond_fee=period.downside_beyond_fee,
        kras=tuple(domain_kra for _kra, domain_kra in kras),
        split=tuple(settlement.ProviderShare(str(split.party_id), split.percent) for split in period.splits.all()),
    )


def kra_values(period: SettlementPeriod, kras) -> dict[str, Decimal | None]:
    """Each KRA's value for the period: the mean of its main indicator's measurements whose
    reporting period lies wholly inside the settlement period; None when there are none."""
    indicators = {domain_kra.id: kra.main_indicator.pk for kra, domain_kra in kras}
    # One grouped query for all the KRAs, so the statement's query count does not grow with them.
    means = dict(
        Measurement.objects.filter(
            indicator__in=indicators.values(), period_start__gte=period.starts_on, period_end__lte=period.ends_on,
        ).order_by().values("indicator").annotate(mean=Avg("value")).values_list("indicator", "mean")
    )
    values = {}
    for kra_id, indicator in indicators.items():
        mean = means.get(indicator)
        values[kra_id] = None if mean is None else Decimal(mean).quantize(Decimal("0.0001"))
    return values


def domain_period(period: SettlementPeriod, kras) -> settlement.Period:
    return settlement.Period(
        label=period.label,
        cost_lines=tuple(settlement.CostLine(str(line.pk), line.amount, line.status == CostStatus.APPROVED)
                         for line in period.cost_lines.all()),
        kra_values=kra_values(period, kras),
    )


@dataclass(frozen=True)
class Draft:
    kras: list
    model: settlement.CommercialModel
    period: settlement.Period

    def settle(self) -> settlement.Settlement:
        return settlement.settle(self.model, self.period)


def draft(period: SettlementPeriod) -> Draft:
    kras = settlement_kras(period.contract)
    return Draft(kras, commercial_model(period, kras), domain_period(period, kras))


def published(period: SettlementPeriod) -> dict:
    """The frozen document when the period is settled, otherwise the current computation."""
    statement = latest_statement(period)
    if statement is not None:
        return {"status": "approved", **statement.document}
    try:
        result = draft(period).settle()
    except DomainError as error:
        raise ServiceError.from_domain(error, status=409) from None
    return {"status": "draft", **settlement.to_json_dict(result)}


def leadership_of(contract: Contract):
    """The leadership group's decisions with each party's position, newest first."""
    return (LeadershipDecision.objects.filter(contract=contract)
            .select_related("decision__accountable_official", "decision__contract__procurement")
            .prefetch_related(Prefetch("positions", queryset=PartyPosition.objects.select_related("party")),
                              "categories"))


def open_book(period: SettlementPeriod):
    """Every cost line of the period with its evidence and decision, and the audit reports."""
    lines = period.cost_lines.select_related("party", "reported_by", "decided_by").order_by("id")
    return lines, period.audit_reports.select_related("auditor")


@dataclass(frozen=True)
class DraftRow:
    draft: DevelopmentDraft
    readable: bool  # the visibility policy: the alliance's parties until agreed and frozen, then everyone
    agreed: bool
    newest: bool


def development_of(user, contract: Contract) -> tuple[DevelopmentPhase | None, dict[str, list[DraftRow]]]:
    """The development phase and every draft of each element, newest first, with each party's position."""
    phase = DevelopmentPhase.objects.select_related("frozen_by").filter(contract=contract).first()
    parties = [str(pk) for pk in contract.parties.values_list("pk", flat=True)]
    drafts = (contract.development_drafts.select_related("party", "proposed_by", "contract__procurement")
              .prefetch_related(Prefetch("positions", queryset=DraftPosition.objects.select_related("party")))
              .order_by("element", "-version"))
    rows: dict[str, list[DraftRow]] = {element: [] for element in Element.values}
    for draft in drafts:
        positions = {str(position.party_id): position.stance for position in draft.positions.all()}
        rows[draft.element].append(DraftRow(draft, visibility.may_show(user, draft, "target_cost"),
                                            development.is_agreed(parties, positions), not rows[draft.element]))
    return phase, rows


def visible_draft(user, pk: int) -> DevelopmentDraft:
    draft = DevelopmentDraft.objects.select_related("contract__procurement__authority").filter(pk=pk).first()
    if draft is None or not user.has_perm("alliance.view", draft.contract):
        raise Http404
    return draft


def kras_kept(contract: Contract) -> DomainError | None:
    """Registered with the contracts app (KRA_KEEPERS): an alliance's KRAs are agreed in its
    development phase and, once the switch froze the agreed ones into the contract, change only
    here (an amendment is not built, so not at all). An alliance frozen with no drafts (migrated
    from before the development phase) keeps its KRAs in the contracts app."""
    if contract.kind != "alliance":
        return None
    page = {"url": reverse("alliance_development", args=[contract.pk])}
    phase = DevelopmentPhase.objects.filter(contract=contract).first()
    if phase is None or phase.frozen_at is None:
        return DomainError("development_kras_in_development", None, page)
    if contract.development_drafts.filter(element=Element.KRAS, published_at__isnull=False).exists():
        return DomainError("development_kras_frozen", None, page)
    return None

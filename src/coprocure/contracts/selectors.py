"""Reads for contract pages and the API, with everything a page shows fetched up front."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone

from coprocure.core.models import Procurement
from coprocure.domain import charts, kra_levels, reporting

from .models import (
    Amendment, Contract, Decision, DevelopmentProposal, Direction, Indicator, Kra, Measurement, Meeting, MemberPosition,
    SteeringMember,
)
from coprocure.participation.models import Answer
from coprocure.tendering.models import Objective, QualityCriterion

from .services import LIKERT_NUMBER, domain_indicator, expected_reports


def contracts_of(procurement: Procurement) -> QuerySet[Contract]:
    return procurement.contracts.prefetch_related("parties").order_by("-starts_on", "id")


def contract_page(pk: int) -> Contract:
    return (
        Contract.objects.select_related("procurement__authority")
        .prefetch_related(
            "parties", "documents",
            Prefetch("amendments", queryset=Amendment.objects.select_related("decision")),
            Prefetch("steering_members", queryset=SteeringMember.objects.select_related("organisation", "deputy_for")),
            Prefetch("meetings", queryset=Meeting.objects.order_by("-starts_at")),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class CarriedOver:
    """The tender's objectives and quality criteria, which the contract period works towards."""

    objectives: list
    criteria: list


def carried_over(contract: Contract) -> CarriedOver:
    objectives = Objective.objects.filter(procurement=contract.procurement_id).order_by("created_at", "pk")
    criteria = (QualityCriterion.objects.filter(tender__procurement=contract.procurement_id)
                .prefetch_related(Prefetch("objectives", queryset=Objective.objects.order_by("created_at", "pk")))
                .order_by("ordering", "pk"))
    return CarriedOver(list(objectives), list(criteria))


def procurement_id_of_contract(pk: int) -> int | None:
    return Contract.objects.filter(pk=pk).values_list("procurement_id", flat=True).first()


def visible_contract(user, pk: int) -> Contract:
    """The contract, or 404 alike for a missing one and one this person may not see."""
    try:
        contract = contract_page(pk)
    except Contract.DoesNotExist:
        raise Http404 from None
    if not user.has_perm("contracts.view", contract.procurement):
        raise Http404
    return contract


def _positions() -> Prefetch:
    return Prefetch("positions", queryset=MemberPosition.objects.select_related("member"))


def decisions_of(contract: Contract) -> QuerySet[Decision]:
    return (contract.decisions.select_related("accountable_official", "meeting").prefetch_related(_positions())
            .order_by("-decided_on", "-number"))


def visible_meeting(user, pk: int) -> Meeting:
    meeting = (
        Meeting.objects.select_related("contract__procurement__authority")
        .prefetch_related("attendees", "compensations__member", "decisions__accountable_official")
        .filter(pk=pk).first()
    )
    if meeting is None or not user.has_perm("contracts.view", meeting.contract.procurement):
        raise Http404
    return meeting


def decisions_of_meeting(meeting: Meeting) -> QuerySet[Decision]:
    return meeting.decisions.select_related("contract__procurement", "accountable_official")


def visible_decision(user, pk: int) -> Decision:
    decision = (
        Decision.objects.select_related("contract__procurement__authority", "accountable_official", "meeting")
        .prefetch_related(_positions()).filter(pk=pk).first()
    )
    if decision is None or not user.has_perm("contracts.view", decision.contract.procurement):
        raise Http404
    return decision


def kras_of(contract: Contract) -> QuerySet[Kra]:
    measurements = Measurement.objects.order_by("period_start")
    indicators = Indicator.objects.select_related("reported_by").prefetch_related(Prefetch("measurements", queryset=measurements))
    return contract.kras.prefetch_related(Prefetch("indicators", queryset=indicators))


def settlement_kras(contract: Contract) -> list[tuple[Kra, kra_levels.Kra]]:
    """Each KRA as the settlement rules read it: its weight with its main indicator's levels."""
    result = []
    for kra in kras_of(contract):
        indicator = kra.main_indicator
        if indicator is not None:
            result.append((kra, domain_indicator(indicator, weight=kra.weight)))
    return result


@dataclass(frozen=True)
class Outcome:
    kra: Kra
    indicator: Indicator
    measurements: list[Measurement]
    chart: charts.Chart
    level: Decimal | None
    level_label: str
    trend: str  # "better", "worse", "same" or "" with fewer than two values
    late: list[reporting.ExpectedReport]  # past their deadline, not reported
    missing: list[reporting.ExpectedReport]  # long past their deadline, not reported


@dataclass(frozen=True)
class Area:
    kra: Kra
    outcomes: list[Outcome]


def outcome_areas(contract: Contract) -> list[Area]:
    """Each KRA with each of its indicators' values, chart, current level and trend."""
    today = timezone.localdate()
    return [Area(kra, [_outcome(contract, kra, indicator, today) for indicator in kra.indicators.all()])
            for kra in kras_of(contract)]


def _outcome(contract: Contract, kra: Kra, indicator: Indicator, today) -> Outcome:
    measurements = list(indicator.measurements.all())
    values = [m.value for m in measurements]
    chart = charts.line_chart(values, {"minimum": indicator.minimum, "target": indicator.target,
                                       "excellent": indicator.excellent})
    level = kra_levels.kra_level(domain_indicator(indicator, weight=kra.weight), values[-1]) if values else None
    trend = ""
    if len(values) > 1:
        change = values[-1] - values[-2]
        if indicator.direction == Direction.LOWER_IS_BETTER:
            change = -change
        trend = "better" if change > 0 else "worse" if change < 0 else "same"
    reports = expected_reports(contract, indicator, today)
    return Outcome(kra, indicator, measurements, chart, level, kra_levels.level_band(level) if level is not None else "", trend,
                   [r for r in reports if r.state is reporting.ReportState.LATE],
                   [r for r in reports if r.state is reporting.ReportState.MISSING])


@dataclass(frozen=True)
class ReportFlag:
    indicator: Indicator
    late: list[reporting.ExpectedReport]
    missing: list[reporting.ExpectedReport]


def report_flags(contract: Contract) -> list[ReportFlag]:
    """The indicators with late or missing reports, for the contract page."""
    today = timezone.localdate()
    flags = []
    for kra in kras_of(contract):
        for indicator in kra.indicators.all():
            reports = expected_reports(contract, indicator, today)
            late = [r for r in reports if r.state is reporting.ReportState.LATE]
            missing = [r for r in reports if r.state is reporting.ReportState.MISSING]
            if late or missing:
                flags.append(ReportFlag(indicator, late, missing))
    return flags


def proposals_of(contract: Contract) -> QuerySet[DevelopmentProposal]:
    return contract.proposals.select_related("owner").prefetch_related("kras")


def trail_of(contract: Contract) -> QuerySet[DevelopmentProposal]:
    """The public "you said, we did" trail: proposals whose text staff have checked, with
    their status, received ones included."""
    return proposals_of(contract).filter(published_on__isnull=False)


def proposal_by_reference(user, reference: str) -> DevelopmentProposal:
    """The idea a person follows by its reference (already normalised), if they may see its
    contract; 404 alike for an unknown reference and a hidden one."""
    proposal = (DevelopmentProposal.objects.select_related("contract__procurement").prefetch_related("kras")
                .filter(reference=reference).first())
    if proposal is None or not user.has_perm("contracts.view", proposal.contract.procurement):
        raise Http404
    return proposal


def visible_proposal(user, pk: int) -> DevelopmentProposal:
    proposal = DevelopmentProposal.objects.select_related("contract__procurement").filter(pk=pk).first()
    if proposal is None or not user.has_perm("contracts.view", proposal.contract.procurement):
        raise Http404
    return proposal


def visible_kra(user, pk: int) -> Kra:
    kra = Kra.objects.select_related("contract__procurement").filter(pk=pk).first()
    if kra is None or not user.has_perm("contracts.view", kra.contract.procurement):
        raise Http404
    return kra


def visible_indicator(user, pk: int) -> Indicator:
    indicator = Indicator.objects.select_related("kra__contract__procurement").filter(pk=pk).first()
    if indicator is None or not user.has_perm("contracts.view", indicator.kra.contract.procurement):
        raise Http404
    return indicator


@dataclass(frozen=True)
class Round:
    survey_round: object
    result: reporting.SurveyValue
    measurement: Measurement | None
    ended: bool


def survey_rounds(indicator: Indicator) -> list[Round]:
    """Each round with its answers so far: one grouped query for all rounds, summed per day."""
    rounds = list(indicator.survey_rounds.select_related("survey", "question"))
    per_day = (
        Answer.objects.filter(question__indicator_rounds__indicator=indicator).order_by()
        .values("response__answered_on").annotate(answers=Count("pk"), total=Sum(Cast("value", LIKERT_NUMBER)))
    )
    days = [(row["response__answered_on"], row["answers"], row["total"]) for row in per_day]
    measured = {m.period_start: m for m in indicator.measurements.all()}
    today = timezone.localdate()
    result = []
    for survey_round in rounds:
        inside = [(n, total) for day, n, total in days if survey_round.period_start <= day <= survey_round.period_end]
        answers = sum(n for n, _total in inside)
        mean = sum(total for _n, total in inside) / answers if answers else None
        result.append(Round(survey_round, reporting.survey_value(answers, mean), measured.get(survey_round.period_start),
                            survey_round.period_end < today))
    return result


def visible_record(user, model, pk: int):
    """A steering member, meeting, KRA, indicator or document with its contract, or 404."""
    path = "kra__contract__procurement" if model is Indicator else "contract__procurement"
    record = model.objects.select_related(path).filter(pk=pk).first()
    contract = None if record is None else (record.kra.contract if model is Indicator else record.contract)
    if contract is None or not user.has_perm("contracts.view", contract.procurement):
        raise Http404
    return record, contract


def visible_flag(user, pk: int):
    """A flagged survey figure, for those who may see its contract."""
    from .models import FigureFlag

    flag = FigureFlag.objects.select_related("indicator__kra__contract__procurement", "cleared_by").filter(pk=pk).first()
    if flag is None or not user.has_perm("contracts.view", flag.indicator.kra.contract.procurement):
        raise Http404
    return flag

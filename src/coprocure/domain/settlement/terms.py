"""The commercial terms of a settlement period and the figures a period reports, with the checks
that refuse terms or figures no settlement could be computed from."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from .. import exact
from ..errors import DomainError
from ..kra_levels import Kra, check_kra

DOCUMENT_FORMAT = "coprocure.settlement"
# 2: the fee's basis, the missing-value term and the fee bound on the downside.
DOCUMENT_VERSION = 2
WHOLE_SPLIT = Decimal(100)


class FeeKind(StrEnum):
    """The fee's basis, a term of the alliance agreement."""

    TARGET_RATE = "target_rate"  # a fraction of the target cost, e.g. 0.08 for 8 % (the default)
    FIXED = "fixed"  # euros for the period
    # A fraction of the actual cost: allowed only where spending more can never raise the
    # providers' margin (``check_model``), and always flagged on the statement.
    RATE = "rate"


class MissingValue(StrEnum):
    """How an unreported KRA value counts, a term of each contract shown on every statement."""

    MINIMUM = "minimum"  # the worst level, −1: not measuring must not pay (the default)
    TARGET = "target"  # level 0, neither bonus nor sanction


@dataclass(frozen=True)
class Fee:
    kind: FeeKind
    amount: Decimal


@dataclass(frozen=True)
class ProviderShare:
    provider_id: str
    percent: Decimal  # of the whole payment; a model's percentages sum to 100


@dataclass(frozen=True)
class CommercialModel:
    """The commercial terms agreed for one period."""

    target_cost: Decimal
    fee: Fee
    gain_share: Decimal  # the providers' fraction of an underrun, 0..1
    pain_share: Decimal  # the providers' fraction of an overrun, 0..1
    kra_bonus_pool: Decimal
    kra_sanction_pool: Decimal
    kras: tuple[Kra, ...]
    split: tuple[ProviderShare, ...]
    gain_cap: Decimal | None = None  # euros; None means uncapped
    pain_cap: Decimal | None = None
    missing_kra: MissingValue = MissingValue.MINIMUM
    # The seeds' alliance puts "part of the fee" at risk: the target-cost pain share and the KRA
    # sanction together never exceed the fee, so the payment never falls below the approved
    # actual cost. Only an agreement that explicitly says otherwise sets this (and the statement
    # says so).
    downside_beyond_fee: bool = False


@dataclass(frozen=True)
class CostLine:
    id: str
    amount: Decimal
    # Lines not approved stay in the record so that a provider can see what was left out.
    approved: bool = True


@dataclass(frozen=True)
class Period:
    label: str
    cost_lines: tuple[CostLine, ...]
    kra_values: Mapping[str, Decimal | None] = field(default_factory=dict)


@dataclass(frozen=True)
class KraOutcome:
    kra_id: str
    value: Decimal | None
    level: Decimal
    missing: bool  # no value was reported: counted at the minimum level, and shown as such
    weighted_level: Decimal


@dataclass(frozen=True)
class ProviderPayment:
    provider_id: str
    percent: Decimal
    exact_share: Decimal  # this provider's percentage of the exact payment
    amount: Decimal  # cents actually paid; the amounts add up to the rounded payment


@dataclass(frozen=True)
class Settlement:
    model: CommercialModel
    period: Period
    actual_cost: Decimal  # AC: sum of the approved cost lines
    fee: Decimal  # F
    deviation: Decimal  # D = target cost − AC; positive is an underrun
    uncapped_incentive: Decimal
    target_cost_incentive: Decimal
    cap_applied: bool
    kras: tuple[KraOutcome, ...]
    kra_score: Decimal  # S = Σ weight × level
    kra_incentive: Decimal
    downside: Decimal  # the pain share and the KRA sanction together (≤ 0), before the fee bound
    bounded_downside: Decimal  # the downside paid: at least −F unless the agreement says otherwise
    fee_bound_applied: bool
    payment_exact: Decimal  # AC + F + the positive incentives + the bounded downside
    payment: Decimal  # rounded to cents, half up
    shares: tuple[ProviderPayment, ...]


def _non_negative(value: Decimal, field: str, params: dict[str, Any] | None = None) -> None:
    if not exact.is_finite(value) or value < 0:
        raise DomainError("negative_amount", field, params or {})


def check_model(model: CommercialModel) -> None:
    _non_negative(model.target_cost, "target_cost")
    try:
        FeeKind(model.fee.kind)
    except ValueError:
        raise DomainError("fee_kind_unknown", "fee") from None
    try:
        MissingValue(model.missing_kra)
    except ValueError:
        raise DomainError("missing_kra_term_unknown", "missing_kra") from None
    _non_negative(model.fee.amount, "fee")
    for name in ("gain_share", "pain_share"):
        share = getattr(model, name)
        if not exact.is_finite(share) or not Decimal(0) <= share <= Decimal(1):
            raise DomainError("share_out_of_range", name)
    for name in ("gain_cap", "pain_cap"):
        if getattr(model, name) is not None:
            _non_negative(getattr(model, name), name)
    _non_negative(model.kra_bonus_pool, "kra_bonus_pool")
    _non_negative(model.kra_sanction_pool, "kra_sanction_pool")
    if margin_rises_with_spending(model):
        raise DomainError("fee_rewards_spending", "fee")

    check_kras(model.kras)

    providers: set[str] = set()
    for share in model.split:
        if share.provider_id in providers:
            raise DomainError("duplicate_provider", "split", {"provider": share.provider_id})
        providers.add(share.provider_id)
        if not exact.is_finite(share.percent) or share.percent < 0:
            raise DomainError("split_negative", "split", {"provider": share.provider_id})
    with exact.exact():
        percent = sum((share.percent for share in model.split), Decimal(0))
    if percent != WHOLE_SPLIT:
        raise DomainError("split_not_100", "split", {"sum": exact.text(percent)})


def check_kras(kras: Sequence[Kra]) -> None:
    """Each KRA once, with a weight that is not negative and levels in order; the weights sum to 1.
    Also the alliance's development phase agrees its KRAs by these rules (``domain.development``)."""
    seen: set[str] = set()
    for kra in kras:
        if kra.id in seen:
            raise DomainError("duplicate_kra", "kras", {"kra": kra.id})
        seen.add(kra.id)
        # A negative weight would make a better outcome lower the providers' payment.
        if not exact.is_finite(kra.weight) or kra.weight < 0:
            raise DomainError("kra_weight_negative", "kras", {"kra": kra.id})
        check_kra(kra)
    with exact.exact():
        weights = sum((kra.weight for kra in kras), Decimal(0))
    # A model without KRAs is a plain target-cost alliance: there are no weights to add up.
    if kras and weights != 1:
        raise DomainError("kra_weights_not_1", "kras", {"sum": exact.text(weights)})


def margin_rises_with_spending(model: CommercialModel) -> bool:
    """Whether some extra euro of actual cost would raise the providers' margin (fee plus
    incentives). Only a fee on actual cost can do that: it grows by ``rate`` with each euro, so
    every euro must take away at least as much through the shared saving or overrun, and no
    cap may stop the sharing (past a cap, spending more would earn the rate alone)."""
    if model.fee.kind != FeeKind.RATE:
        return False
    rate = model.fee.amount
    return (model.gain_cap is not None or model.pain_cap is not None
            or model.gain_share < rate or model.pain_share < rate)


def warnings(model: CommercialModel) -> tuple[str, ...]:
    """What the statement and the terms form point out even where the terms are allowed."""
    found = []
    if model.fee.kind == FeeKind.RATE:
        found.append("fee_on_actual_cost")
    if model.downside_beyond_fee:
        found.append("downside_beyond_fee")
    return tuple(found)


def check_period(period: Period, model: CommercialModel) -> None:
    for line in period.cost_lines:
        _non_negative(line.amount, "cost_lines", {"line": line.id})
    known = {kra.id for kra in model.kras}
    for kra_id, value in period.kra_values.items():
        if kra_id not in known:
            raise DomainError("unknown_kra", "kra_values", {"kra": kra_id})
        if value is not None and not exact.is_finite(value):
            raise DomainError("kra_value_not_finite", "kra_values", {"kra": kra_id})

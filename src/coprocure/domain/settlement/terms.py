"""The commercial terms of a settlement period and the figures a period reports, with the checks
that refuse terms or figures no settlement could be computed from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from .. import exact
from ..errors import DomainError
from ..kra_levels import Kra, check_kra

DOCUMENT_FORMAT = "coprocure.settlement"
DOCUMENT_VERSION = 1
WHOLE_SPLIT = Decimal(100)


class FeeKind(StrEnum):
    RATE = "rate"  # a fraction of the actual reimbursable cost, e.g. 0.08 for 8 %
    FIXED = "fixed"  # euros for the period


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
    payment_exact: Decimal  # AC + F + target-cost incentive + KRA incentive
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

    seen: set[str] = set()
    for kra in model.kras:
        if kra.id in seen:
            raise DomainError("duplicate_kra", "kras", {"kra": kra.id})
        seen.add(kra.id)
        # A negative weight would make a better outcome lower the providers' payment.
        if not exact.is_finite(kra.weight) or kra.weight < 0:
            raise DomainError("kra_weight_negative", "kras", {"kra": kra.id})
        check_kra(kra)
    with exact.exact():
        weights = sum((kra.weight for kra in model.kras), Decimal(0))
    # A model without KRAs is a plain target-cost alliance: there are no weights to add up.
    if model.kras and weights != 1:
        raise DomainError("kra_weights_not_1", "kras", {"sum": exact.text(weights)})

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


def check_period(period: Period, model: CommercialModel) -> None:
    for line in period.cost_lines:
        _non_negative(line.amount, "cost_lines", {"line": line.id})
    known = {kra.id for kra in model.kras}
    for kra_id, value in period.kra_values.items():
        if kra_id not in known:
            raise DomainError("unknown_kra", "kra_values", {"kra": kra_id})
        if value is not None and not exact.is_finite(value):
            raise DomainError("kra_value_not_finite", "kra_values", {"kra": kra_id})

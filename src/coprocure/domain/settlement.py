"""Settling one period of an alliance contract: what the providers are paid and why.

In an alliance the providers are reimbursed their actual cost, earn a fee on top, and share
with the authority both the savings and the overruns against an agreed target cost, so that
nobody gains by spending more. Their result also moves with the key result areas (KRAs), the
outcomes that matter to the people served. Every euro of the payment is public money, so the
settlement shows each intermediate figure and is computed with exact decimals, rounded to
cents once, at the end, so that anyone holding the published document can recompute it to the
cent (``recompute``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum
from typing import Any

from . import exact
from .errors import DomainError
from .kra_levels import LEVEL_MIN, Direction, Kra, check_kra, kra_level

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


def _check_model(model: CommercialModel) -> None:
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


def _check_period(period: Period, model: CommercialModel) -> None:
    for line in period.cost_lines:
        _non_negative(line.amount, "cost_lines", {"line": line.id})
    known = {kra.id for kra in model.kras}
    for kra_id, value in period.kra_values.items():
        if kra_id not in known:
            raise DomainError("unknown_kra", "kra_values", {"kra": kra_id})
        if value is not None and not exact.is_finite(value):
            raise DomainError("kra_value_not_finite", "kra_values", {"kra": kra_id})


def allocate(payment: Decimal, split: Iterable[ProviderShare]) -> tuple[Decimal, ...]:
    """Split a payment in cents by percentages so that the parts add up to it exactly.

    Largest remainder: every provider gets the cents its percentage covers in full, and the
    few cents left over go to the largest fractions. Equal fractions go to the larger
    percentage, then by provider id, so the order the providers are listed in never matters.
    """
    shares = list(split)
    with exact.exact():
        cents = int(payment.scaleb(2))
        owed = [cents * share.percent / WHOLE_SPLIT for share in shares]
    whole = [int(amount.to_integral_value(rounding=ROUND_FLOOR)) for amount in owed]
    left_over = cents - sum(whole)
    order = sorted(range(len(shares)), key=lambda i: (-(owed[i] - whole[i]), -shares[i].percent, shares[i].provider_id))
    for index in order[:left_over]:
        whole[index] += 1
    return tuple(Decimal(amount).scaleb(-2) for amount in whole)


def settle(model: CommercialModel, period: Period) -> Settlement:
    """Validate the terms and the period's figures and compute the providers' payment."""
    _check_model(model)
    _check_period(period, model)
    with exact.exact():
        actual = sum((line.amount for line in period.cost_lines if line.approved), Decimal(0))
        fee = model.fee.amount * actual if model.fee.kind == FeeKind.RATE else model.fee.amount
        deviation = model.target_cost - actual
        if deviation >= 0:
            uncapped = model.gain_share * deviation
            incentive = uncapped if model.gain_cap is None else min(uncapped, model.gain_cap)
        else:
            uncapped = model.pain_share * deviation
            incentive = uncapped if model.pain_cap is None else max(uncapped, -model.pain_cap)

        outcomes = []
        for kra in model.kras:
            value = period.kra_values.get(kra.id)
            # An unreported outcome counts as the worst: otherwise not measuring would pay.
            level = LEVEL_MIN if value is None else kra_level(kra, value)
            outcomes.append(KraOutcome(kra.id, value, level, value is None, kra.weight * level))
        score = sum((outcome.weighted_level for outcome in outcomes), Decimal(0))
        kra_incentive = score * (model.kra_bonus_pool if score >= 0 else model.kra_sanction_pool)

        payment_exact = actual + fee + incentive + kra_incentive
        payment = exact.to_cents(payment_exact)
        amounts = allocate(payment, model.split)
        shares = tuple(
            ProviderPayment(share.provider_id, share.percent, payment_exact * share.percent / WHOLE_SPLIT, amount)
            for share, amount in zip(model.split, amounts, strict=True)
        )
    return Settlement(
        model=model,
        period=period,
        actual_cost=actual,
        fee=fee,
        deviation=deviation,
        uncapped_incentive=uncapped,
        target_cost_incentive=incentive,
        cap_applied=incentive != uncapped,
        kras=tuple(outcomes),
        kra_score=score,
        kra_incentive=kra_incentive,
        payment_exact=payment_exact,
        payment=payment,
        shares=shares,
    )


def _model_to_json(model: CommercialModel) -> dict[str, Any]:
    text, optional = exact.text, exact.optional_text
    return {
        "target_cost": text(model.target_cost),
        "fee": {"kind": FeeKind(model.fee.kind).value, "amount": text(model.fee.amount)},
        "gain_share": text(model.gain_share),
        "pain_share": text(model.pain_share),
        "gain_cap": optional(model.gain_cap),
        "pain_cap": optional(model.pain_cap),
        "kra_bonus_pool": text(model.kra_bonus_pool),
        "kra_sanction_pool": text(model.kra_sanction_pool),
        "kras": [
            {
                "id": kra.id,
                "weight": text(kra.weight),
                "direction": Direction(kra.direction).value,
                "minimum": text(kra.minimum),
                "target": text(kra.target),
                "excellent": text(kra.excellent),
            }
            for kra in model.kras
        ],
        "split": [{"provider_id": share.provider_id, "percent": text(share.percent)} for share in model.split],
    }


def to_json_dict(result: Settlement) -> dict[str, Any]:
    """The published form: plain JSON types, every decimal as an exact string."""
    text, optional = exact.text, exact.optional_text
    return {
        "format": DOCUMENT_FORMAT,
        "version": DOCUMENT_VERSION,
        "model": _model_to_json(result.model),
        "period": {
            "label": result.period.label,
            "cost_lines": [
                {"id": line.id, "amount": text(line.amount), "approved": line.approved}
                for line in result.period.cost_lines
            ],
            "kra_values": {kra_id: optional(value) for kra_id, value in result.period.kra_values.items()},
        },
        "actual_cost": text(result.actual_cost),
        "fee": text(result.fee),
        "deviation": text(result.deviation),
        "uncapped_incentive": text(result.uncapped_incentive),
        "target_cost_incentive": text(result.target_cost_incentive),
        "cap_applied": result.cap_applied,
        "kras": [
            {
                "kra_id": outcome.kra_id,
                "value": optional(outcome.value),
                "level": text(outcome.level),
                "missing": outcome.missing,
                "weighted_level": text(outcome.weighted_level),
            }
            for outcome in result.kras
        ],
        "kra_score": text(result.kra_score),
        "kra_incentive": text(result.kra_incentive),
        "payment_exact": text(result.payment_exact),
        "payment": text(result.payment),
        "shares": [
            {"provider_id": share.provider_id, "percent": text(share.percent), "exact_share": text(share.exact_share),
             "amount": text(share.amount)}
            for share in result.shares
        ],
    }


def _enum(kind: type[StrEnum], value: Any, path: str) -> Any:
    try:
        return kind(exact.string(value, path))
    except ValueError:
        raise exact.invalid(path, "unknown value") from None


def _field(data: Any, key: str, path: str, read: Any) -> Any:
    return read(exact.item(data, key, path), f"{path}.{key}" if path else key)


def _kra_from_json(entry: Any, path: str) -> Kra:
    return Kra(
        id=_field(entry, "id", path, exact.string),
        weight=_field(entry, "weight", path, exact.decimal),
        direction=_field(entry, "direction", path, lambda value, at: _enum(Direction, value, at)),
        minimum=_field(entry, "minimum", path, exact.decimal),
        target=_field(entry, "target", path, exact.decimal),
        excellent=_field(entry, "excellent", path, exact.decimal),
    )


def _model_from_json(data: Any) -> CommercialModel:
    path = "model"
    fee = exact.item(data, "fee", path)
    return CommercialModel(
        target_cost=_field(data, "target_cost", path, exact.decimal),
        fee=Fee(
            kind=_field(fee, "kind", "model.fee", lambda value, at: _enum(FeeKind, value, at)),
            amount=_field(fee, "amount", "model.fee", exact.decimal),
        ),
        gain_share=_field(data, "gain_share", path, exact.decimal),
        pain_share=_field(data, "pain_share", path, exact.decimal),
        gain_cap=_field(data, "gain_cap", path, exact.optional_decimal),
        pain_cap=_field(data, "pain_cap", path, exact.optional_decimal),
        kra_bonus_pool=_field(data, "kra_bonus_pool", path, exact.decimal),
        kra_sanction_pool=_field(data, "kra_sanction_pool", path, exact.decimal),
        kras=tuple(
            _kra_from_json(entry, f"model.kras[{index}]")
            for index, entry in enumerate(_field(data, "kras", path, exact.array))
        ),
        split=tuple(
            ProviderShare(
                provider_id=_field(entry, "provider_id", f"model.split[{index}]", exact.string),
                percent=_field(entry, "percent", f"model.split[{index}]", exact.decimal),
            )
            for index, entry in enumerate(_field(data, "split", path, exact.array))
        ),
    )


def _period_from_json(data: Any) -> Period:
    path = "period"
    lines = []
    for index, entry in enumerate(_field(data, "cost_lines", path, exact.array)):
        at = f"period.cost_lines[{index}]"
        lines.append(CostLine(
            id=_field(entry, "id", at, exact.string),
            amount=_field(entry, "amount", at, exact.decimal),
            approved=_field(entry, "approved", at, exact.boolean),
        ))
    values = _field(data, "kra_values", path, exact.mapping)
    return Period(
        label=_field(data, "label", path, exact.string),
        cost_lines=tuple(lines),
        kra_values={
            kra_id: exact.optional_decimal(value, f"period.kra_values.{kra_id}") for kra_id, value in values.items()
        },
    )


def from_json_dict(data: Any) -> Settlement:
    """Read a published settlement back as it stands, without checking that its figures add up."""
    exact.check_header(data, DOCUMENT_FORMAT, DOCUMENT_VERSION)
    outcomes = []
    for index, entry in enumerate(_field(data, "kras", "", exact.array)):
        at = f"kras[{index}]"
        outcomes.append(KraOutcome(
            kra_id=_field(entry, "kra_id", at, exact.string),
            value=_field(entry, "value", at, exact.optional_decimal),
            level=_field(entry, "level", at, exact.decimal),
            missing=_field(entry, "missing", at, exact.boolean),
            weighted_level=_field(entry, "weighted_level", at, exact.decimal),
        ))
    shares = []
    for index, entry in enumerate(_field(data, "shares", "", exact.array)):
        at = f"shares[{index}]"
        shares.append(ProviderPayment(
            provider_id=_field(entry, "provider_id", at, exact.string),
            percent=_field(entry, "percent", at, exact.decimal),
            exact_share=_field(entry, "exact_share", at, exact.decimal),
            amount=_field(entry, "amount", at, exact.decimal),
        ))
    return Settlement(
        model=_model_from_json(exact.item(data, "model", "")),
        period=_period_from_json(exact.item(data, "period", "")),
        actual_cost=_field(data, "actual_cost", "", exact.decimal),
        fee=_field(data, "fee", "", exact.decimal),
        deviation=_field(data, "deviation", "", exact.decimal),
        uncapped_incentive=_field(data, "uncapped_incentive", "", exact.decimal),
        target_cost_incentive=_field(data, "target_cost_incentive", "", exact.decimal),
        cap_applied=_field(data, "cap_applied", "", exact.boolean),
        kras=tuple(outcomes),
        kra_score=_field(data, "kra_score", "", exact.decimal),
        kra_incentive=_field(data, "kra_incentive", "", exact.decimal),
        payment_exact=_field(data, "payment_exact", "", exact.decimal),
        payment=_field(data, "payment", "", exact.decimal),
        shares=tuple(shares),
    )


def recompute(data: Any) -> tuple[Settlement, bool]:
    """Recompute a published settlement from its own terms and figures and say whether it stands.

    ``matches`` is true only when every published figure equals the recomputed one exactly
    (as numbers, so "10" and "10.00" agree) and in the same order as the model lists them.
    """
    published = from_json_dict(data)
    result = settle(published.model, published.period)
    return result, result == published

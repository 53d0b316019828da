"""What the providers are paid for a period, and how the payment splits between them to the cent."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_FLOOR, Decimal

from .. import exact
from ..kra_levels import LEVEL_MIN, kra_level
from .terms import (
    WHOLE_SPLIT, CommercialModel, FeeKind, KraOutcome, MissingValue, Period, ProviderPayment, ProviderShare, Settlement,
    check_model, check_period,
)

_MISSING_LEVEL = {MissingValue.MINIMUM: LEVEL_MIN, MissingValue.TARGET: Decimal(0)}


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
    check_model(model)
    check_period(period, model)
    with exact.exact():
        actual = sum((line.amount for line in period.cost_lines if line.approved), Decimal(0))
        fee = {FeeKind.TARGET_RATE: model.fee.amount * model.target_cost, FeeKind.RATE: model.fee.amount * actual,
               FeeKind.FIXED: model.fee.amount}[FeeKind(model.fee.kind)]
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
            # An unreported outcome counts as the contract says (the worst level by default, so
            # that not measuring does not pay).
            level = _MISSING_LEVEL[MissingValue(model.missing_kra)] if value is None else kra_level(kra, value)
            outcomes.append(KraOutcome(kra.id, value, level, value is None, kra.weight * level))
        score = sum((outcome.weighted_level for outcome in outcomes), Decimal(0))
        kra_incentive = score * (model.kra_bonus_pool if score >= 0 else model.kra_sanction_pool)

        downside = min(incentive, Decimal(0)) + min(kra_incentive, Decimal(0))
        bounded = downside if model.downside_beyond_fee else max(downside, -fee)
        payment_exact = actual + fee + max(incentive, Decimal(0)) + max(kra_incentive, Decimal(0)) + bounded
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
        downside=downside,
        bounded_downside=bounded,
        fee_bound_applied=bounded != downside,
        payment_exact=payment_exact,
        payment=payment,
        shares=shares,
    )

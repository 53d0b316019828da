"""An alliance whose downside is the fee (issue 18 item 2): the pain share and the KRA sanction
together never take more than the fee, so the payment never falls below the approved actual
cost, unless the agreement explicitly says otherwise; the fee's basis is a term (of the target
cost by default, fixed, or of the actual cost), and a fee on actual cost is refused wherever an
extra euro spent would raise the providers' margin."""

import json
from dataclasses import replace
from decimal import Decimal as D

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from coprocure.domain.errors import DomainError
from coprocure.domain.settlement import (
    CostLine, Fee, FeeKind, MissingValue, Period, differences, margin_rises_with_spending, settle, to_json_dict,
)

from .test_settlement import CAPPED, MODEL, fractions, lines, models, settlements


def test_a_period_where_the_sanction_is_bounded_by_the_fee():
    # AC = 1 300 000; F = 80 000. D = −300 000 → 0.5 × −300 000 = −150 000, at the 50 000 pain cap → −50 000
    # home 70 (minimum) → −1, waiting 30 (minimum) → −1: S = −1 → KRA −60 000
    # downside −110 000 exceeds the fee: bounded to −80 000, so the payment is AC exactly
    result = settle(MODEL, Period("2027-Q1", lines("1300000"), {"home_living": D(70), "waiting_days": D(30)}))
    assert (result.downside, result.bounded_downside, result.fee_bound_applied) == (D(-110_000), D(-80_000), True)
    assert result.payment == D("1300000.00")
    beyond = settle(replace(MODEL, downside_beyond_fee=True), result.period)
    assert beyond.payment == D("1270000.00") and "downside_beyond_fee" in to_json_dict(beyond)["warnings"]


@given(settlements())
def test_the_payment_never_falls_below_the_approved_actual_cost(inputs):
    result = settle(*inputs)
    assert result.bounded_downside >= -result.fee
    assert result.payment_exact >= result.actual_cost
    assert result.fee_bound_applied == (result.downside < -result.fee)


@given(settlements())
def test_only_an_explicit_term_lets_the_downside_exceed_the_fee(inputs):
    model, period = inputs
    result = settle(replace(model, downside_beyond_fee=True), period)
    assert result.bounded_downside == result.downside and not result.fee_bound_applied


def margin(model, cost, values):
    result = settle(model, Period("p", (CostLine("all", cost),), values))
    return result.payment_exact - result.actual_cost


@st.composite
def rate_models(draw):
    """Models with a fee on actual cost that the rule allows: no caps, both shares at least the rate."""
    model = draw(models())
    rate = draw(fractions(1000)) / 5
    shares = [draw(fractions()) for _ in range(2)]
    assume(all(share >= rate for share in shares))
    return replace(model, fee=Fee(FeeKind.RATE, rate), gain_share=shares[0], pain_share=shares[1],
                   gain_cap=None, pain_cap=None)


@given(st.one_of(models(), rate_models()), st.integers(0, 3 * 10**6), st.integers(1, 10**6), st.data())
def test_spending_more_never_raises_the_providers_margin(model, cost, extra, data):
    values = {kra.id: data.draw(st.sampled_from([kra.minimum, kra.target, kra.excellent])) for kra in model.kras}
    assert margin(model, D(cost) + D(extra), values) <= margin(model, D(cost), values)


@pytest.mark.parametrize("change", [
    {"pain_cap": D(50_000)}, {"gain_cap": D(50_000)}, {"pain_share": D("0.05")}, {"gain_share": D("0.05")},
])
def test_a_fee_on_actual_cost_that_would_reward_spending_is_refused(change):
    model = replace(replace(MODEL, fee=Fee(FeeKind.RATE, D("0.08")), gain_cap=None, pain_cap=None), **change)
    assert margin_rises_with_spending(model)
    with pytest.raises(DomainError, match="fee_rewards_spending"):
        settle(model, Period("p", lines("900000")))


def test_a_fee_on_actual_cost_that_cannot_reward_spending_is_allowed_and_flagged():
    model = replace(MODEL, fee=Fee(FeeKind.RATE, D("0.08")), gain_cap=None, pain_cap=None)
    result = settle(model, Period("p", lines("900000"), {"home_living": D(80), "waiting_days": D(20)}))
    assert result.fee == D(72_000) and to_json_dict(result)["warnings"] == ["fee_on_actual_cost"]


def test_the_fixed_fee_and_the_missing_value_term():
    result = settle(replace(CAPPED, missing_kra=MissingValue.TARGET), Period("p", lines("500000")))
    assert (result.fee, result.kras[0].level, result.kras[0].missing) == (D(30_000), D(0), True)
    assert to_json_dict(result)["model"]["missing_kra"] == "target"


def test_recompute_names_every_figure_that_differs():
    published = json.loads(json.dumps(to_json_dict(settle(MODEL, Period("p", lines("950000"), {"home_living": D(85)})))))
    assert differences(published) == []
    published["fee"] = "1"
    published["kras"][0]["level"] = "0.9"
    published["shares"][1]["amount"] = "0.01"
    assert differences(published) == ["fee", "kras[0].level", "shares[1].amount"]

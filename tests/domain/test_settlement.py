import json
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from coprocure.domain.errors import DomainError
from coprocure.domain.exact import exact
from coprocure.domain.kra_levels import Direction, Kra, kra_level
from coprocure.domain.settlement import (
    CommercialModel,
    CostLine,
    Fee,
    FeeKind,
    Period,
    ProviderShare,
    allocate,
    from_json_dict,
    recompute,
    settle,
    to_json_dict,
)

D = Decimal
HIGHER, LOWER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER

HOME = Kra("home_living", D("0.6"), HIGHER, D(70), D(80), D(90))  # % of clients still living at home
WAITING = Kra("waiting_days", D("0.4"), LOWER, D(30), D(20), D(10))  # days to a needs assessment
MODEL = CommercialModel(
    target_cost=D(1_000_000),
    fee=Fee(FeeKind.TARGET_RATE, D("0.08")),  # 8 % of the target cost: the default basis
    gain_share=D("0.5"),
    pain_share=D("0.5"),
    kra_bonus_pool=D(100_000),
    kra_sanction_pool=D(60_000),
    kras=(HOME, WAITING),
    split=(ProviderShare("hoiva-oy", D(60)), ProviderShare("kotiapu-ry", D(40))),
    gain_cap=D(50_000),
    pain_cap=D(50_000),
)


def lines(*amounts, rejected=()):
    return tuple(CostLine(f"line-{i}", D(a)) for i, a in enumerate(amounts)) + tuple(
        CostLine(f"rejected-{i}", D(a), approved=False) for i, a in enumerate(rejected)
    )


# --- worked examples -------------------------------------------------------------------------

def test_period_with_a_bonus():
    # AC = 600 000 + 350 000 = 950 000 (the 20 000 line was not approved)
    # F  = 0.08 × 1 000 000 (target cost) = 80 000
    # D  = 1 000 000 − 950 000 = 50 000 ≥ 0 → 0.5 × 50 000 = 25 000, under the 50 000 gain cap
    # home_living 85: between target 80 and excellent 90 → (85 − 80)/(90 − 80) = 0.5
    # waiting_days 14 (lower is better): between target 20 and excellent 10 → (20 − 14)/(20 − 10) = 0.6
    # S = 0.6 × 0.5 + 0.4 × 0.6 = 0.54 ≥ 0 → KRA incentive 0.54 × 100 000 = 54 000
    # payment = 950 000 + 80 000 + 25 000 + 54 000 = 1 109 000.00 → 60 % 665 400.00, 40 % 443 600.00
    result = settle(MODEL, Period("2026-Q1", lines("600000", "350000", rejected=["20000"]),
                                  {"home_living": D(85), "waiting_days": D(14)}))
    assert (result.actual_cost, result.fee, result.deviation) == (D(950_000), D(80_000), D(50_000))
    assert (result.target_cost_incentive, result.cap_applied) == (D(25_000), False)
    assert [(k.level, k.missing) for k in result.kras] == [(D("0.5"), False), (D("0.6"), False)]
    assert (result.kra_score, result.kra_incentive) == (D("0.54"), D(54_000))
    assert result.payment == D("1109000.00")
    assert [s.amount for s in result.shares] == [D("665400.00"), D("443600.00")]


def test_period_with_a_sanction_and_a_missing_kra():
    # AC = 1 040 000; F = 0.08 × 1 000 000 = 80 000
    # D  = 1 000 000 − 1 040 000 = −40 000 < 0 → 0.5 × −40 000 = −20 000, within the 50 000 pain cap
    # home_living 72: between minimum 70 and target 80 → −1 + (72 − 70)/(80 − 70) = −0.8
    # waiting_days not reported → −1, flagged
    # S = 0.6 × −0.8 + 0.4 × −1 = −0.88 < 0 → KRA incentive −0.88 × 60 000 = −52 800
    # downside −20 000 − 52 800 = −72 800, within the fee: no bound
    # payment = 1 040 000 + 80 000 − 72 800 = 1 047 200.00 → 628 320.00 and 418 880.00
    result = settle(MODEL, Period("2026-Q2", lines("1040000"), {"home_living": D(72)}))
    assert (result.fee, result.deviation, result.target_cost_incentive) == (D(80_000), D(-40_000), D(-20_000))
    assert not result.cap_applied
    assert [(k.value, k.level, k.missing) for k in result.kras] == [(D(72), D("-0.8"), False), (None, D(-1), True)]
    assert (result.kra_score, result.kra_incentive) == (D("-0.88"), D(-52_800))
    assert (result.downside, result.bounded_downside, result.fee_bound_applied) == (D(-72_800), D(-72_800), False)
    assert result.payment == D("1047200.00")
    assert [s.amount for s in result.shares] == [D("628320.00"), D("418880.00")]


CAPPED = CommercialModel(
    target_cost=D(500_000),
    fee=Fee(FeeKind.FIXED, D(30_000)),
    gain_share=D("0.5"),
    pain_share=D("0.5"),
    kra_bonus_pool=D("33333.33"),
    kra_sanction_pool=D(10_000),
    kras=(Kra("satisfaction", D(1), HIGHER, D(3), D(4), D("4.5")),),
    split=(ProviderShare("a", D("33.33")), ProviderShare("b", D("33.33")), ProviderShare("c", D("33.34"))),
    gain_cap=D(20_000),
    pain_cap=D(10_000),
)


def test_period_where_the_gain_cap_applies_and_cents_are_allocated():
    # AC = 440 000; F = 30 000 (fixed)
    # D  = 60 000 → 0.5 × 60 000 = 30 000 > gain cap 20 000 → 20 000, cap applied
    # satisfaction 4.1: (4.1 − 4)/(4.5 − 4) = 0.2; S = 0.2 → 0.2 × 33 333.33 = 6 666.666
    # payment = 440 000 + 30 000 + 20 000 + 6 666.666 = 496 666.666 → 496 666.67 = 49 666 667 cents
    # a, b: 49 666 667 × 0.3333 = 16 553 900.1111 → 16 553 900
    # c:    49 666 667 × 0.3334 = 16 558 866.7778 → 16 558 866, plus the one cent left over
    #       (it has the largest remainder, 0.7778) → 16 558 867
    result = settle(CAPPED, Period("2026-Q3", lines("440000"), {"satisfaction": D("4.1")}))
    assert (result.uncapped_incentive, result.target_cost_incentive, result.cap_applied) == (D(30_000), D(20_000), True)
    assert result.kra_incentive == D("6666.666")
    assert (result.payment_exact, result.payment) == (D("496666.666"), D("496666.67"))
    assert [s.amount for s in result.shares] == [D("165539.00"), D("165539.00"), D("165588.67")]


def test_pain_cap_limits_the_providers_loss():
    # D = 500 000 − 560 000 = −60 000 → 0.5 × −60 000 = −30 000, beyond the 10 000 pain cap → −10 000
    result = settle(CAPPED, Period("2026-Q4", lines("560000"), {"satisfaction": D(4)}))
    assert (result.uncapped_incentive, result.target_cost_incentive, result.cap_applied) == (D(-30_000), D(-10_000), True)
    assert result.payment == D("580000.00")  # 560 000 + 30 000 − 10 000 + 0


def test_a_model_without_kras_is_a_plain_target_cost_alliance():
    model = replace(MODEL, kras=())
    result = settle(model, Period("p", lines("900000")))
    assert (result.kra_score, result.kra_incentive) == (D(0), D(0))
    assert result.payment == D("1030000.00")  # 900 000 + 80 000 + 0.5 × 100 000 (at the 50 000 cap)


# --- rejections ------------------------------------------------------------------------------

PERIOD = Period("p", lines("100"), {"home_living": D(80), "waiting_days": D(20)})


@pytest.mark.parametrize("model,period,code,field,params", [
    (replace(MODEL, kras=(HOME, replace(WAITING, weight=D("0.5")))), PERIOD, "kra_weights_not_1", "kras", {"sum": "1.1"}),
    (replace(MODEL, kras=(replace(HOME, weight=D("1.4")), replace(WAITING, weight=D("-0.4")))), PERIOD,
     "kra_weight_negative", "kras", {"kra": "waiting_days"}),
    (replace(MODEL, split=(ProviderShare("a", D(60)), ProviderShare("b", D(30)))), PERIOD, "split_not_100", "split",
     {"sum": "90"}),
    (replace(MODEL, split=(ProviderShare("a", D(110)), ProviderShare("b", D(-10)))), PERIOD, "split_negative", "split",
     {"provider": "b"}),
    (replace(MODEL, split=(ProviderShare("a", D(50)), ProviderShare("a", D(50)))), PERIOD, "duplicate_provider", "split",
     {"provider": "a"}),
    (replace(MODEL, kras=(replace(HOME, weight=D(1), direction=LOWER),)), Period("p", ()), "kra_levels_order", "kras",
     {"kra": "home_living", "direction": "lower_is_better"}),
    # A target equal to the minimum is a threshold (tests/domain/test_kra_thresholds.py); above excellent it is disorder.
    (replace(MODEL, kras=(replace(HOME, weight=D(1), target=D(95)),)), Period("p", ()), "kra_levels_order", "kras",
     {"kra": "home_living", "direction": "higher_is_better"}),
    (replace(MODEL, kras=(replace(HOME, weight=D(1), direction="sideways"),)), Period("p", ()), "kra_direction_unknown",
     "kras", {"kra": "home_living"}),
    (replace(MODEL, kras=(HOME, replace(WAITING, id="home_living"))), PERIOD, "duplicate_kra", "kras",
     {"kra": "home_living"}),
    (replace(MODEL, kra_bonus_pool=D(-1)), PERIOD, "negative_amount", "kra_bonus_pool", {}),
    (replace(MODEL, kra_sanction_pool=D(-1)), PERIOD, "negative_amount", "kra_sanction_pool", {}),
    (replace(MODEL, gain_cap=D(-1)), PERIOD, "negative_amount", "gain_cap", {}),
    (replace(MODEL, pain_cap=D("-0.01")), PERIOD, "negative_amount", "pain_cap", {}),
    (replace(MODEL, target_cost=D(-1)), PERIOD, "negative_amount", "target_cost", {}),
    (replace(MODEL, fee=Fee(FeeKind.FIXED, D(-5))), PERIOD, "negative_amount", "fee", {}),
    (replace(MODEL, fee=Fee("percentage", D(5))), PERIOD, "fee_kind_unknown", "fee", {}),
    (replace(MODEL, gain_share=D("1.2")), PERIOD, "share_out_of_range", "gain_share", {}),
    (replace(MODEL, pain_share=D(-1)), PERIOD, "share_out_of_range", "pain_share", {}),
    (MODEL, Period("p", lines("100", "-5")), "negative_amount", "cost_lines", {"line": "line-1"}),
    (MODEL, Period("p", lines("100"), {"staff_turnover": D(3)}), "unknown_kra", "kra_values", {"kra": "staff_turnover"}),
    (MODEL, Period("p", lines("100"), {"home_living": D("NaN")}), "kra_value_not_finite", "kra_values",
     {"kra": "home_living"}),
])
def test_rejections_name_the_problem(model, period, code, field, params):
    with pytest.raises(DomainError) as raised:
        settle(model, period)
    assert (raised.value.code, raised.value.field, raised.value.params) == (code, field, params)


# --- properties ------------------------------------------------------------------------------

def euros(max_euros=10**7):
    return st.integers(0, max_euros * 100).map(lambda cents: D(cents) / 100)


def fractions(steps=100):
    return st.integers(0, steps).map(lambda k: D(k) / steps)


def partition(count, total_steps, unit):
    """``count`` non-negative decimals in multiples of ``unit`` adding up to ``total_steps × unit``."""
    return st.lists(st.integers(0, total_steps), min_size=count - 1, max_size=count - 1).map(
        lambda cuts: [D(high - low) * unit for low, high in zip([0, *sorted(cuts)], [*sorted(cuts), total_steps])]
    )


@st.composite
def kras(draw, index):
    minimum = draw(st.integers(-1000, 1000))
    target = minimum + draw(st.integers(1, 500))
    excellent = target + draw(st.integers(1, 500))
    direction = draw(st.sampled_from(Direction))
    scale = D(draw(st.sampled_from([1, 10, 100])))
    points = [D(minimum) / scale, D(target) / scale, D(excellent) / scale]
    if direction == LOWER:
        points = [-p for p in points]
    return Kra(f"kra-{index}", D(0), direction, *points)


@st.composite
def models(draw):
    kra_count = draw(st.integers(0, 4))
    weights = draw(partition(kra_count, 100, D("0.01"))) if kra_count else []
    kra_list = tuple(replace(draw(kras(i)), weight=w) for i, w in enumerate(weights))
    providers = draw(st.integers(1, 4))
    percents = draw(partition(providers, 10_000, D("0.01")))
    fee = draw(st.one_of(fractions(1000).map(lambda r: Fee(FeeKind.TARGET_RATE, r / 5)),
                         euros(10**5).map(lambda a: Fee(FeeKind.FIXED, a))))
    return CommercialModel(
        target_cost=draw(euros()),
        fee=fee,
        gain_share=draw(fractions()),
        pain_share=draw(fractions()),
        kra_bonus_pool=draw(euros(10**6)),
        kra_sanction_pool=draw(euros(10**6)),
        kras=kra_list,
        split=tuple(ProviderShare(f"provider-{i}", p) for i, p in enumerate(percents)),
        gain_cap=draw(st.none() | euros(10**6)),
        pain_cap=draw(st.none() | euros(10**6)),
    )


def kra_value(kra):
    low, high = sorted([kra.minimum, kra.excellent])
    span = high - low
    return st.integers(-100, 1100).map(lambda k: low + span * D(k) / 1000)


@st.composite
def settlements(draw):
    model = draw(models())
    cost_lines = tuple(
        CostLine(f"line-{i}", draw(euros(10**6)), draw(st.booleans())) for i in range(draw(st.integers(0, 5)))
    )
    values = {}
    for kra in model.kras:
        choice = draw(st.sampled_from(["value", "value", "value", "null", "absent"]))
        if choice != "absent":
            values[kra.id] = draw(kra_value(kra)) if choice == "value" else None
    return model, Period("period", cost_lines, values)


@given(settlements())
def test_caps_hold(inputs):
    model, period = inputs
    result = settle(model, period)
    incentive, uncapped = result.target_cost_incentive, result.uncapped_incentive
    if model.gain_cap is not None:
        assert incentive <= model.gain_cap
    if model.pain_cap is not None:
        assert incentive >= -model.pain_cap
    assert abs(incentive) <= abs(uncapped)
    assert (incentive >= 0) == (result.deviation >= 0) or incentive == 0
    assert result.cap_applied == (incentive != uncapped)


@given(st.data())
def test_kra_level_is_monotonic_and_within_bounds(data):
    kra = data.draw(kras(0))
    first, second = sorted([data.draw(kra_value(kra)), data.draw(kra_value(kra))])
    low, high = kra_level(kra, first), kra_level(kra, second)
    assert D(-1) <= low <= D(1) and D(-1) <= high <= D(1)
    assert low <= high if kra.direction == HIGHER else low >= high


@given(st.data())
def test_kra_level_hits_its_anchor_points(data):
    kra = data.draw(kras(0))
    assert [kra_level(kra, v) for v in (kra.minimum, kra.target, kra.excellent)] == [D(-1), D(0), D(1)]


@given(settlements(), st.data())
def test_payment_moves_with_each_kra_the_right_way(inputs, data):
    model, period = inputs
    assume(model.kras)
    kra = data.draw(st.sampled_from(model.kras))
    first, second = sorted([data.draw(kra_value(kra)), data.draw(kra_value(kra))])
    worse_first = settle(model, replace(period, kra_values={**period.kra_values, kra.id: first})).payment_exact
    then = settle(model, replace(period, kra_values={**period.kra_values, kra.id: second})).payment_exact
    assert worse_first <= then if kra.direction == HIGHER else worse_first >= then


@given(settlements())
def test_a_missing_kra_never_pays_more_than_any_reported_value(inputs):
    model, period = inputs
    assume(model.kras)
    kra = model.kras[0]
    missing = settle(model, replace(period, kra_values={k: v for k, v in period.kra_values.items() if k != kra.id}))
    reported = settle(model, replace(period, kra_values={**period.kra_values, kra.id: kra.minimum}))
    assert missing.payment_exact == reported.payment_exact
    assert missing.kras[0].missing and not reported.kras[0].missing


@given(settlements())
def test_split_adds_up_to_the_cent(inputs):
    result = settle(*inputs)
    assert sum(share.amount for share in result.shares) == result.payment
    for share in result.shares:
        assert share.amount == share.amount.quantize(D("0.01"))
        with exact():
            assert abs(share.amount - result.payment * share.percent / 100) < D("0.01")


@given(st.integers(-10**9, 10**9), st.integers(1, 5), st.data())
def test_allocation_adds_up_whatever_the_order(cents, count, data):
    percents = data.draw(partition(count, 10_000, D("0.01")))
    split = [ProviderShare(f"p{i}", p) for i, p in enumerate(percents)]
    payment = D(cents) / 100
    amounts = dict(zip((s.provider_id for s in split), allocate(payment, split)))
    assert sum(amounts.values()) == payment
    shuffled = data.draw(st.permutations(split))
    assert dict(zip((s.provider_id for s in shuffled), allocate(payment, shuffled))) == amounts


@given(models())
def test_on_target_everywhere_the_payment_is_cost_plus_fee(model):
    period = Period("on target", (CostLine("all", model.target_cost),), {kra.id: kra.target for kra in model.kras})
    result = settle(model, period)
    assert (result.target_cost_incentive, result.kra_score, result.kra_incentive) == (0, 0, 0)
    assert result.payment_exact == result.actual_cost + result.fee
    assert result.actual_cost == model.target_cost


@given(settlements())
def test_payment_is_the_sum_of_its_parts_rounded_once(inputs):
    result = settle(*inputs)
    with exact():
        gains = max(result.target_cost_incentive, D(0)) + max(result.kra_incentive, D(0))
        assert result.downside == min(result.target_cost_incentive, D(0)) + min(result.kra_incentive, D(0))
        assert result.payment_exact == result.actual_cost + result.fee + gains + result.bounded_downside
    assert abs(result.payment - result.payment_exact) <= D("0.005")


@given(settlements())
def test_json_round_trip_and_recompute(inputs):
    result = settle(*inputs)
    published = json.loads(json.dumps(to_json_dict(result)))
    assert from_json_dict(published) == result
    assert to_json_dict(from_json_dict(published)) == published
    recomputed, matches = recompute(published)
    assert matches and recomputed == result


@given(settlements(), st.sampled_from(["actual_cost", "fee", "target_cost_incentive", "kra_incentive", "payment"]))
def test_recompute_catches_an_altered_figure(inputs, key):
    published = to_json_dict(settle(*inputs))
    published[key] = str(D(published[key]) + D("0.01"))
    assert recompute(published)[1] is False


def test_recompute_catches_an_altered_share_and_a_hidden_flag():
    published = to_json_dict(settle(MODEL, Period("p", lines("950000"), {"home_living": D(85)})))
    published["shares"][0]["amount"] = str(D(published["shares"][0]["amount"]) + D("0.01"))
    assert recompute(published)[1] is False
    published = to_json_dict(settle(MODEL, Period("p", lines("950000"), {"home_living": D(85)})))
    published["kras"][1]["missing"] = False
    assert recompute(published)[1] is False


@pytest.mark.parametrize("mutate,code,field", [
    (lambda d: d.update(format="coprocure.award-comparison"), "unsupported_document", "format"),
    (lambda d: d.pop("payment"), "invalid_document", "payment"),
    (lambda d: d["model"]["fee"].update(kind="tip"), "invalid_document", "model.fee.kind"),
    (lambda d: d["period"]["cost_lines"][0].update(amount=950000), "invalid_document", "period.cost_lines[0].amount"),
    (lambda d: d["period"]["cost_lines"][0].update(approved="yes"), "invalid_document", "period.cost_lines[0].approved"),
    (lambda d: d["model"]["kras"][0].pop("target"), "invalid_document", "model.kras[0].target"),
])
def test_unreadable_documents_are_refused_with_a_path(mutate, code, field):
    published = to_json_dict(settle(MODEL, Period("p", lines("950000"), {"home_living": D(85)})))
    mutate(published)
    with pytest.raises(DomainError) as raised:
        from_json_dict(published)
    assert (raised.value.code, raised.value.field) == (code, field)

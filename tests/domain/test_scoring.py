import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from coprocure.domain.errors import DomainError
from coprocure.domain.exact import exact
from coprocure.domain.scoring import (
    AwardCriteria,
    Bid,
    QualityCriterion,
    QualityMethod,
    TieRule,
    compare_bids,
    display,
    from_json_dict,
    recompute,
    settle_final_score,
    to_json_dict,
)

D = Decimal
UTC = timezone.utc
T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def bid(id, price, scores, minutes=0, excluded=None):
    return Bid(id, D(price), T0 + timedelta(minutes=minutes), {k: D(v) for k, v in scores.items()}, excluded)


def points(result):
    return {row.bid_id: (row.rank, row.price_points, dict(row.quality_points), row.total) for row in result.ranking}


# --- worked examples -------------------------------------------------------------------------

CRITERIA = AwardCriteria(D(60), (QualityCriterion("care_plan", D(25), D(5)), QualityCriterion("continuity", D(15), D(5))))


def test_worked_example_absolute():
    # Lowest price 80 000 (B).
    # A: 60 × 80 000/100 000 = 48; care_plan 25 × 4/5 = 20; continuity 15 × 3/5 = 9  → 77
    # B: 60 × 80 000/80 000  = 60; care_plan 25 × 3/5 = 15; continuity 15 × 5/5 = 15 → 90
    # C: 60 × 80 000/120 000 = 40; care_plan 25 × 5/5 = 25; continuity 15 × 5/5 = 15 → 80
    result = compare_bids(CRITERIA, [
        bid("A", "100000", {"care_plan": 4, "continuity": 3}),
        bid("B", "80000", {"care_plan": 3, "continuity": 5}),
        bid("C", "120000", {"care_plan": 5, "continuity": 5}),
    ])
    assert points(result) == {
        "B": (1, D(60), {"care_plan": D(15), "continuity": D(15)}, D(90)),
        "C": (2, D(40), {"care_plan": D(25), "continuity": D(15)}, D(80)),
        "A": (3, D(48), {"care_plan": D(20), "continuity": D(9)}, D(77)),
    }
    assert result.lowest_price == D(80000)


def test_worked_example_relative_with_an_excluded_bid():
    # C is excluded, so neither its price 50 000 nor its scores of 5 set the yardsticks:
    # lowest price 80 000 (B), best care_plan 4 (A), best continuity 5 (B).
    # A: 60 × 80 000/100 000 = 48; care_plan 25 × 4/4 = 25;    continuity 15 × 3/5 = 9  → 82
    # B: 60;                       care_plan 25 × 3/4 = 18.75; continuity 15 × 5/5 = 15 → 93.75
    result = compare_bids(replace(CRITERIA, method=QualityMethod.RELATIVE), [
        bid("A", "100000", {"care_plan": 4, "continuity": 3}),
        bid("B", "80000", {"care_plan": 3, "continuity": 5}),
        bid("C", "50000", {"care_plan": 5, "continuity": 5}, excluded="No 24/7 on-call nurse (minimum requirement 3.2)"),
    ])
    assert points(result) == {
        "B": (1, D(60), {"care_plan": D("18.75"), "continuity": D(15)}, D("93.75")),
        "A": (2, D(48), {"care_plan": D(25), "continuity": D(9)}, D(82)),
    }
    assert [b.id for b in result.excluded] == ["C"]
    assert result.best_scores == {"care_plan": D(4), "continuity": D(5)}


def test_relative_best_of_zero_gives_nobody_points():
    criteria = AwardCriteria(D(70), (QualityCriterion("q", D(30), D(5)),), QualityMethod.RELATIVE)
    result = compare_bids(criteria, [bid("A", 10, {"q": 0}), bid("B", 20, {"q": 0})])
    assert [row.quality_points["q"] for row in result.ranking] == [D(0), D(0)]


# Equal totals: lowest price 80. A: 50 × 80/100 = 40 + 50 × 8/10 = 40 → 80; B: 50 + 50 × 6/10 = 30 → 80.
TIE = AwardCriteria(D(50), (QualityCriterion("q", D(50), D(10)),))
TIED = [bid("A", 100, {"q": 8}, minutes=5), bid("B", 80, {"q": 6}, minutes=1)]


def test_tie_goes_to_more_quality_points_by_default():
    result = compare_bids(TIE, TIED)
    assert [(row.bid_id, row.total) for row in result.ranking] == [("A", D(80)), ("B", D(80))]


def test_tie_rule_lower_price():
    result = compare_bids(replace(TIE, tie_rule=TieRule.PRICE_THEN_EARLIER), TIED)
    assert [row.bid_id for row in result.ranking] == ["B", "A"]


def test_tie_on_everything_but_time_goes_to_the_earlier_submission():
    same = {"q": 7}
    result = compare_bids(TIE, [bid("A", 90, same, minutes=10), bid("B", 90, same, minutes=3)])
    assert [row.bid_id for row in result.ranking] == ["B", "A"]


def test_points_stay_exact_and_round_only_for_display():
    # 60 × 70/90 = 46.666…; rounding it before adding would make these two totals differ by 0.01.
    criteria = AwardCriteria(D(60), (QualityCriterion("q", D(40), D(3)),))
    result = compare_bids(criteria, [bid("A", 70, {"q": 3}), bid("B", 90, {"q": 1})])
    b = next(row for row in result.ranking if row.bid_id == "B")
    assert display(b.price_points) == D("46.67")
    assert display(b.quality_points["q"]) == D("13.33")
    assert display(b.total) == D("60.00")  # 46.666… + 13.333…, not 46.67 + 13.33 = 60.00 by luck:
    assert b.total == D(60)  # 50 significant digits of each third add back up to the whole
    assert display(D("66.665")) == D("66.67")
    assert display(D("-0.005")) == D("-0.01")


# --- final scores ----------------------------------------------------------------------------

def test_final_score_is_the_exact_mean():
    mean = settle_final_score([D(4), D(4), D(5)], scale_max=D(5))
    assert mean == D("4." + "3" * 49)  # 13/3 to the 50 significant digits every party uses
    assert display(mean) == D("4.33")
    assert settle_final_score([D(3), D(4)], scale_max=D(5)) == D("3.5")


def test_final_score_by_consensus():
    assert settle_final_score([D(3), D(5)], "consensus", D(4), scale_max=D(5)) == D(4)


@pytest.mark.parametrize("args,kwargs,code,field", [
    (([D(6)],), {}, "score_out_of_scale", "score"),
    (([D(-1)],), {}, "score_out_of_scale", "score"),
    (([],), {}, "missing_score", "score"),
    (([D(3)], "consensus"), {}, "missing_score", "consensus"),
    (([D(3)], "consensus", D("5.5")), {}, "score_out_of_scale", "consensus"),
    (([D(3)], "median"), {}, "final_score_method_unknown", "method"),
])
def test_final_score_rejections(args, kwargs, code, field):
    with pytest.raises(DomainError) as raised:
        settle_final_score(*args, scale_max=D(5), criterion_id="care_plan", **kwargs)
    assert (raised.value.code, raised.value.field) == (code, field)


@given(st.lists(st.integers(0, 50), min_size=1, max_size=9))
def test_mean_stays_within_the_scale_and_between_the_extremes(tenths):
    scores = [D(t) / 10 for t in tenths]
    mean = settle_final_score(scores, scale_max=D(5))
    assert min(scores) <= mean <= max(scores)


# --- rejections ------------------------------------------------------------------------------

GOOD = {"care_plan": 3, "continuity": 3}


@pytest.mark.parametrize("criteria,bids,code,field,params", [
    (replace(CRITERIA, price_weight=D(59)), [bid("A", 1, GOOD)], "weights_not_100", "award_criteria", {"sum": "99"}),
    (replace(CRITERIA, price_weight=D(-1)), [bid("A", 1, GOOD)], "weight_negative", "award_criteria", {}),
    (CRITERIA, [bid("A", 0, GOOD)], "price_not_positive", "price", {"bid": "A"}),
    (CRITERIA, [bid("A", "NaN", GOOD)], "price_not_positive", "price", {"bid": "A"}),
    (CRITERIA, [bid("A", 1, {**GOOD, "continuity": "5.01"})], "score_out_of_scale", "score",
     {"bid": "A", "criterion": "continuity", "max": "5"}),
    (CRITERIA, [bid("A", 1, {**GOOD, "price": 1})], "unknown_criterion", "score", {"bid": "A", "criterion": "price"}),
    (CRITERIA, [bid("A", 1, {"care_plan": 3})], "missing_score", "score", {"bid": "A", "criterion": "continuity"}),
    (CRITERIA, [], "no_bids", "bids", {}),
    (CRITERIA, [bid("A", 1, {}, excluded="late")], "no_bids", "bids", {}),
    (CRITERIA, [bid("A", 1, GOOD), bid("A", 2, GOOD)], "duplicate_bid", "bids", {"bid": "A"}),
    (CRITERIA, [bid("A", 1, GOOD, excluded=" ")], "exclusion_without_reason", "exclusion_reason", {"bid": "A"}),
])
def test_rejections_name_the_problem(criteria, bids, code, field, params):
    with pytest.raises(DomainError) as raised:
        compare_bids(criteria, bids)
    assert (raised.value.code, raised.value.field, raised.value.params) == (code, field, params)


def test_naive_submission_time_is_refused():
    with pytest.raises(DomainError) as raised:
        compare_bids(CRITERIA, [Bid("A", D(1), datetime(2025, 3, 1), {k: D(v) for k, v in GOOD.items()})])
    assert raised.value.code == "submitted_at_naive"


def test_criteria_must_be_well_formed():
    twice = AwardCriteria(D(50), (QualityCriterion("q", D(25), D(5)), QualityCriterion("q", D(25), D(5))))
    zero_scale = AwardCriteria(D(50), (QualityCriterion("q", D(50), D(0)),))
    for criteria, code in ((twice, "duplicate_criterion"), (zero_scale, "scale_not_positive")):
        with pytest.raises(DomainError) as raised:
            compare_bids(criteria, [bid("A", 1, {"q": 0})])
        assert raised.value.code == code


# --- properties ------------------------------------------------------------------------------

@st.composite
def criteria_strategy(draw, method=None):
    count = draw(st.integers(min_value=1, max_value=4))
    cuts = sorted(draw(st.lists(st.integers(0, 10_000), min_size=count, max_size=count)))
    bounds = [0, *cuts, 10_000]
    weights = [D(high - low) / 100 for low, high in zip(bounds, bounds[1:])]
    scales = draw(st.lists(st.sampled_from([D(4), D(5), D(10), D(100)]), min_size=count, max_size=count))
    quality = tuple(QualityCriterion(f"q{i}", weights[i + 1], scales[i]) for i in range(count))
    chosen = draw(st.sampled_from(QualityMethod)) if method is None else method
    return AwardCriteria(weights[0], quality, chosen, draw(st.sampled_from(TieRule)))


def score_strategy(scale_max):
    return st.integers(0, int(scale_max) * 10).map(lambda tenths: D(tenths) / 10)


@st.composite
def comparison_inputs(draw, method=None, min_bids=1):
    criteria = draw(criteria_strategy(method))
    count = draw(st.integers(min_value=min_bids, max_value=6))
    bids = []
    for index in range(count):
        bids.append(Bid(
            id=f"bid-{index}",
            price=D(draw(st.integers(1, 10**8))) / 100,
            submitted_at=T0 + timedelta(seconds=draw(st.integers(0, 10**6))),
            scores={c.id: draw(score_strategy(c.scale_max)) for c in criteria.quality},
            # The first bid is always compared so that there is something to rank.
            exclusion_reason=draw(st.sampled_from([None, None, None, "minimum requirement"])) if index else None,
        ))
    return criteria, bids


@given(comparison_inputs())
def test_ranks_are_a_permutation_in_order(inputs):
    result = compare_bids(*inputs)
    compared = [b for b in inputs[1] if not b.excluded]
    assert [row.rank for row in result.ranking] == list(range(1, len(compared) + 1))
    assert sorted(row.bid_id for row in result.ranking) == sorted(b.id for b in compared)
    totals = [row.total for row in result.ranking]
    assert totals == sorted(totals, reverse=True)


@given(comparison_inputs())
def test_lowest_price_gets_the_full_price_weight(inputs):
    criteria, bids = inputs
    result = compare_bids(criteria, bids)
    prices = {b.id: b.price for b in bids}
    for row in result.ranking:
        if prices[row.bid_id] == result.lowest_price:
            assert row.price_points == criteria.price_weight
        else:
            assert row.price_points < criteria.price_weight or criteria.price_weight == 0


@given(comparison_inputs())
def test_totals_stay_within_0_and_100(inputs):
    for row in compare_bids(*inputs).ranking:
        assert D(0) <= row.total <= D(100)
        # Each published figure is its exact rational value rounded once to 50 digits, so the
        # parts add up to the total up to that rounding (points are at most 100: 1e-48 each).
        with exact():
            assert abs(row.total - (row.price_points + sum(row.quality_points.values()))) < D("1e-46")


@given(comparison_inputs(method=QualityMethod.ABSOLUTE), st.data())
def test_raising_a_score_never_loses_ground_in_absolute_mode(inputs, data):
    criteria, bids = inputs
    compared = [b for b in bids if not b.excluded]
    target = data.draw(st.sampled_from(compared))
    criterion = data.draw(st.sampled_from(criteria.quality))
    old = target.scores[criterion.id]
    assume(old < criterion.scale_max)
    new = data.draw(score_strategy(criterion.scale_max).filter(lambda s: s > old))
    raised = replace(target, scores={**target.scores, criterion.id: new})

    def ahead_of(result):
        rank = next(row.rank for row in result.ranking if row.bid_id == target.id)
        return {row.bid_id for row in result.ranking if row.rank < rank}

    before = compare_bids(criteria, bids)
    after = compare_bids(criteria, [raised if b is target else b for b in bids])
    assert ahead_of(after) <= ahead_of(before)


@given(comparison_inputs(), st.data())
def test_lowering_the_price_never_lowers_the_total(inputs, data):
    criteria, bids = inputs
    target = data.draw(st.sampled_from([b for b in bids if not b.excluded]))
    assume(target.price > D("0.01"))
    cheaper = replace(target, price=D(data.draw(st.integers(1, int(target.price * 100) - 1))) / 100)

    def total(result):
        return next(row.total for row in result.ranking if row.bid_id == target.id)

    before = compare_bids(criteria, bids)
    after = compare_bids(criteria, [cheaper if b is target else b for b in bids])
    assert total(after) >= total(before)


@given(comparison_inputs(), st.randoms())
def test_the_order_bids_are_given_in_does_not_matter(inputs, rng):
    criteria, bids = inputs
    shuffled = list(bids)
    rng.shuffle(shuffled)
    assert compare_bids(criteria, shuffled) == compare_bids(criteria, bids)


@given(comparison_inputs())
def test_json_round_trip_and_recompute(inputs):
    result = compare_bids(*inputs)
    published = json.loads(json.dumps(to_json_dict(result)))
    assert from_json_dict(published) == result
    assert to_json_dict(from_json_dict(published)) == published
    recomputed, matches = recompute(published)
    assert matches and recomputed == result


@given(comparison_inputs(min_bids=2), st.data())
def test_recompute_catches_an_altered_figure(inputs, data):
    published = to_json_dict(compare_bids(*inputs))
    row = data.draw(st.sampled_from(published["ranking"]))
    key = data.draw(st.sampled_from(["total", "price_points", "quality_total", "rank"]))
    row[key] = row[key] + 1 if key == "rank" else str(D(row[key]) + D("0.001"))
    assert recompute(published)[1] is False


def test_recompute_does_not_accept_display_rounding():
    published = to_json_dict(compare_bids(AwardCriteria(D(60), (QualityCriterion("q", D(40), D(3)),)),
                                          [bid("A", 70, {"q": 3}), bid("B", 90, {"q": 1})]))
    row = next(row for row in published["ranking"] if row["bid_id"] == "B")
    row["price_points"] = str(display(D(row["price_points"])))
    assert recompute(published)[1] is False


def test_recompute_ignores_listing_order_and_trailing_zeros():
    published = to_json_dict(compare_bids(CRITERIA, [bid("A", "100000", GOOD), bid("B", "80000", GOOD)]))
    published["ranking"].reverse()
    published["bids"].reverse()
    published["ranking"][0]["total"] = str(D(published["ranking"][0]["total"]) * D("1.000"))
    assert recompute(published)[1] is True


def test_recompute_reports_tampered_inputs_through_the_rules():
    published = to_json_dict(compare_bids(CRITERIA, [bid("A", "100000", GOOD)]))
    published["criteria"]["price_weight"] = "70"
    with pytest.raises(DomainError) as raised:
        recompute(published)
    assert raised.value.code == "weights_not_100"


@pytest.mark.parametrize("mutate,code,field", [
    (lambda d: d.update(format="something-else"), "unsupported_document", "format"),
    (lambda d: d.update(version=2), "unsupported_document", "version"),
    (lambda d: d.pop("ranking"), "invalid_document", "ranking"),
    (lambda d: d["bids"][0].update(price=100000.0), "invalid_document", "bids[0].price"),
    (lambda d: d["bids"][0].update(price="lots"), "invalid_document", "bids[0].price"),
    (lambda d: d["bids"][0].update(submitted_at="yesterday"), "invalid_document", "bids[0].submitted_at"),
    (lambda d: d["criteria"].update(quality_method="vibes"), "invalid_document", "criteria.quality_method"),
    (lambda d: d["ranking"][0].update(rank="1"), "invalid_document", "ranking[0].rank"),
])
def test_unreadable_documents_are_refused_with_a_path(mutate, code, field):
    published = to_json_dict(compare_bids(CRITERIA, [bid("A", "100000", GOOD)]))
    mutate(published)
    with pytest.raises(DomainError) as raised:
        from_json_dict(published)
    assert (raised.value.code, raised.value.field) == (code, field)


def test_precision_does_not_depend_on_the_callers_decimal_context():
    import decimal

    inputs = (AwardCriteria(D(60), (QualityCriterion("q", D(40), D(3)),)), [bid("A", 70, {"q": 3}), bid("B", 90, {"q": 1})])
    reference = compare_bids(*inputs)
    with decimal.localcontext(prec=5, rounding=decimal.ROUND_DOWN):
        assert compare_bids(*inputs) == reference


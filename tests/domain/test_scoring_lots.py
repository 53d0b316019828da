"""Lots: each lot is a comparison of its own bids, published and recomputed lot by lot."""

import json
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.errors import DomainError
from coprocure.domain.scoring import (
    compare_bids,
    compare_lots,
    lots_to_json_dict,
    recompute_lots,
    to_json_dict,
    winners,
)

from .test_schemas import AWARD
from .test_scoring import CRITERIA, bid, comparison_inputs


@st.composite
def lot_inputs(draw):
    """Bids spread over two or three lots, each lot with at least one compared bid."""
    criteria, bids = draw(comparison_inputs(min_bids=3))
    lots = [str(n) for n in range(1, draw(st.integers(2, 3)) + 1)]
    placed = []
    for index, one in enumerate(bids):
        lot = lots[index] if index < len(lots) else draw(st.sampled_from(lots))
        placed.append(replace(one, lot=lot, exclusion_reason=None if index < len(lots) else one.exclusion_reason))
    return criteria, placed


@given(lot_inputs())
def test_each_lot_is_compared_as_if_it_were_a_tender_of_its_own(inputs):
    criteria, bids = inputs
    results = compare_lots(criteria, bids)
    assert [lot for lot, _ in results] == sorted({b.lot for b in bids}, key=int)
    undecided = [lot for lot, result in results if result.needs_draw and result.ranking[0].bid_id in result.ties[0]]
    for lot, result in results:
        alone = compare_bids(criteria, [b for b in bids if b.lot == lot])
        assert result == alone
        if not undecided:
            assert winners(results)[lot] == alone.ranking[0].bid_id
    if undecided:  # a first place tied on everything announced waits for the draw
        with pytest.raises(DomainError, match="award_tie_needs_draw"):
            winners(results)


@given(lot_inputs())
def test_a_published_comparison_with_lots_recomputes_lot_by_lot(inputs):
    document = json.loads(json.dumps(lots_to_json_dict(compare_lots(*inputs))))
    AWARD.validate(document)
    results, verdict = recompute_lots(document)
    assert all(verdict.values()) and set(verdict) == {lot for lot, _ in results}
    document["lots"][-1]["ranking"][0]["total"] = "-1"
    _results, tampered = recompute_lots(document)
    assert not tampered[document["lots"][-1]["lot"]] and all(
        ok for lot, ok in tampered.items() if lot != document["lots"][-1]["lot"])


def test_without_lots_the_document_is_unchanged():
    bids = [bid("a", "100", {"care_plan": "4", "continuity": "3"}), bid("b", "90", {"care_plan": "3", "continuity": "3"})]
    assert lots_to_json_dict(compare_lots(CRITERIA, bids)) == to_json_dict(compare_bids(CRITERIA, bids))
    both = json.loads(json.dumps(to_json_dict(compare_bids(CRITERIA, bids))))
    both["lots"] = []
    assert not AWARD.is_valid(both)
    assert recompute_lots(to_json_dict(compare_bids(CRITERIA, bids)))[1] == {None: True}


def test_a_bid_without_a_lot_beside_bids_with_lots_is_refused():
    bids = [replace(bid("a", "100", {"care_plan": "4", "continuity": "3"}), lot="1"),
            bid("b", "90", {"care_plan": "3", "continuity": "3"})]
    with pytest.raises(DomainError) as refused:
        compare_lots(CRITERIA, bids)
    assert refused.value.code == "lot_missing"


def test_a_lot_whose_every_bid_is_excluded_names_the_lot():
    bids = [replace(bid("a", "100", {"care_plan": "4", "continuity": "3"}), lot="1"),
            replace(bid("b", "90", {}, excluded="puuttuu"), lot="2")]
    with pytest.raises(DomainError) as refused:
        compare_lots(CRITERIA, bids)
    assert refused.value.code == "no_bids" and refused.value.params["lot"] == "2"

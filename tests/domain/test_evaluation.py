from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain import evaluation
from coprocure.domain.evaluation import ParticipationDimension, Rating, Round

LIKERT = range(1, 6)
item_counts = st.dictionaries(
    st.sampled_from([item.code for item in evaluation.EXPERIENCE_ITEMS]),
    st.dictionaries(st.sampled_from(list(LIKERT)), st.integers(0, 60)),
)


def test_every_dimension_has_items_and_every_item_speaks_three_languages():
    assert {item.dimension for item in evaluation.EXPERIENCE_ITEMS} == set(ParticipationDimension)
    assert 6 <= len(evaluation.EXPERIENCE_ITEMS) <= 9  # two at least per dimension, still a short survey
    for item in evaluation.EXPERIENCE_ITEMS:
        assert set(item.text) == {"fi", "sv", "en"} and all(item.text.values())
    for criterion in evaluation.SELF_ASSESSMENT:
        assert set(criterion.text) == {"fi", "sv", "en"} and all(criterion.text.values())


def test_worked_example_of_a_dimension_score():
    # Ten people: "heard" 5×4 and 5×5, "effect" 10×3, "feedback" 10×2 → mean (20+25+30+20)/30.
    scores = evaluation.dimension_scores({"heard": {4: 5, 5: 5}, "effect": {3: 10}, "feedback": {2: 10}}, k=5)
    influence = next(s for s in scores if s.dimension is ParticipationDimension.INFLUENCE)
    assert influence.answers == 30
    assert influence.mean == Fraction(95, 30)
    assert influence.agree_share == Fraction(10, 30)
    assert influence.distribution == {1: 0, 2: 10, 3: 10, 4: 5, 5: 5}
    own_life = next(s for s in scores if s.dimension is ParticipationDimension.OWN_LIFE)
    assert own_life.answers == 0 and own_life.mean is None


@given(item_counts, st.integers(2, 10))
def test_a_score_is_shown_only_when_every_item_of_its_dimension_has_k_answers(counts, k):
    for score in evaluation.dimension_scores(counts, k):
        items = [i.code for i in evaluation.EXPERIENCE_ITEMS if i.dimension is score.dimension]
        fewest = min(sum(counts.get(code, {}).values()) for code in items)
        if fewest < k:
            assert score.mean is None and score.agree_share is None
            assert all(n is None for n in score.distribution.values())
        else:
            assert Fraction(1) <= score.mean <= Fraction(5)
            assert all(n is None or n == 0 or n >= k for n in score.distribution.values())


@given(item_counts, item_counts)
def test_a_change_between_rounds_needs_two_shown_scores(before, after):
    changes = evaluation.compare_rounds({
        Round.BEFORE: evaluation.dimension_scores(before), Round.AFTER: evaluation.dimension_scores(after),
    })
    for change in changes:
        first, last = change.scores[Round.BEFORE], change.scores[Round.AFTER]
        if first is None or last is None:
            assert change.change is None
        else:
            assert change.change == last - first
        assert change.scores[Round.DURING] is None


def test_a_change_skips_a_round_without_a_score():
    rounds = {
        Round.BEFORE: evaluation.dimension_scores({"suited_me": {2: 10}, "meaningful": {2: 10}, "better_for_me": {2: 10}}),
        Round.AFTER: evaluation.dimension_scores({"suited_me": {4: 10}, "meaningful": {5: 10}, "better_for_me": {3: 10}}),
    }
    own_life = next(c for c in evaluation.compare_rounds(rounds) if c.dimension is ParticipationDimension.OWN_LIFE)
    assert own_life.change == Fraction(4) - 2


@given(st.lists(st.tuples(st.integers(), st.booleans()), unique_by=lambda r: r[0]))
def test_a_count_share_lists_every_record_on_one_side(records):
    share = evaluation.count_share(records)
    assert sorted(share.included + share.excluded) == sorted(pk for pk, _ in records)
    assert share.part == sum(flag for _, flag in records)
    assert share.value is None if not records else share.value == Fraction(share.part, len(records))


@given(st.lists(st.tuples(st.integers(), st.decimals(0, 100, places=2), st.booleans()), unique_by=lambda r: r[0]))
def test_the_traced_weight_is_part_of_the_whole_weight(criteria):
    share = evaluation.weight_share(criteria)
    assert 0 <= share.part <= share.whole
    assert share.whole == sum((w for _, w, _ in criteria), Decimal(0))
    if share.value is not None:
        assert 0 <= share.value <= 1


def test_a_negative_weight_is_refused():
    with pytest.raises(ValueError):
        evaluation.weight_share([(1, Decimal(-1), True)])


def test_only_service_users_proposals_count_towards_adoption():
    share = evaluation.adopted_share([
        (1, "service_user", "adopted"), (2, "relative", "rejected"), (3, "staff", "adopted"),
        (4, "client_representative", "trial"),
    ])
    assert (share.part, share.whole, share.included, share.excluded) == (1, 3, (1,), (2, 4))


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 30)), st.integers(2, 10))
def test_no_small_group_can_be_read_or_worked_out_from_a_counted_row(counts, k):
    row = evaluation.counted(counts, k)
    assert all(n is None or n == 0 or n >= k for n in row.counts.values())
    hidden = [key for key, n in row.counts.items() if n is None]
    if row.total is not None and hidden:
        # What the shown total gives away is the sum of the hidden counts, never fewer than k.
        assert sum(counts[key] for key in hidden) >= k
        assert len(hidden) > 1


@given(st.integers(0, 50), st.integers(0, 50), st.integers(2, 10))
def test_the_outreach_share_never_reveals_a_small_part(outreach, institutional, k):
    share = evaluation.outreach_share(outreach, institutional, k)
    if share is not None:
        assert outreach == 0 or outreach >= k
        assert institutional == 0 or institutional >= k
        assert share == Fraction(outreach, outreach + institutional)


def test_the_self_assessment_summary_counts_known_criteria_and_ratings_only():
    summary = evaluation.assessment_summary({
        "aim": {"rating": "yes"}, "roles": {"rating": "partly"}, "metrics": {"rating": "yes"},
        "unknown": {"rating": "yes"}, "phase": {"rating": "maybe"},
    })
    assert summary == {Rating.YES: 2, Rating.PARTLY: 1, Rating.NO: 0, Rating.NOT_APPLICABLE: 0}


@given(st.sampled_from(["service_centre", "drop_in", "home_visit", "online", "institutional"]),
       st.sampled_from([None, "online", "assisted", "paper", "phone"]))
def test_answering_online_is_never_outreach(setting, channel):
    outreach = evaluation.is_outreach(setting, channel)
    assert outreach == (setting in {"service_centre", "drop_in", "home_visit"} and channel != "online")
    if "online" in (setting, channel):
        assert not outreach

"""The procedure's rules as properties: every default sequence, timed one stage after another,
keeps them; breaking any one of them (an overlap, a missing comparison, negotiation without
selection, reduction without announced criteria, publishing late) is refused; and a selection
decision the rules accept never selects an unsuitable candidate nor more than the maximum."""

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from coprocure.domain import procedure as rules
from coprocure.domain.errors import DomainError

K = rules.StageKind
START = datetime(2027, 1, 4, 9, tzinfo=timezone.utc)
procedures = st.sampled_from(list(rules.ProcedureKind))
lengths = st.integers(min_value=rules.MIN_SUBMISSION_DAYS, max_value=60)
gaps = st.integers(min_value=0, max_value=30)


def timed(kinds, durations, gaps_between, start=START, reduce=()):
    stages, at = [], start
    for index, kind in enumerate(kinds):
        opens = at + timedelta(days=gaps_between[index % len(gaps_between)])
        closes = opens + timedelta(days=durations[index % len(durations)])
        stages.append(rules.PlannedStage(kind, opens, closes, index in reduce))
        at = closes
    return stages


def codes(stages, announced=False):
    return {error.code for error in rules.problems(stages, reduction_criteria_announced=announced)}


@given(procedures, st.lists(lengths, min_size=1, max_size=5), st.lists(gaps, min_size=1, max_size=5))
def test_every_default_sequence_timed_in_order_keeps_every_rule(procedure, durations, gaps_between):
    stages = timed(rules.default_sequence(procedure), durations, gaps_between)
    assert rules.problems(stages, reduction_criteria_announced=False) == []
    rules.check_publish(START - timedelta(minutes=1), stages, reduction_criteria_announced=False)


@given(procedures, st.lists(lengths, min_size=1, max_size=5), st.integers(min_value=1, max_value=9))
def test_a_stage_opening_before_the_previous_closes_is_refused(procedure, durations, overlap_days):
    kinds = rules.default_sequence(procedure)
    assume(len(kinds) > 1)
    stages = timed(kinds, durations, [0])
    second = stages[1]
    stages[1] = rules.PlannedStage(second.kind, stages[0].closes_at - timedelta(days=overlap_days),
                                   second.closes_at, second.reduces_candidates)
    assert "stage_overlaps_previous" in codes(stages)


@given(st.lists(st.sampled_from(list(K)), min_size=1, max_size=8), st.lists(lengths, min_size=1, max_size=3))
def test_any_composition_without_exactly_one_comparison_is_refused(kinds, durations):
    comparisons = sum(kind in rules.COMPARING for kind in kinds)
    assume(comparisons != 1)
    assert "procedure_one_comparison" in codes(timed(kinds, durations, [0]))


@given(st.lists(st.sampled_from(list(K)), min_size=1, max_size=8), st.lists(lengths, min_size=1, max_size=3))
def test_negotiation_or_dialogue_before_any_selection_is_refused(kinds, durations):
    first_round = next((i for i, kind in enumerate(kinds) if kind in rules.ROUNDS), None)
    assume(first_round is not None and K.PARTICIPATION_REQUESTS not in kinds[:first_round])
    assert "round_without_selection" in codes(timed(kinds, durations, [0]))


@given(st.lists(st.sampled_from(list(K)), min_size=1, max_size=8), st.lists(lengths, min_size=1, max_size=3),
       st.booleans())
def test_an_accepted_composition_keeps_the_stated_principles(kinds, durations, announced):
    reduce = {i for i, kind in enumerate(kinds) if kind in rules.ROUNDS}
    stages = timed(kinds, durations, [0], reduce=reduce)
    if rules.problems(stages, reduction_criteria_announced=announced):
        return
    comparing = [i for i, kind in enumerate(kinds) if kind in rules.COMPARING]
    assert len(comparing) == 1
    assert all(kind == K.RD_MILESTONE for kind in kinds[comparing[0] + 1:])
    assert all(later.opens_at >= earlier.closes_at for earlier, later in zip(stages, stages[1:]))
    assert not reduce or announced
    market = [i for i, kind in enumerate(kinds) if kind == K.MARKET_DIALOGUE]
    assert all(i < min(j for j, kind in enumerate(kinds) if kind != K.MARKET_DIALOGUE) for i in market)


def test_reduction_needs_announced_criteria():
    stages = timed([K.PARTICIPATION_REQUESTS, K.NEGOTIATION_ROUND, K.FINAL_TENDERS], [14], [0], reduce={1})
    assert "reduction_without_criteria" in codes(stages, announced=False)
    assert codes(stages, announced=True) == set()


def test_the_procedure_is_published_before_its_first_stage_opens():
    stages = timed([K.TENDERS], [14], [0])
    with pytest.raises(DomainError) as late:
        rules.check_publish(START, stages, reduction_criteria_announced=False)
    assert late.value.code == "procedure_published_late"


def test_a_round_opens_only_when_the_previous_one_closed():
    stages = timed([K.PARTICIPATION_REQUESTS, K.NEGOTIATION_ROUND, K.FINAL_TENDERS], [14], [0])
    stages[0] = replace(stages[0], state=rules.StageState.OPEN)
    with pytest.raises(DomainError) as early:
        rules.check_open_stage(stages[1].opens_at + timedelta(hours=1), True, stages, 1)
    assert early.value.code == "stage_previous_not_closed"


@given(st.lists(lengths, min_size=3, max_size=3), st.integers(min_value=0, max_value=2))
def test_a_new_version_never_changes_a_stage_that_has_begun(durations, begun):
    current = timed([K.PARTICIPATION_REQUESTS, K.NEGOTIATION_ROUND, K.FINAL_TENDERS], durations, [0])
    now = current[begun].opens_at + timedelta(hours=1)
    moved = list(current)
    moved[begun] = rules.PlannedStage(current[begun].kind, current[begun].opens_at,
                                      current[begun].closes_at + timedelta(days=1))
    later = [rules.PlannedStage(s.kind, s.opens_at + timedelta(days=1), s.closes_at + timedelta(days=1))
             for s in moved[begun + 1:]]
    with pytest.raises(DomainError) as refused:
        rules.check_new_version(now, current, moved[:begun + 1] + later, reduction_criteria_announced=False)
    assert refused.value.code in {"stage_begun_unchangeable", "procedure_published_late"}


candidates = st.lists(st.tuples(st.booleans(), st.booleans(), st.sampled_from(["", "Perustelu."])), max_size=8)


@given(candidates, st.integers(min_value=1, max_value=5), st.one_of(st.none(), st.integers(min_value=1, max_value=6)))
def test_an_accepted_selection_is_fair_to_the_announced_numbers(rows, least, most):
    assume(most is None or most >= least)
    chosen = [rules.Candidate(i, suitable, selected, reason) for i, (suitable, selected, reason) in enumerate(rows)]
    try:
        rules.check_selection(chosen, least, most)
    except DomainError:
        return
    selected = [c for c in chosen if c.selected]
    suitable = [c for c in chosen if c.suitable]
    assert all(c.suitable for c in selected)
    assert all(c.reason.strip() for c in chosen)
    assert most is None or len(selected) <= most
    assert len(selected) >= min(least, len(suitable))
    assert most is not None or len(selected) == len(suitable)


def test_a_call_that_limits_candidates_announces_its_criteria():
    with pytest.raises(DomainError) as refused:
        rules.check_call("negotiated", 3, 5, criteria=0, requirements=2)
    assert refused.value.code == "selection_criteria_required"
    with pytest.raises(DomainError) as low:
        rules.check_call("restricted", 3, None, criteria=0, requirements=2)
    assert low.value.code == "min_candidates_too_low"
    rules.check_call("light", 1, 2, criteria=1, requirements=1)


@given(st.booleans(), st.integers(min_value=-5, max_value=5))
def test_a_request_is_taken_only_while_its_stage_is_open_and_before_its_deadline(is_open, minutes):
    stage = rules.PlannedStage(K.PARTICIPATION_REQUESTS, START - timedelta(days=1), START,
                               state=rules.StageState.OPEN if is_open else rules.StageState.CLOSED)
    now = START + timedelta(minutes=minutes)
    if is_open and now < START:
        rules.check_can_submit(now, stage)
    else:
        with pytest.raises(DomainError):
            rules.check_can_submit(now, stage)


ROUND = rules.PlannedStage(rules.StageKind.NEGOTIATION_ROUND, datetime(2026, 1, 1, tzinfo=timezone.utc),
                           datetime(2026, 1, 15, tzinfo=timezone.utc), True)


@given(st.lists(st.tuples(st.booleans(), st.sampled_from(["", " ", "Kallein."])), min_size=1, max_size=6))
def test_a_reduction_passes_only_with_every_reason_and_someone_going_on(kept):
    candidates = [(n, goes_on, reason) for n, (goes_on, reason) in enumerate(kept)]
    fine = all(reason.strip() for _n, _g, reason in candidates) and any(g for _n, g, _r in candidates)
    try:
        rules.check_reduction(ROUND, candidates)
        assert fine
    except DomainError as error:
        assert not fine and error.code in {"selection_reason_required", "reduction_keeps_none"}


def test_a_round_not_announced_to_reduce_never_reduces():
    with pytest.raises(DomainError) as refused:
        rules.check_reduction(replace(ROUND, reduces_candidates=False), [(1, True, "Hyvä.")])
    assert refused.value.code == "reduction_not_announced"


# ---- the end of the competition: award on the initial bids, final tenders on invitation -------

def negotiated(states=()):
    stages = timed(rules.default_sequence(rules.ProcedureKind.NEGOTIATED), [14], [0])
    return [replace(stage, state=state) for stage, state in zip(stages, list(states) + [rules.StageState.PLANNED] * 9)]


@given(st.lists(st.sampled_from(list(K)), min_size=1, max_size=8), st.lists(lengths, min_size=1, max_size=3))
def test_the_award_on_initial_bids_is_reserved_only_where_a_negotiation_round_comes_first(kinds, durations):
    stages = timed(kinds, durations, [0])
    rounds = [kind for kind in kinds if kind in rules.ROUNDS]
    refused = "award_on_initial_bids_without_round" in {
        e.code for e in rules.problems(stages, reduction_criteria_announced=True, award_on_initial_bids=True)}
    assert refused == (not rounds or rounds[0] != K.NEGOTIATION_ROUND)
    # Not reserving never adds the problem.
    assert "award_on_initial_bids_without_round" not in codes(stages, announced=True)


@given(procedures, st.lists(lengths, min_size=1, max_size=5))
def test_skipping_leaves_out_the_later_rounds_and_the_final_tenders_never_a_milestone(procedure, durations):
    kinds = list(rules.default_sequence(procedure))
    stages = timed(kinds, durations, [0])
    first = next((at for at, kind in enumerate(kinds) if kind in rules.ROUNDS), None)
    assume(first is not None and kinds[first] == K.NEGOTIATION_ROUND)
    skipped = rules.skipped_by_award_on_initial_bids(stages, first, reserved=True)
    assert skipped and all(index > first for index in skipped)
    assert kinds[skipped[-1]] == K.FINAL_TENDERS
    assert all(kinds[index] != K.RD_MILESTONE for index in skipped)
    with pytest.raises(DomainError) as error:
        rules.skipped_by_award_on_initial_bids(stages, first, reserved=False)
    assert error.value.code == "award_on_initial_bids_not_reserved"


@given(st.integers(min_value=0, max_value=3))
def test_the_award_on_initial_bids_is_decided_on_the_first_round_only_and_before_a_later_stage_begins(index):
    stages = negotiated([rules.StageState.CLOSED, rules.StageState.OPEN])
    if index != 1:
        with pytest.raises(DomainError) as error:
            rules.skipped_by_award_on_initial_bids(stages, index, reserved=True)
        assert error.value.code == "award_on_initial_bids_first_round_only"
    else:
        assert rules.skipped_by_award_on_initial_bids(stages, 1, reserved=True) == [2]
    begun = negotiated([rules.StageState.CLOSED, rules.StageState.CLOSED, rules.StageState.OPEN])
    with pytest.raises(DomainError) as error:
        rules.skipped_by_award_on_initial_bids(begun, 1, reserved=True)
    assert error.value.code == "award_on_initial_bids_too_late"


def test_a_stage_after_a_skipped_one_may_open():
    kinds = rules.default_sequence(rules.ProcedureKind.INNOVATION_PARTNERSHIP)
    stages = [replace(stage, state=state) for stage, state in zip(
        timed(kinds, [14], [0]), [rules.StageState.CLOSED, rules.StageState.CLOSED, rules.StageState.SKIPPED,
                                  rules.StageState.PLANNED])]
    rules.check_open_stage(stages[3].opens_at, True, stages, 3)


@given(st.sampled_from(list(K)), st.sampled_from(list(rules.StageState)), st.integers(min_value=0, max_value=5),
       st.booleans())
def test_final_tenders_are_invited_once_in_an_open_final_stage_with_someone_to_invite(kind, state, candidates, issued):
    stage = rules.PlannedStage(kind, START, START + timedelta(days=14), False, state)
    allowed = kind == K.FINAL_TENDERS and state == rules.StageState.OPEN and candidates > 0 and not issued
    try:
        rules.check_final_invitation(stage, candidates, issued)
    except DomainError:
        assert not allowed
    else:
        assert allowed

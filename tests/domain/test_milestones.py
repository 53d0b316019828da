"""An innovation partnership's R&D milestones as pure rules (issue 21 item 4): results before the
due time, shares of the price at most the whole, a partnership ended only after a refusal, and
the service phase only when every milestone of every remaining partner is accepted."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain import milestones
from coprocure.domain.errors import DomainError

IDS = st.sets(st.integers(min_value=1, max_value=50), max_size=6)
SHARE = st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=2))


def code_of(run, *args):
    try:
        run(*args)
    except DomainError as error:
        return error.code
    return None


@given(st.datetimes(), st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400)))
def test_a_result_at_or_after_the_due_time_is_late(due, after):
    assert code_of(milestones.check_result_in_time, due + after, due) == "milestone_result_late"


@given(st.datetimes(min_value=datetime(2000, 1, 1)), st.timedeltas(min_value=timedelta(microseconds=1),
                                                                    max_value=timedelta(days=400)))
def test_a_result_before_the_due_time_is_in_time(due, before):
    milestones.check_result_in_time(due - before, due)


@given(st.lists(SHARE, max_size=8))
def test_the_shares_of_the_price_are_at_most_the_whole(shares):
    total = sum((s for s in shares if s is not None), Decimal(0))
    refused = code_of(milestones.check_price_shares, shares) == "milestone_shares_over_whole"
    assert refused == (total > 100)


@given(st.lists(st.booleans(), max_size=6))
def test_a_partnership_is_ended_only_after_a_refusal(decisions):
    refused = code_of(milestones.check_may_end, decisions) == "partnership_end_without_refusal"
    assert refused == all(decisions)


@given(IDS, IDS, st.data())
def test_the_service_phase_needs_every_milestone_of_every_partner_accepted(ms, partners, data):
    pairs = [(m, p) for m in sorted(ms) for p in sorted(partners)]
    accepted = data.draw(st.sets(st.sampled_from(pairs)) if pairs else st.just(set()))
    code = code_of(milestones.check_service_phase, ms, partners, accepted)
    if not ms:
        assert code == "service_phase_no_milestones"
    elif not partners:
        assert code == "service_phase_no_partners"
    else:
        assert (code is None) == (set(accepted) == set(pairs))
        assert set(milestones.missing(ms, partners, accepted)) == set(pairs) - set(accepted)


@given(IDS.filter(bool), IDS.filter(lambda p: len(p) > 1), st.data())
def test_ending_a_partner_whose_milestones_are_open_lets_the_others_begin(ms, partners, data):
    ended = data.draw(st.sampled_from(sorted(partners)))
    remaining = set(partners) - {ended}
    accepted = {(m, p) for m in ms for p in remaining}
    with pytest.raises(DomainError):
        milestones.check_service_phase(ms, partners, accepted)
    milestones.check_service_phase(ms, remaining, accepted)

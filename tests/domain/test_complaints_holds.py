"""What a complaint holds back (domain.complaints.holds, check_can_proceed): the award's contract,
and a procedure's next stage, award and contract after its selection or reduction decision."""

from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain import complaints
from coprocure.domain.errors import DomainError

kinds = st.sampled_from(complaints.KINDS)
complaint = st.tuples(kinds, st.booleans(), st.booleans())  # kind, pending, enforcement banned


@given(kinds, st.booleans())
def test_an_answered_or_decided_complaint_holds_nothing(kind, banned):
    assert not complaints.holds(kind, False, banned)


@given(st.booleans())
def test_a_pending_request_for_rectification_always_holds(banned):
    assert complaints.holds("rectification_request", True, banned)


@given(st.booleans())
def test_a_pending_appeal_holds_only_with_the_courts_ban_on_enforcement(banned):
    assert complaints.holds("market_court_appeal", True, banned) == banned


@given(st.lists(complaint, max_size=8))
def test_the_procedure_goes_on_exactly_when_no_complaint_holds_it_and_a_request_is_named_first(filed):
    holding = [kind for kind, pending, banned in filed if complaints.holds(kind, pending, banned)]
    requests = sum(1 for kind in holding if kind == "rectification_request")
    appeals = len(holding) - requests
    try:
        complaints.check_can_proceed(requests, appeals)
        refused = None
    except DomainError as error:
        refused = error.code
    if not holding:
        assert refused is None
    elif requests:
        assert refused == "decision_complaint_pending"
    else:
        assert refused == "decision_enforcement_banned"

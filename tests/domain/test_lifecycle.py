import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.errors import DomainError
from coprocure.domain.lifecycle import ORDER, Phase, next_phase, plan_transition

phases = st.sampled_from(ORDER)
reasons = st.text(max_size=50)


def test_forward_one_step_needs_no_reason():
    transition = plan_transition("preparation", "tendering")
    assert (transition.source, transition.target, transition.is_backward) == (Phase.PREPARATION, Phase.TENDERING, False)


def test_skipping_is_refused_and_names_the_next_phase():
    with pytest.raises(DomainError) as raised:
        plan_transition("preparation", "contract")
    assert raised.value.code == "phase_skipped"
    assert raised.value.params == {"next": "tendering"}


def test_going_back_requires_a_reason():
    with pytest.raises(DomainError) as raised:
        plan_transition("tendering", "preparation", "   ")
    assert raised.value.code == "phase_back_without_reason"
    assert plan_transition("tendering", "preparation", "Tarjouskilpailu keskeytettiin").is_backward


def test_unknown_phase():
    with pytest.raises(DomainError) as raised:
        plan_transition("preparation", "launch")
    assert raised.value.code == "phase_unknown"


@given(phases, phases, reasons)
def test_every_accepted_transition_is_one_step_forward_or_a_reasoned_step_back(source, target, reason):
    try:
        transition = plan_transition(source, target, reason)
    except DomainError:
        step = ORDER.index(target) - ORDER.index(source)
        assert step == 0 or step > 1 or (step < 0 and not reason.strip())
        return
    step = ORDER.index(target) - ORDER.index(source)
    assert step == 1 or (step < 0 and transition.reason)


def test_next_phase_walks_the_whole_order():
    seen, phase = [Phase.PREPARATION], Phase.PREPARATION
    while (phase := next_phase(phase)) is not None:
        seen.append(phase)
    assert tuple(seen) == ORDER

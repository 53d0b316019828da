from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain import steering
from coprocure.domain.errors import DomainError

ROLES = ["chair", "secretary", "authority_official", "provider_representative", "client_representative", "peer"]


@given(st.sampled_from(ROLES), st.booleans())
def test_only_attending_experts_and_peers_are_paid(role, attended):
    if role in steering.COMPENSATED_ROLES and attended:
        steering.check_compensation(role, attended)
    else:
        with pytest.raises(DomainError) as refused:
            steering.check_compensation(role, attended)
        assert refused.value.field == "member"


@given(st.datetimes(), st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400)))
def test_agenda_after_the_start_is_refused(starts_at, delay):
    with pytest.raises(DomainError):
        steering.check_agenda_publishable(starts_at, starts_at + delay)
    steering.check_agenda_publishable(starts_at + delay + timedelta(seconds=1), starts_at)


@given(st.text())
def test_confidential_decision_needs_a_reason(reason):
    steering.check_confidentiality(False, reason)
    if reason.strip():
        steering.check_confidentiality(True, reason)
    else:
        with pytest.raises(DomainError):
            steering.check_confidentiality(True, reason)


@given(st.dates(), st.integers(min_value=-1000, max_value=1000))
def test_new_end_must_follow_the_start(starts_on, days):
    try:
        new_end = starts_on + timedelta(days=days)
    except OverflowError:
        return
    if days > 0:
        steering.check_new_end(starts_on, new_end)
    else:
        with pytest.raises(DomainError):
            steering.check_new_end(starts_on, new_end)
    steering.check_new_end(starts_on, None)


@given(st.sampled_from([*steering.POSITIONS, "veto", ""]), st.text(max_size=20))
def test_a_dissent_always_carries_the_members_view(position, view):
    if position not in steering.POSITIONS:
        with pytest.raises(DomainError) as refused:
            steering.check_position(position, view)
        assert refused.value.code == "position_unknown"
    elif position == "dissent" and not view.strip():
        with pytest.raises(DomainError) as refused:
            steering.check_position(position, view)
        assert refused.value.code == "position_dissent_view"
    else:
        steering.check_position(position, view)

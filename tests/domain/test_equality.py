import itertools
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprocure.domain.equality import THRESHOLD, by_phase, check_reference, monitor, suggested_outreach
from coprocure.domain.errors import DomainError

GROUPS = ["older_people", "relatives", "immigrants", "substance_use"]
counts_strategy = st.dictionaries(st.sampled_from(GROUPS), st.integers(0, 400))


@st.composite
def references(draw):
    chosen = draw(st.lists(st.sampled_from(GROUPS), unique=True))
    remaining, result = 100, {}
    for group in chosen:
        value = draw(st.integers(0, remaining))
        remaining -= value
        result[group] = Decimal(value)
    return result


def test_worked_example():
    # 100 participants: 70 older people, 30 relatives; the service's users are 50 % older
    # people, 20 % relatives and 30 % immigrants.
    result = monitor({"older_people": 70, "relatives": 30},
                     {"older_people": Decimal(50), "relatives": Decimal(20), "immigrants": Decimal(30)}, k=5)
    figures = {figure.group: figure for figure in result.groups}
    assert figures["older_people"].ratio == Fraction(7, 5) and not figures["older_people"].flagged
    assert figures["relatives"].ratio == Fraction(3, 2)
    assert figures["immigrants"].participants == 0 and figures["immigrants"].ratio == 0
    assert figures["immigrants"].flagged and figures["immigrants"].suggestion == ("discussion_event", "service_centre")
    assert result.total == 100


def test_small_group_is_hidden_and_never_judged():
    result = monitor({"older_people": 40, "relatives": 12, "immigrants": 2}, {"immigrants": Decimal(30)}, k=5)
    figures = {figure.group: figure for figure in result.groups}
    assert figures["immigrants"].participants is None and figures["immigrants"].ratio is None
    assert not figures["immigrants"].flagged
    # The next smallest count goes with it, so the total does not give the hidden one away.
    assert figures["relatives"].participants is None and figures["older_people"].participants == 40


def test_reference_shares_must_describe_one_population():
    with pytest.raises(DomainError) as raised:
        check_reference({"older_people": Decimal(80), "relatives": Decimal(30)})
    assert raised.value.code == "reference_shares_over_100"
    with pytest.raises(DomainError):
        check_reference({"older_people": Decimal(-1)})


@given(counts_strategy, references(), st.integers(2, 10))
def test_ratio_is_share_over_reference_and_flag_follows_the_threshold(counts, reference, k):
    for figure in monitor(counts, reference, k).groups:
        if figure.ratio is not None:
            assert figure.ratio * figure.reference_share == figure.share
        assert figure.flagged == (figure.ratio is not None and figure.ratio < THRESHOLD)
        assert (figure.suggestion is not None) == figure.flagged


@given(counts_strategy, references(), st.integers(2, 10))
def test_no_figure_reveals_a_small_group(counts, reference, k):
    result = monitor(counts, reference, k)
    for figure in result.groups:
        if figure.participants is None:
            assert figure.share is None and figure.ratio is None and not figure.flagged
        else:
            assert figure.participants == 0 or figure.participants >= k
    hidden = [f for f in result.groups if f.participants is None]
    if result.total is not None and hidden:
        # What is hidden together is never a single small group that the total would reveal.
        assert len(hidden) >= 2 and sum(counts.get(f.group, 0) for f in hidden) >= k


@given(counts_strategy, references(), st.integers(2, 10))
def test_shown_shares_never_exceed_the_whole(counts, reference, k):
    shares = [figure.share for figure in monitor(counts, reference, k).groups if figure.share is not None]
    assert sum(shares, Fraction(0)) <= 1


@given(st.text(max_size=20))
def test_every_group_gets_an_outreach_suggestion(group):
    kind, setting = suggested_outreach(group)
    assert kind and setting != "institutional"


PHASES = ["preparation", "tendering", "contract"]


@given(st.dictionaries(st.sampled_from(PHASES), counts_strategy, max_size=3),
       st.dictionaries(st.sampled_from(PHASES), st.integers(0, 12)), references(), st.integers(2, 8))
def test_phases_stand_alone_and_no_phase_figure_can_be_worked_out_from_the_overall(counts, unstated, reference, k):
    overall, phases = by_phase(counts, unstated, reference, k)
    for phase, result in phases.items():
        # A phase's figures are what it alone shows: later phases cannot change them.
        assert result.groups == monitor(counts.get(phase, {}), reference, k).groups
    if overall.total is not None:
        assert all(result.total is not None for result in phases.values())
    for figure in overall.groups:
        hidden_in_phases = [p for p in phases.values() for f in p.groups if f.group == figure.group and f.participants is None]
        if hidden_in_phases:
            assert figure.participants is None
    if any(result.unstated is None for result in phases.values()):
        assert overall.unstated is None


def test_a_small_phase_is_hidden_together_with_the_overall_figure():
    overall, phases = by_phase({"preparation": {"older_people": 10}, "contract": {"older_people": 2}}, {},
                               {"older_people": Decimal(100)}, k=5)
    assert phases["contract"].groups[0].participants is None
    assert phases["preparation"].groups[0].participants == 10
    assert overall.groups[0].participants is None  # otherwise 12 − 10 would give the 2 away
    assert overall.total is None


# The attacker against the monitor's own figures (page and API): per phase the shown counts, the
# total of those who named a group and those who did not; overall the same. Shares and ratios are
# computed from shown counts and the shown total only, so they add no equation.
PHASES = ["preparation", "tendering"]
BOUND = 9  # each hidden count is tried from 0 to this; a larger range could only free more


def _phase_options(figure) -> list[dict]:
    hidden = [f.group for f in figure.groups if f.participants is None]
    shown = sum(f.participants for f in figure.groups if f.participants is not None)
    options = []
    for values in itertools.product(range(BOUND + 1), repeat=len(hidden)):
        if figure.total is not None and shown + sum(values) != figure.total:
            continue
        options.append(dict(zip(hidden, values, strict=True)))
    return options


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.sampled_from(PHASES), st.dictionaries(st.sampled_from(GROUPS[:2]), st.integers(0, 6)), min_size=1),
       st.dictionaries(st.sampled_from(PHASES), st.integers(0, 6)), st.integers(3, 5))
def test_the_attacker_cannot_pin_a_hidden_count_of_the_monitor(counts, unstated, k):
    overall, phases = by_phase(counts, unstated, {}, k)
    names = list(phases)
    options = [_phase_options(phases[p]) for p in names]
    found: dict[tuple, set] = {}
    for combination in itertools.product(*options):
        columns: dict[str, int] = {}
        for p, chosen in zip(names, combination, strict=True):
            for f in phases[p].groups:
                columns[f.group] = columns.get(f.group, 0) + (chosen[f.group] if f.participants is None else f.participants)
        if any(f.participants is not None and columns.get(f.group, 0) != f.participants for f in overall.groups):
            continue
        if overall.total is not None and sum(columns.values()) != overall.total:
            continue
        for p, chosen in zip(names, combination, strict=True):
            for group, value in chosen.items():
                found.setdefault((p, group), set()).add(value)
    for p in names:
        for f in phases[p].groups:
            if f.participants is None:
                assert len(found.get((p, f.group), set())) >= 2, (counts, unstated, k, p, f.group, found)
    # Those who did not say: per phase, and their overall sum.
    hidden = [p for p in names if phases[p].unstated is None]
    if hidden and overall.unstated is not None:
        rest = overall.unstated - sum(phases[p].unstated for p in names if phases[p].unstated is not None)
        assert len(hidden) >= 2 and rest >= k, (unstated, k)  # not one phase's count by difference

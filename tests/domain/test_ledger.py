"""The equality monitor and the participation ledger solved together: an attacker with both
pages' figures (and the ledger's splits by method) must not pin a hidden count down."""

from hypothesis import given, settings
from hypothesis import strategies as st

from coprocure.domain import equality, evaluation, ledger, publication

from .counts_attacker import Pages, attack


def monitor_row(figures: equality.Monitor) -> dict:
    return {"groups": {f.group: f.participants for f in figures.groups}, "total": figures.total,
            "unstated": figures.unstated}


def pages(result: ledger.Ledger, counts: dict, splits: dict | None = None) -> Pages:
    groups = {g for row in counts.values() for g, n in row.items() if n}
    return Pages(
        monitor_phases={phase: monitor_row(m) for phase, m in result.by_phase.items()},
        monitor_overall=monitor_row(result.overall),
        ledger_phases=result.phases, ledger_groups={g: result.groups[g] for g in groups},
        ledger_unstated=result.unstated, ledger_total=result.total, splits=splits or {},
    )


def old_pages(counts: dict, unstated: dict, k: int) -> Pages:
    """The figures as published before the rule: the monitor with those who did not say shown
    whenever they reach k, the ledger's rows each suppressed on its own."""
    phases = {p: equality.monitor(counts.get(p, {}), {}, k) for p in sorted(set(counts) | set(unstated))}
    phases = {p: monitor_row(m) | {"unstated": unstated.get(p, 0) if unstated.get(p, 0) == 0 or unstated.get(p, 0) >= k else None}
              for p, m in phases.items()}
    overall, _ = equality.by_phase(counts, {}, {}, k)
    by_group = {g: sum(row.get(g, 0) for row in counts.values()) for g in {g for row in counts.values() for g in row}}
    groups = evaluation.counted({**by_group, "unstated": sum(unstated.values())}, k)
    per_phase = evaluation.counted({p: sum(counts.get(p, {}).values()) + unstated.get(p, 0) for p in phases}, k)
    return Pages(
        monitor_phases=phases, monitor_overall=monitor_row(overall) | {"unstated": None},
        ledger_phases=per_phase.counts, ledger_groups={g: n for g, n in groups.counts.items() if g != "unstated"},
        ledger_unstated=groups.counts["unstated"], ledger_total=per_phase.total,
    )


def test_the_pages_suppressed_each_on_its_own_gave_hidden_counts_away():
    # Three people did not say: the monitor hides them, the ledger's 23 minus the monitor's 20 tells.
    counts, unstated = {"preparation": {"older_people": 14, "relatives": 6}}, {"preparation": 3}
    assert attack(old_pages(counts, unstated, 5))[("v0", "cell", "preparation", "unstated")] == 3
    # Three older people: the monitor hides them, but shows the six who did not say; the ledger's
    # nine participations minus six.
    counts, unstated = {"preparation": {"older_people": 3}}, {"preparation": 6}
    assert attack(old_pages(counts, unstated, 5))[("v0", "cell", "preparation", "older_people")] == 3


def test_the_ledger_hides_what_the_monitor_would_fix():
    counts, unstated = {"preparation": {"older_people": 14, "relatives": 6}}, {"preparation": 3}
    result = ledger.published(counts, unstated, {}, 5)
    assert result.by_phase["preparation"].total == 20 and result.by_phase["preparation"].unstated is None
    assert result.phases == {"preparation": None} and result.total is None
    assert attack(pages(result, counts)) == {}
    # A hidden named total takes those who did not say with it; their sum is still shown.
    counts, unstated = {"preparation": {"older_people": 3}}, {"preparation": 6}
    result = ledger.published(counts, unstated, {}, 5)
    assert result.by_phase["preparation"].total is None and result.by_phase["preparation"].unstated is None
    assert result.phases == {"preparation": 9} and result.total == 9
    assert attack(pages(result, counts)) == {}


def test_a_split_hides_a_second_column_where_a_phase_is_hidden():
    # Only surveys in preparation, only panels in the contract period (the list of activities is
    # public): shown, the panels' count would be the contract period's hidden participations.
    cells = {("preparation", "survey"): 30, ("contract", "customer_panel"): 12}
    assert ledger.split(cells, {"preparation": 30, "contract": None}, 5) == {"survey": 30, "customer_panel": None}
    # A small method shares its phase with another one: both are hidden, their sum is the phase.
    cells = {("preparation", "survey"): 30, ("preparation", "co_design"): 3, ("contract", "customer_panel"): 12}
    split = ledger.split(cells, {"preparation": 33, "contract": 12}, 5)
    assert split == {"survey": None, "co_design": None, "customer_panel": 12}

    # Two attended an undated event: never shown as a year, but the phase's twelve minus the
    # year's ten would tell them, so the year is hidden too.
    years = ledger.split({("preparation", 2025): 10, ("preparation", None): 2}, {"preparation": 12}, 5,
                         unpublished=frozenset({None}))
    assert years == {2025: None, None: None}


PHASES = ["preparation", "tendering", "contract"]
GROUPS = ["older_people", "relatives", "immigrants"]
METHODS = ["survey", "panel"]
small = st.integers(0, 9) | st.sampled_from([0, 1, 2, 3, 4])


@st.composite
def participations(draw):
    """Participations per (phase, group or unstated, method)."""
    phases = draw(st.lists(st.sampled_from(PHASES), min_size=1, max_size=3, unique=True))
    groups = draw(st.lists(st.sampled_from(GROUPS), min_size=1, max_size=3, unique=True)) + ["unstated"]
    return {(p, g, m): draw(small) for p in phases for g in groups for m in METHODS
            if draw(st.booleans()) or m == "survey"}


def tables(rows: dict) -> tuple[dict, dict, dict]:
    counts, unstated, methods = {}, {}, {}
    for (phase, group, method), n in rows.items():
        if group == "unstated":
            unstated[phase] = unstated.get(phase, 0) + n
        else:
            counts.setdefault(phase, {})[group] = counts.get(phase, {}).get(group, 0) + n
        methods[(phase, method)] = methods.get((phase, method), 0) + n
    return counts, unstated, methods


@settings(max_examples=60, deadline=None)
@given(participations(), st.integers(3, 5))
def test_no_hidden_count_of_either_page_can_be_solved(rows, k):
    counts, unstated, methods = tables(rows)
    result = ledger.published(counts, unstated, {}, k)
    split = ledger.split(methods, result.phases, k)
    allowed = {cell for cell, n in methods.items() if n}
    assert attack(pages(result, counts, {"methods": (split, allowed)})) == {}


@settings(max_examples=120, deadline=None)
@given(participations(), st.integers(2, 6))
def test_every_shown_count_reaches_k_and_the_parts_agree(rows, k):
    counts, unstated, methods = tables(rows)
    result = ledger.published(counts, unstated, {}, k)
    for n in [*result.phases.values(), *result.groups.values(), result.unstated, result.total,
              *ledger.split(methods, result.phases, k).values()]:
        assert n is None or n == 0 or n >= k
    if result.total is not None:
        assert all(n is not None for n in result.phases.values())
        assert result.total == sum(result.phases.values())
    assert result.groups == {f.group: f.participants for f in result.overall.groups}


def published(cells: dict, k: int) -> tuple[Pages, dict]:
    """The pages computed from a snapshot of (phase, group or "unstated", method) cells."""
    counts, unstated, methods = tables(cells)
    result = ledger.published(counts, unstated, {}, k)
    split = ledger.split(methods, result.phases, k)
    return pages(result, counts, {"methods": (split, {cell for cell, n in methods.items() if n})}), split


def test_two_versions_one_participant_apart_are_one_publication():
    """Issue 18: live pages read before and after one more answer told a hidden count (four who
    did not say are hidden; a fifth shows them while the named total stays, so they were four).
    The public pages are computed from the publication, which moves only by steps of 0 or k."""
    counts = {"preparation": {"older_people": 14, "relatives": 6}}
    live_before = ledger.published(counts, {"preparation": 4}, {}, 5)
    live_after = ledger.published(counts, {"preparation": 5}, {}, 5)
    assert attack(pages(live_before, counts), pages(live_after, counts), added=[1])[
        ("v0", "cell", "preparation", "unstated")] == 4

    def snapshot(unstated: int) -> dict:
        return {("preparation", "older_people", "survey"): 14, ("preparation", "relatives", "survey"): 6,
                ("preparation", "unstated", "survey"): unstated}

    first = publication.following(None, snapshot(4), 5)
    assert publication.following(first, snapshot(5), 5) == first  # the page a reader sees stays as it was
    # Four more came from elsewhere, nine in all: the move is five, and what one's own answer did
    # is hidden among them.
    second = publication.following(first, snapshot(9), 5)
    assert second == snapshot(9)
    before, after = published(first, 5)[0], published(second, 5)[0]
    assert before.monitor_phases["preparation"]["unstated"] is None
    assert after.monitor_phases["preparation"]["unstated"] == 9
    assert attack(before, after, added=[1], at_least=True) == {}


def test_a_publication_waits_for_every_cell_and_never_mixes_rises_and_falls():
    assert publication.moves(None, {"a": 1}, 5)
    assert not publication.moves({"a": 10, "b": 3}, {"a": 20, "b": 5}, 5)  # b moved by two
    assert publication.moves({"a": 10, "b": 3}, {"a": 20, "b": 3, "c": 5}, 5)
    # Ten more here and five fewer there: the sum of both moved by five, but a single cell by
    # the difference of two steps could move by one, so a rise beside a fall waits.
    assert not publication.moves({"a": 10, "b": 9}, {"a": 16, "b": 4}, 5)
    assert publication.moves({"a": 10, "b": 9}, {"a": 5, "b": 4}, 5)


@st.composite
def histories(draw):
    """A start and then answers arriving one to three at a time, in one or two of its cells
    (answers spread over every cell would seldom move the publication at all)."""
    start = draw(participations())
    active = draw(st.lists(st.sampled_from(sorted(start)), min_size=1, max_size=2, unique=True))
    steps = draw(st.lists(st.lists(st.sampled_from(active), min_size=1, max_size=3), min_size=1, max_size=15))
    return start, steps


@settings(max_examples=40, deadline=None)
@given(histories(), st.integers(3, 5))
def test_publications_a_few_answers_apart_pin_nothing(history, k):
    """Read at every step, the public pages are the publication: the same until every cell has
    moved by 0 or at least k. An attacker who knows the answers of the step that moved it (its
    own, fewer than k) and reads both publications pins no hidden count of the earlier one."""
    start, steps = history
    live, current = dict(start), publication.following(None, start, k)
    for step in steps:
        for cell in step:
            live[cell] += 1
        following = publication.following(current, live, k)
        if following != current:
            before, split_before = published(current, k)
            after, split_after = published(following, k)
            assert attack(before, after, added=[len(step)], at_least=True) == {}
            # What a reader notices: every figure shown on both moved by 0 or at least k.
            for old, new in [(before.ledger_total, after.ledger_total),
                             *((before.ledger_phases[p], after.ledger_phases.get(p)) for p in before.ledger_phases),
                             *((split_before[m], split_after.get(m)) for m in split_before)]:
                assert old is None or new is None or new == old or new - old >= k
        current = following

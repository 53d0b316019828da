"""Suppression that arithmetic cannot undo: an attacker with every published figure (the page's
rounded mean and percentage, the number of answers, the shown counts, the figures of the same
round one answer earlier) enumerates every table that fits and must not pin a hidden count."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from coprocure.domain import disclosure, evaluation, privacy
from tests.adversary import LIKERT, hidden_cells, published_mean, published_percent, solve


def page(figures: disclosure.Distribution) -> dict:
    """The figures as the report page and the JSON publish them: two decimals, one in percent."""
    return {
        "answers": figures.answers,
        "mean": None if figures.mean is None else round(float(figures.mean), 2),
        "agree": None if figures.agree_share is None else round(float(figures.agree_share) * 100, 1),
        "distribution": dict(figures.counts),
    }


def old_page(counts: dict[int, int], k: int) -> dict:
    """What the report published before the rule: suppressed counts, and the mean and share
    agreeing of every score with k answers."""
    suppression = privacy.suppress(counts, k)
    n = sum(counts.values())
    return {"answers": n, "mean": published_mean(counts), "agree": published_percent(counts[4] + counts[5], n),
            "distribution": {v: c if suppression.shows(v) else None for v, c in counts.items()}}


# 25 answers: two people answered 2, which is hidden with the six 4s as its complement.
EXAMPLE = {1: 0, 2: 2, 3: 9, 4: 6, 5: 8}


def test_the_old_figures_gave_a_hidden_cell_of_two_away():
    published = old_page(EXAMPLE, 5)
    assert hidden_cells(published) == [2, 4]
    assert published["mean"] == 3.8
    # x2 + x4 = 25 - 9 - 8 and 2·x2 + 4·x4 = 3.80·25 - 27 - 40: one solution.
    assert solve([published]) [2] == {2} and solve([published])[4] == {6}
    # The mean alone is enough (rounding to two decimals protects nothing at 25 answers).
    assert solve([{**published, "agree": None}])[2] == {2}


def test_the_rule_refuses_the_mean_that_would_pin_it_and_the_attack_fails():
    figures = disclosure.distribution(EXAMPLE, 5)
    published = page(figures)
    assert figures.answers == 25
    found = solve([published])
    for value, count in EXAMPLE.items():
        if published["distribution"][value] is None:
            assert len(found[value]) >= 2, (value, found[value])
    # The mean is still the headline figure: it is kept and the counts or the share give way.
    assert figures.mean == Fraction(95, 25)
    assert disclosure.pinned(EXAMPLE, {1, 3, 5}, disclosure.equations(LIKERT, frozenset(), frozenset({"mean"}))) == {2, 4}


def test_one_persons_answer_cannot_be_read_off_the_mean():
    # 100 answers, all 5 but one 4: the mean 4.99 says exactly that; the rule shows no mean
    # unless the counts themselves may be shown.
    counts = {1: 0, 2: 0, 3: 0, 4: 1, 5: 99}
    figures = disclosure.distribution(counts, 5)
    assert figures.mean is None and figures.counts[4] is None
    assert len(solve([page(figures)])[4]) >= 2
    # Six answers, one a 4 and five 5s, with the share agreeing: one person pinned before.
    counts = {1: 0, 2: 0, 3: 0, 4: 1, 5: 5}
    assert solve([{**old_page(counts, 5), "distribution": {v: None for v in LIKERT}}])[4] == {1}
    assert len(solve([page(disclosure.distribution(counts, 5))])[4]) >= 2


tables = st.lists(st.integers(0, 9), min_size=5, max_size=5).map(lambda cells: dict(zip(LIKERT, cells, strict=True)))


@settings(max_examples=60, deadline=None)
@given(tables, st.integers(2, 6))
def test_no_published_figure_set_pins_a_hidden_count(counts, k):
    published = page(disclosure.distribution(counts, k))
    if not published["answers"]:
        return
    found = solve([published])
    for value in LIKERT:
        if published["distribution"][value] is None:
            assert len(found[value]) >= 2, (counts, published, value, found[value])
    assert counts[max(LIKERT)] in found[max(LIKERT)]  # the truth is among the solutions


def test_two_versions_a_few_answers_apart_undo_the_rule_so_a_round_publishes_one():
    # Each version on its own pins nothing; together they do. This is why the report publishes
    # a round once, when its survey has closed, and never again after it is opened again.
    counts = {1: 0, 2: 0, 3: 1, 4: 1, 5: 1}
    before = page(disclosure.distribution(counts, 3))
    after = page(disclosure.distribution({**counts, 2: 1}, 3))
    assert all(len(values) >= 2 for value, values in solve([before]).items() if before["distribution"][value] is None)
    assert solve([before, after])[3] == {1}


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.sampled_from(["heard", "effect", "feedback"]),
                       st.dictionaries(st.sampled_from(LIKERT), st.integers(0, 4)), min_size=3))
def test_the_experience_scores_follow_the_rule(counts):
    influence = next(s for s in evaluation.dimension_scores(counts, 5)
                     if s.dimension is evaluation.ParticipationDimension.INFLUENCE)
    merged = {v: sum(c.get(v, 0) for c in counts.values()) for v in LIKERT}
    figures = disclosure.distribution(merged, 5, enough=min(sum(c.values()) for c in counts.values()) >= 5)
    assert (influence.answers, influence.mean, influence.agree_share, influence.distribution) == (
        figures.answers, figures.mean, figures.agree_share, figures.counts)


def test_an_indicator_surveys_mean_is_published_only_when_it_pins_nothing():
    assert not disclosure.mean_publishable(EXAMPLE, 5)
    assert disclosure.mean_publishable({1: 0, 2: 6, 3: 9, 4: 6, 5: 8}, 5)  # nothing hidden
    assert not disclosure.mean_publishable({1: 0, 2: 0, 3: 0, 4: 4, 5: 0}, 5)  # fewer than k

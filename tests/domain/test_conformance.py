"""The accessibility statement's conformance status (domain/conformance.py): automated checks never
make a claim of full conformance on their own, and nothing found makes the status better."""

from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.conformance import (
    AUTOMATED_ONLY, CHECKS, DECLARED_PARTIAL, FULL, KNOWN_ISSUES, NOT, NOT_CHECKED, ORDER, PARTIAL, VIOLATIONS, Check, status,
)

checks = st.lists(st.builds(Check, st.sampled_from(CHECKS + ("other",)), st.integers(0, 300), st.integers(0, 20)),
                  max_size=6)
issues = st.integers(0, 5)
declared = st.sampled_from([None, FULL, PARTIAL, NOT])
CLEAN = [Check(name, 40, 0) for name in CHECKS]


@given(checks, issues, declared)
def test_full_conformance_needs_a_persons_review_and_nothing_found(found, open_issues, said):
    result = status(found, open_issues, said)
    clean = all(c.violations == 0 for c in found) and {c.name for c in found if c.pages} >= set(CHECKS)
    assert (result.conformance == FULL) == (said == FULL and clean and open_issues == 0)
    assert (result.conformance == FULL) == (result.reasons == ())


@given(checks, issues, declared)
def test_a_persons_does_not_conform_always_stands(found, open_issues, said):
    assert (status(found, open_issues, said).conformance == NOT) == (said == NOT)


@given(checks, issues, declared, st.sampled_from(CHECKS), st.integers(1, 9), st.integers(0, 3))
def test_a_violation_or_an_issue_more_never_improves_the_status(found, open_issues, said, where, more, more_issues):
    before = status(found, open_issues, said)
    after = status([*found, Check(where, 10, more)], open_issues + more_issues, said)
    assert ORDER.index(after.conformance) <= ORDER.index(before.conformance)
    assert VIOLATIONS in after.reasons and after.conformance != FULL


def test_the_reasons_a_statement_gives():
    assert status(CLEAN, 0, PARTIAL).reasons == (DECLARED_PARTIAL,)
    assert status(CLEAN, 0, None).conformance == PARTIAL and status(CLEAN, 0, None).reasons == (AUTOMATED_ONLY,)
    assert status(CLEAN, 0, FULL).conformance == FULL
    assert status(CLEAN, 2, FULL).reasons == (KNOWN_ISSUES,)
    assert status(CLEAN[:2], 0, FULL).reasons == (NOT_CHECKED,)
    assert status([Check("axe", 40, 0), Check("html", 0, 0), Check("reflow", 40, 0)], 0, FULL).reasons == (NOT_CHECKED,)
    assert status([*CLEAN, Check("html", 40, 3)], 1, None).reasons == (VIOLATIONS, KNOWN_ISSUES)

"""The accessibility statement's conformance status (Act 306/2019 lets a statement say that a
service fully, partially or does not conform with WCAG 2.2 AA), derived by one rule from what is
known about the service:

* the automated checks' summary, one ``Check`` each (axe-core's WCAG rules, the Nu Html Checker,
  reflow at 320 CSS px): how many pages each looked at and how many violations it found;
* how many known issues staff list as not yet fixed;
* the status a person declared after reviewing the service (None until one is recorded).

Automated checks cannot prove full conformance: they test only part of the success criteria
(whether a text alternative is meaningful, an instruction plain or a reading order sensible is
for a person to judge). So a violation, an open known issue or a check that did not run makes the
service *partially* conform; with none of them it *fully* conforms only when a person's review
declared so, and otherwise the best the automated scope allows is *partially*, with that reason
given. A person's "does not conform" always stands: no automated result can overrule it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

FULL, PARTIAL, NOT = "full", "partial", "not"
# Worst first: a status is never better than any one reason allows.
ORDER = (NOT, PARTIAL, FULL)
# The checks a statement's status rests on; one missing from the summary is a reason, not a pass.
CHECKS = ("axe", "html", "reflow")

# Why the status is not "fully conforms", in the order a statement explains them.
DECLARED_NOT = "declared_not"
DECLARED_PARTIAL = "declared_partial"
VIOLATIONS = "violations"
KNOWN_ISSUES = "known_issues"
NOT_CHECKED = "not_checked"
AUTOMATED_ONLY = "automated_only"


@dataclass(frozen=True)
class Check:
    name: str
    pages: int
    violations: int


@dataclass(frozen=True)
class Status:
    conformance: str
    reasons: tuple[str, ...]


def status(checks: Sequence[Check], open_issues: int, declared: str | None) -> Status:
    ran = {check.name for check in checks if check.pages > 0}
    reasons = tuple(reason for reason, applies in (
        (DECLARED_NOT, declared == NOT),
        (DECLARED_PARTIAL, declared == PARTIAL),
        (VIOLATIONS, any(check.violations > 0 for check in checks)),
        (KNOWN_ISSUES, open_issues > 0),
        (NOT_CHECKED, not set(CHECKS) <= ran),
    ) if applies)
    if declared == NOT:
        return Status(NOT, reasons)
    if reasons:
        return Status(PARTIAL, reasons)
    if declared == FULL:
        return Status(FULL, ())
    return Status(PARTIAL, (AUTOMATED_ONLY,))

"""Rules of the alliance as a body: its leadership group decides the matters the alliance
agreement names, and the commercial ones only with every party's agreement; costs count only
in the categories agreed in advance; a statement waits for the auditor's report."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .errors import DomainError

# Matters the alliance agreement names for its leadership group. The commercial ones change what
# the providers are paid, so each needs every party's agreement (unanimity).
MATTERS = ("target_cost", "fee", "kras", "cost_categories", "operations", "other")
COMMERCIAL = frozenset({"target_cost", "fee", "kras", "cost_categories"})
POSITIONS = ("supports", "opposes", "abstains")
MAX_CATEGORY_LENGTH = 100


def check_leadership(matter: str, parties: Iterable[str], positions: Mapping[str, str]) -> None:
    """Every party of the alliance contract states its position. A commercial matter is decided
    only when every party supports it; the accountable official of the authority still carries
    the decision (checked by ``roles.check_accountable``)."""
    if matter not in MATTERS:
        raise DomainError("leadership_matter_unknown", "matter")
    parties = list(parties)
    if not parties:
        raise DomainError("leadership_no_parties", "matter")
    for party in parties:
        if positions.get(party) not in POSITIONS:
            raise DomainError("leadership_position_missing", f"position_{party}")
    if matter in COMMERCIAL and any(positions[party] != "supports" for party in parties):
        raise DomainError("leadership_not_unanimous", "matter")


def parse_categories(text: str) -> list[str]:
    """One category per line; blanks dropped, duplicates (ignoring case) refused."""
    categories, seen = [], set()
    for line in text.splitlines():
        name = " ".join(line.split())
        if not name:
            continue
        if len(name) > MAX_CATEGORY_LENGTH:
            raise DomainError("cost_category_too_long", "categories", {"max": MAX_CATEGORY_LENGTH})
        if name.casefold() in seen:
            raise DomainError("cost_category_duplicate", "categories", {"name": name})
        seen.add(name.casefold())
        categories.append(name)
    return categories


def check_cost_category(category: str, agreed: Iterable[str]) -> None:
    agreed = list(agreed)
    if not agreed:
        raise DomainError("cost_categories_not_agreed", "category")
    if category not in agreed:
        raise DomainError("cost_category_not_agreed", "category")


def check_audited(audit_reports: int) -> None:
    """The statement is approved only after the auditor has reported on the period's costs."""
    if audit_reports < 1:
        raise DomainError("settlement_audit_missing", None)

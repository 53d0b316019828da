"""Rules of an alliance's development phase (kehitysvaihe): after the parties are selected they
agree the target cost, the KRAs with their levels and the operating model together, each as
numbered drafts that any party may propose. The accountable official then switches the alliance
to its service phase, which freezes the agreed drafts into the contract; settlements start
only after that, and nothing in the development phase changes any more."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from . import exact
from .errors import DomainError
from .kra_levels import Kra
from .settlement.terms import check_kras

# What the parties agree, in the order the alliance agreement lists them.
ELEMENTS = ("target_cost", "kras", "operating_model")
AGREES = "supports"
MAX_OPERATING_MODEL = 10000


def next_version(versions: Iterable[int]) -> int:
    """A new draft's number: one more than any earlier draft of the same element, so the
    numbers only grow and a version, once shown, always means the same draft."""
    return max(versions, default=0) + 1


def check_open(frozen: bool) -> None:
    """Drafts and positions change only while the development phase runs."""
    if frozen:
        raise DomainError("development_frozen", None)


def check_target_cost(amount: Decimal | None) -> None:
    if amount is None or not exact.is_finite(amount) or amount <= 0:
        raise DomainError("development_target_cost_invalid", "target_cost")


def check_draft_kras(kras: Sequence[Kra]) -> None:
    """The same rules as the settlement's: levels in order, weights not negative and summing to 1;
    and at least one KRA, since an alliance's bonus and sanction move with them."""
    if not kras:
        raise DomainError("development_kras_empty", "kras")
    check_kras(kras)


def check_operating_model(text: str) -> None:
    if not text.strip():
        raise DomainError("development_operating_model_empty", "text")
    if len(text) > MAX_OPERATING_MODEL:
        raise DomainError("development_operating_model_too_long", "text", {"max": MAX_OPERATING_MODEL})


def is_agreed(parties: Iterable[str], positions: Mapping[str, str]) -> bool:
    """Agreed when every party of the alliance, the contracting authority included, agrees."""
    parties = list(parties)
    return bool(parties) and all(positions.get(party) == AGREES for party in parties)


@dataclass(frozen=True)
class Latest:
    """The newest draft of one element and each party's position on it."""

    version: int
    positions: Mapping[str, str]


def check_freeze(frozen: bool, parties: Iterable[str], latest: Mapping[str, Latest | None]) -> None:
    """The switch to the service phase freezes the newest draft of every element, so each must
    exist and be agreed by every party: a newer proposal reopens what an older one settled."""
    check_open(frozen)
    parties = list(parties)
    for element in ELEMENTS:
        draft = latest.get(element)
        if draft is None:
            raise DomainError("development_element_missing", element)
        if not is_agreed(parties, draft.positions):
            raise DomainError("development_element_not_agreed", element, {"version": draft.version})


def check_service_phase(frozen: bool) -> None:
    """No settlement period before the agreed target cost and KRAs are the contract's terms."""
    if not frozen:
        raise DomainError("development_not_frozen", None)


def period_target_cost(agreed: Decimal | None, given: Decimal | None) -> Decimal:
    """A settlement period's target cost is the one agreed in the development phase; another
    figure would need a new agreement, not a different number typed into one period. An alliance
    agreed before the development phase was recorded here has no agreed figure: its periods name one."""
    if agreed is None:
        if given is None:
            raise DomainError("development_target_cost_invalid", "target_cost")
        return given
    if given is not None and given != agreed:
        raise DomainError("development_target_cost_differs", "target_cost", {"amount": exact.text(agreed)})
    return agreed

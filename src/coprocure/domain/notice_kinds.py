"""Which eForms notice a social and health services procurement needs, and when.

Social and health services are bought under the light regime, with their own thresholds
(docs/notices.md states the sources; change the two constants when the law changes):

- ``NATIONAL_THRESHOLD``: Procurement Act 1397/2016 section 25(1)(4), social and health
  services of Annex E points 1–4. From it on, the procurement is announced in Hilma (the
  national contract notice, eForms subtype E3); below it no notice is required, though an E3
  may still be published voluntarily.
- ``EU_THRESHOLD``: Directive 2014/24/EU art. 4(d), social and other specific services of
  Annex XIV (the Procurement Act section 26). From it on, the light-regime contract notice
  (subtype 20) and the award notice (33) go to TED through Hilma, and a modification of the
  contract is announced with subtype 38 (art. 72(1)): required when the modification added
  services (72(1)(b)) or answered circumstances a diligent buyer could not foresee (72(1)(c)),
  voluntary for the other grounds.

The estimated value is the total without VAT over the whole contract period, options included.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .errors import DomainError

NATIONAL_THRESHOLD = Decimal("400000")
EU_THRESHOLD = Decimal("750000")


class Regime(StrEnum):
    BELOW = "below"        # under the national threshold: no notice required
    NATIONAL = "national"  # Hilma only
    EU = "eu"              # Hilma and TED


class Stage(StrEnum):
    MARKET_DIALOGUE = "market_dialogue"
    PRIOR_INFORMATION = "prior_information"
    COMPETITION = "competition"
    AWARD = "award"
    MODIFICATION = "modification"


class NoticeKind(StrEnum):
    """eForms notice subtypes CoProcure produces."""

    PRE_MARKET_CONSULTATION = "E1"
    PRIOR_INFORMATION = "E2"
    CONTRACT_NOTICE_LIGHT = "20"
    CONTRACT_NOTICE_NATIONAL = "E3"
    AWARD_NOTICE_LIGHT = "33"
    AWARD_NOTICE_NATIONAL = "E4"
    MODIFICATION = "38"


STAGE_OF: dict[NoticeKind, Stage] = {
    NoticeKind.PRE_MARKET_CONSULTATION: Stage.MARKET_DIALOGUE,
    NoticeKind.PRIOR_INFORMATION: Stage.PRIOR_INFORMATION,
    NoticeKind.CONTRACT_NOTICE_LIGHT: Stage.COMPETITION,
    NoticeKind.CONTRACT_NOTICE_NATIONAL: Stage.COMPETITION,
    NoticeKind.AWARD_NOTICE_LIGHT: Stage.AWARD,
    NoticeKind.AWARD_NOTICE_NATIONAL: Stage.AWARD,
    NoticeKind.MODIFICATION: Stage.MODIFICATION,
}


class ModificationReason(StrEnum):
    """Why a contract was modified: the grounds of Directive 2014/24/EU art. 72 as the eForms
    code list modification-justification (BT-200) names them."""

    OPTIONS = "mod-rev"           # 72(1)(a): review clauses or options in the contract
    ADDITIONAL = "add-wss"        # 72(1)(b): additional services by the original contractor
    UNFORESEEABLE = "mod-cir"     # 72(1)(c): circumstances a diligent buyer could not foresee
    NEW_CONTRACTOR = "mod-repl"   # 72(1)(d): a new contractor by succession
    NOT_SUBSTANTIAL = "mod-nons"  # 72(1)(e): not substantial
    DE_MINIMIS = "mod-minv"       # 72(2): under the de minimis values


# Art. 72(1), second subparagraph: a notice in the Official Journal for the cases of points (b) and (c).
NOTICE_REQUIRED_FOR = frozenset({ModificationReason.ADDITIONAL, ModificationReason.UNFORESEEABLE})


@dataclass(frozen=True)
class NoticeNeed:
    kind: NoticeKind
    required: bool


def regime(estimated_value: Decimal | None) -> Regime:
    if estimated_value is None:
        raise DomainError("notice_value_missing", "estimated_value")
    if estimated_value < 0:
        raise DomainError("notice_value_negative", "estimated_value")
    if estimated_value >= EU_THRESHOLD:
        return Regime.EU
    if estimated_value >= NATIONAL_THRESHOLD:
        return Regime.NATIONAL
    return Regime.BELOW


def notice_for(estimated_value: Decimal | None, stage: Stage,
               modification_reason: str | None = None) -> NoticeNeed | None:
    """The notice of this stage for this value: required, voluntary, or None when the
    stage has no notice at this value. A modification's notice also depends on its ground
    (``ModificationReason``); until the ground is known it counts as required."""
    law = regime(estimated_value)
    eu = law is Regime.EU
    if stage is Stage.MARKET_DIALOGUE:
        # Pre-market consultation is never required; E1 is the form for announcing it.
        return NoticeNeed(NoticeKind.PRE_MARKET_CONSULTATION, required=False)
    if stage is Stage.PRIOR_INFORMATION:
        return NoticeNeed(NoticeKind.PRIOR_INFORMATION, required=False)
    if stage is Stage.COMPETITION:
        if eu:
            return NoticeNeed(NoticeKind.CONTRACT_NOTICE_LIGHT, required=True)
        return NoticeNeed(NoticeKind.CONTRACT_NOTICE_NATIONAL, required=law is Regime.NATIONAL)
    if stage is Stage.AWARD:
        # The Procurement Act requires an award notice only above the EU threshold (section 58).
        if eu:
            return NoticeNeed(NoticeKind.AWARD_NOTICE_LIGHT, required=True)
        return NoticeNeed(NoticeKind.AWARD_NOTICE_NATIONAL, required=False)
    # A modification notice exists only for contracts announced in TED (art. 72(1)).
    if not eu:
        return None
    if modification_reason:
        try:
            reason = ModificationReason(modification_reason)
        except ValueError:
            raise DomainError("notice_modification_reason_unknown", "reason_code") from None
        return NoticeNeed(NoticeKind.MODIFICATION, required=reason in NOTICE_REQUIRED_FOR)
    return NoticeNeed(NoticeKind.MODIFICATION, required=True)


PLANNING_STAGES = {Stage.MARKET_DIALOGUE, Stage.PRIOR_INFORMATION}


def check_kind(kind: str, estimated_value: Decimal | None, phase: str | None = None) -> NoticeKind:
    """Refuse a notice kind that does not fit the value: an EU notice below the EU threshold
    or a national one above it (the buyer would announce under the wrong law); and, given the
    procurement's phase, a planning notice once the procurement is out of preparation."""
    try:
        wanted = NoticeKind(kind)
    except ValueError:
        raise DomainError("notice_kind_unknown", "kind") from None
    if phase is not None and phase != "preparation" and STAGE_OF[wanted] in PLANNING_STAGES:
        raise DomainError("notice_kind_wrong_phase", "kind", {"kind": wanted.value})
    need = notice_for(estimated_value, STAGE_OF[wanted])
    if need is None or need.kind is not wanted:
        raise DomainError("notice_kind_wrong_regime", "kind",
                          {"kind": wanted.value, "fits": need.kind.value if need else ""})
    return wanted

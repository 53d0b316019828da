"""The one visibility policy (issue 12 item 6), as pure rules: which fields of which models are
protected, why, and when a protected value may be shown. ``coprocure.core.visibility`` gathers
the facts about an object and a viewer and asks these rules; every output path (pages, API,
CSV/XLSX, PDF, OCDS, search, notifications) is tested against the table in
tests/core/test_visibility_leaks.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from coprocure.domain import privacy


class Protection(StrEnum):
    SEALED = "sealed"              # a bid before the official's audited opening
    EMBARGOED = "embargoed"        # a decision or award before it is published
    SUPPRESSED = "suppressed"      # a figure or free text from fewer than k people
    REDACTED = "redacted"          # the part of a public text a moderator hid
    CONFIDENTIAL = "confidential"  # a private procurement or a confidential decision
    PERSONAL = "personal"          # a person's own data
    NEGOTIATED = "negotiated"      # an alliance's development-phase draft: its parties' until agreed and frozen


# (app_label.model, field) -> why it is protected. "*" covers every field of the model.
RULES: dict[tuple[str, str], Protection] = {
    ("tendering.bid", "price"): Protection.SEALED,
    ("tendering.bid", "answers"): Protection.SEALED,
    ("tendering.bidattachment", "content"): Protection.SEALED,
    ("procedures.participationrequest", "content"): Protection.SEALED,
    ("procedures.roundbid", "content"): Protection.SEALED,
    ("market_dialogue.dialoguesession", "minutes"): Protection.EMBARGOED,
    ("market_dialogue.dialoguesession", "confidential_minutes"): Protection.CONFIDENTIAL,
    ("market_dialogue.dialogueregistration", "contact_email"): Protection.PERSONAL,
    ("negotiation.negotiationmeeting", "confidential_minutes"): Protection.CONFIDENTIAL,
    # A dialogue participant's solution: its own organisation's and the authority's, never passed on.
    ("negotiation.dialoguesolution", "text"): Protection.PERSONAL,
    # An innovation partner's R&D milestone result may hold trade secrets: protected as a solution is.
    ("negotiation.milestoneresult", "text"): Protection.PERSONAL,
    ("tendering.awarddecision", "*"): Protection.EMBARGOED,
    ("core.procurement", "*"): Protection.CONFIDENTIAL,
    ("contracts.meeting", "agenda"): Protection.EMBARGOED,
    ("contracts.meeting", "materials"): Protection.EMBARGOED,
    ("contracts.decision", "decided"): Protection.CONFIDENTIAL,
    ("contracts.decision", "reasoning"): Protection.CONFIDENTIAL,
    ("contracts.decision", "client_view"): Protection.CONFIDENTIAL,
    ("participation.answer", "value"): Protection.SUPPRESSED,
    ("participation.insight", "excerpts"): Protection.REDACTED,
    ("participation.publishedanswer", "text"): Protection.REDACTED,
    ("contracts.developmentproposal", "text"): Protection.REDACTED,
    ("tendering.sectioncomment", "text"): Protection.REDACTED,
    ("participation.registration", "needs"): Protection.PERSONAL,
    ("participation.registration", "dietary"): Protection.PERSONAL,
    ("participation.registration", "interpreter"): Protection.PERSONAL,
    ("participation.contribution", "*"): Protection.PERSONAL,
    ("followup.followupcontact", "*"): Protection.PERSONAL,
    ("core.user", "email"): Protection.PERSONAL,
    ("alliance.developmentdraft", "target_cost"): Protection.NEGOTIATED,
    ("alliance.developmentdraft", "kras"): Protection.NEGOTIATED,
    ("alliance.developmentdraft", "text"): Protection.NEGOTIATED,
    ("alliance.developmentdraft", "note"): Protection.NEGOTIATED,
    ("alliance.draftposition", "view"): Protection.NEGOTIATED,
}

# Models whose protection depends on whether the viewer works for a party of the object's contract.
PARTY_MODELS = frozenset(model for (model, _field), why in RULES.items() if why is Protection.NEGOTIATED)


@dataclass(frozen=True)
class Facts:
    """What the rules need to know about one object and one viewer."""

    opened: bool = False           # sealed bids: opened by the official
    published: bool = False        # embargoed: made public
    confidential: bool = False     # marked confidential or private
    group_size: int = 0            # suppressed: how many people the value comes from
    k: int = privacy.DEFAULT_K
    redacted_part: bool = False    # the value is a part a moderator hid
    viewer_is_owner: bool = False  # the person (or organisation) the data is about
    viewer_is_staff: bool = False  # the procurement's own official or staff
    viewer_is_evaluator: bool = False  # on the tender's evaluation panel
    viewer_is_party: bool = False  # works for a party of the object's contract


def protection_of(model: str, field: str) -> Protection | None:
    return RULES.get((model, field)) or RULES.get((model, "*"))


def may_show(protection: Protection | None, facts: Facts) -> bool:
    """Deny unless the protection's own condition holds; unprotected fields are shown."""
    if protection is None:
        return True
    if protection is Protection.SEALED:
        # Even the bidder's own figures stay sealed on every shared output until the opening.
        return facts.opened and (facts.viewer_is_staff or facts.viewer_is_owner or facts.viewer_is_evaluator)
    if protection is Protection.EMBARGOED:
        return facts.published or facts.viewer_is_staff
    if protection is Protection.SUPPRESSED:
        return privacy.reaches_k(facts.group_size, facts.k)
    if protection is Protection.REDACTED:
        return not facts.redacted_part
    if protection is Protection.CONFIDENTIAL:
        return not facts.confidential or facts.viewer_is_staff
    if protection is Protection.PERSONAL:
        return facts.viewer_is_owner or facts.viewer_is_staff
    if protection is Protection.NEGOTIATED:
        return facts.published or facts.viewer_is_staff or facts.viewer_is_party
    return False

"""From the published award to the contract: the hand-off between tendering and the contract
period lives here, in the contracts app, which already reads the tender (its objectives and
criteria are carried into the contract); tendering knows nothing of contracts."""

from __future__ import annotations

from django.db import transaction
from django.utils import translation as locale
from django.utils.translation import gettext

from coprocure.audit import services as audit
from coprocure.core import services as core
from coprocure.core.models import Phase, User
from coprocure.core.services import require
from coprocure.domain import translation
from coprocure.domain.errors import DomainError
from coprocure.tendering import services as tendering
from coprocure.tendering.models import AwardDecision, Bid, Lot, Tender

from .models import PartyRole
from .services import add_party, create_contract
from .services._common import refuse


def _carried_over(tender: Tender, winner: Bid, description) -> dict:
    """The contract's description in each language it has: what staff wrote, then the tender's
    objectives, and the quality criteria with what the winning bid committed to for each."""
    given = translation.normalise(description)
    languages = list(given) or [translation.SOURCE_LANGUAGE]
    objectives = list(tender.procurement.objectives.order_by("created_at", "id"))
    criteria = list(tender.criteria.all())
    result = {}
    for language in languages:
        with locale.override(language):
            lines = [given[language]["text"], ""] if language in given else []
            lines.append(gettext("Objectives of the tender:"))
            lines += [f"- {translation.resolve(o.statement, language).text}" for o in objectives]
            lines += ["", gettext("Quality criteria and what the winning bid committed to:")]
            lines += [f"- {translation.resolve(c.name, language).text}: {(winner.answers or {}).get(c.key, '')}"
                      for c in criteria]
        result[language] = {"text": "\n".join(lines).strip(), "origin": translation.Origin.HUMAN.value}
    return result


def _lot_title(title, lot: Lot) -> dict:
    """The contract title with the lot named, in each language the title has."""
    given = translation.normalise(title)
    result = {}
    for language, entry in given.items():
        lot_title = translation.resolve(lot.title, language).text
        with locale.override(language):
            suffix = gettext("lot %(number)s: %(title)s") % {"number": lot.number, "title": lot_title}
        result[language] = {**entry, "text": f"{entry['text']} – {suffix}"}
    return result


@transaction.atomic
def conclude_award(actor: User, decision: AwardDecision, data: dict):
    """Move the procurement to the contract phase and create the contract with the winning
    bid's organisations as parties, in one transaction. With lots there is one contract per
    lot, with that lot's winner, its title naming the lot: lots are awarded separately and may
    be won by different providers. ``data``: the contract's kind, title, description, starts_on,
    ends_on and options. The contracts app refuses during the standstill or while a complaint
    waits (409), and then nothing is changed. Returns the first lot's contract."""
    decision = AwardDecision.objects.select_for_update().select_related("tender__procurement", "winner__lead").get(
        pk=decision.pk)
    tender = decision.tender
    require(actor, "tendering.decide", tender.procurement)
    if decision.published_at is None:
        raise refuse(DomainError("award_not_published"), 409)
    if tender.procurement.contracts.filter(parties__organisation=decision.winner.lead_id).exists():
        raise refuse(DomainError("award_concluded"), 409)
    if tender.procurement.phase == Phase.TENDERING:
        core.change_phase(actor, tender.procurement, Phase.CONTRACT)
    elif tender.procurement.phase != Phase.CONTRACT:
        raise refuse(DomainError("award_phase"), 409)
    made = []
    for lot, winner in tendering.lot_winners(decision):
        contract = create_contract(actor, tender.procurement, {
            **data, "title": _lot_title(data["title"], lot) if lot else data["title"],
            "description": _carried_over(tender, winner, data.get("description"))})
        members = list(winner.members.select_related("organisation"))
        add_party(actor, contract, {"organisation": winner.lead, "name": winner.lead.name,
                                    "role": PartyRole.CONSORTIUM_LEAD if members else PartyRole.PROVIDER})
        for member in members:
            add_party(actor, contract, {"organisation": member.organisation, "name": member.organisation.name,
                                        "role": PartyRole.CONSORTIUM_MEMBER, "consortium_role": member.role})
        made.append(contract)
        audit.record(actor, "tendering.award_conclude", decision, None,
                     {"contract": contract.pk, "winner": winner.pk, "lot": lot.number if lot else None,
                      "phase": "contract"})
    return made[0]

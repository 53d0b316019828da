"""The contract, its parties, documents and amendments."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core.models import Phase, Procurement, User
from coprocure.core.services import require
from coprocure.domain import complaints, steering
from coprocure.domain.errors import DomainError
from coprocure.tendering import selectors as tendering_selectors
from coprocure.tendering.models import AwardDecision
from coprocure.tendering.services import complaints as tendering_complaints

from ..models import Amendment, Contract, ContractDocument, Party, PartyRole
from ._common import refuse


def _contract_snapshot(contract: Contract) -> dict:
    return {"kind": contract.kind, "title": contract.title, "starts_on": contract.starts_on,
            "ends_on": contract.ends_on, "version": contract.version}


@transaction.atomic
def create_contract(actor: User, procurement: Procurement, data: dict) -> Contract:
    """The contracting authority becomes the first party; providers are added next."""
    procurement = Procurement.objects.select_for_update().select_related("authority").get(pk=procurement.pk)
    require(actor, "contracts.manage", procurement)
    if procurement.phase != Phase.CONTRACT:
        raise refuse(DomainError("contract_needs_contract_phase"), status=409)
    _check_standstill(procurement)
    contract = Contract.objects.create(procurement=procurement, **data)
    Party.objects.create(contract=contract, organisation=procurement.authority, name=procurement.authority.name,
                         role=PartyRole.AUTHORITY)
    audit.record(actor, "contracts.contract_create", contract, None, _contract_snapshot(contract))
    return contract


def _check_standstill(procurement: Procurement) -> None:
    """After an award, the contract waits for the standstill to end, every request for rectification
    to be answered and every ban on enforcement of a pending Market Court appeal to be lifted; so
    do complaints against the procedure's selection and reduction decisions."""
    tendering_complaints.check_procedure_not_held(procurement)
    award = AwardDecision.objects.select_for_update().filter(tender__procurement=procurement).first()
    if award is None:
        return
    pending, banned = tendering_selectors.contract_holds(award)
    try:
        complaints.check_can_sign(timezone.localdate(), award.standstill_ends_on, pending)
        if banned:
            raise DomainError("enforcement_banned")
    except DomainError as error:
        raise refuse(error, status=409) from None


@transaction.atomic
def add_party(actor: User, contract: Contract, data: dict) -> Party:
    require(actor, "contracts.manage", contract.procurement)
    organisation = data.get("organisation")
    if organisation is not None and contract.parties.filter(organisation=organisation).exists():
        raise refuse(DomainError("party_duplicate", "organisation"), status=409)
    if data.get("role") == PartyRole.AUTHORITY:
        raise refuse(DomainError("party_second_authority", "role"))
    party = Party.objects.create(contract=contract, **data)
    audit.record(actor, "contracts.party_add", contract, None,
                 {"party": party.name, "organisation": party.organisation_id, "role": party.role,
                  "consortium_role": party.consortium_role})
    return party


@transaction.atomic
def add_document(actor: User, contract: Contract, data: dict) -> ContractDocument:
    require(actor, "contracts.manage", contract.procurement)
    document = ContractDocument.objects.create(contract=contract, **data)
    audit.record(actor, "contracts.document_add", contract, None, {"title": document.title, "url": document.url})
    return document


@transaction.atomic
def amend_contract(actor: User, contract: Contract, data: dict) -> Amendment:
    """A new version of the contract, approved by a recorded decision of this contract."""
    contract = Contract.objects.select_for_update().select_related("procurement").get(pk=contract.pk)
    require(actor, "contracts.manage", contract.procurement)
    decision = data["decision"]
    if decision.contract_id != contract.pk:
        raise refuse(DomainError("amendment_decision_other_contract", "decision"))
    try:
        steering.check_new_end(contract.starts_on, data.get("new_ends_on"))
    except DomainError as error:
        raise refuse(error) from None
    before = _contract_snapshot(contract)
    contract.version += 1
    if data.get("new_ends_on"):
        contract.ends_on = data["new_ends_on"]
    contract.save(update_fields=["version", "ends_on", "updated_at"])
    amendment = Amendment.objects.create(contract=contract, version=contract.version, created_by=actor, **data)
    audit.record(actor, "contracts.amend", contract, before,
                 {**_contract_snapshot(contract), "reason": amendment.reason, "decision": decision.pk})
    return amendment

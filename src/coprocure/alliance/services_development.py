"""The only code that writes an alliance's development phase: drafts of the target cost, the KRAs
and the operating model, each party's position on them, and the accountable official's switch to
the service phase that freezes the agreed drafts into the contract. Each function checks the
actor's permission, applies coprocure.domain.development, runs in one transaction and is audited."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from coprocure.audit import services as audit
from coprocure.contracts import services as contracts
from coprocure.contracts.models import Contract, Party, PartyRole
from coprocure.core.models import User
from coprocure.core.services import require, require_accountable
from coprocure.domain import development as rules
from coprocure.domain import kra_levels
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError, fail

from .models import DevelopmentDraft, DevelopmentPhase, DraftPosition, Element, PartyStance

# The KRA fields a draft keeps, and the indicator fields the switch hands to the contracts app.
KRA_FIELDS = ("code", "name", "indicator", "weight", "unit", "direction", "baseline", "minimum", "target", "excellent",
              "frequency", "data_source")
DECIMALS = ("weight", "baseline", "minimum", "target", "excellent")


def _lock(contract: Contract) -> tuple[Contract, DevelopmentPhase]:
    contract = Contract.objects.select_for_update().select_related("procurement").get(pk=contract.pk)
    if contract.kind != "alliance":
        raise fail("settlement_needs_alliance", status=409)
    phase, _created = DevelopmentPhase.objects.select_for_update().get_or_create(contract=contract)
    return contract, phase


def _check_open(phase: DevelopmentPhase) -> None:
    try:
        rules.check_open(phase.frozen_at is not None)
    except DomainError as error:
        raise ServiceError.from_domain(error, status=409) from None


def _party_of(actor: User, contract: Contract) -> Party:
    """The party the actor speaks for: the authority's staff for the authority, a provider's
    people for their organisation."""
    if actor.has_perm("alliance.manage", contract):
        return contract.parties.get(role=PartyRole.AUTHORITY)
    return contract.parties.exclude(role=PartyRole.AUTHORITY).get(organisation_id=actor.organisation_id)


def domain_kras(kras: list[dict]) -> list[kra_levels.Kra]:
    return [kra_levels.Kra(id=kra["code"], weight=Decimal(kra["weight"]), direction=kra["direction"],
                           minimum=Decimal(kra["minimum"]), target=Decimal(kra["target"]),
                           excellent=Decimal(kra["excellent"])) for kra in kras]


def translated(name) -> dict:
    """A draft's name as a translated text: as written, in the language of the page it was written on."""
    if isinstance(name, dict):
        return name
    return {(get_language() or "fi")[:2]: {"text": name, "origin": "human"}}


def _stored_kras(kras: list[dict]) -> list[dict]:
    """JSON keeps decimals as text, exactly as given."""
    def value(kra, name):
        if name in DECIMALS:
            return None if kra.get(name) is None else str(kra[name])
        return translated(kra[name]) if name in ("name", "indicator") else kra[name]
    return [{name: value(kra, name) for name in KRA_FIELDS} for kra in kras]


def _content(element: str, data: dict) -> dict:
    try:
        if element == Element.TARGET_COST:
            rules.check_target_cost(data.get("target_cost"))
            return {"target_cost": data["target_cost"]}
        if element == Element.KRAS:
            kras = list(data.get("kras") or [])
            rules.check_draft_kras(domain_kras(kras))
            return {"kras": _stored_kras(kras)}
        text = (data.get("text") or "").strip()
        rules.check_operating_model(text)
        return {"text": text}
    except DomainError as error:
        raise ServiceError.from_domain(error) from None


@transaction.atomic
def propose_draft(actor: User, contract: Contract, element: str, data: dict) -> DevelopmentDraft:
    """The next version of one element, proposed by the actor's party, which thereby agrees to it."""
    contract, phase = _lock(contract)
    require(actor, "alliance.develop", contract)
    _check_open(phase)
    if element not in Element.values:
        raise fail("development_element_unknown", "element", status=404)
    content = _content(element, data)
    party = _party_of(actor, contract)
    versions = contract.development_drafts.filter(element=element).values_list("version", flat=True)
    draft = DevelopmentDraft.objects.create(
        contract=contract, element=element, version=rules.next_version(versions), party=party, proposed_by=actor,
        note=(data.get("note") or "").strip(), **content)
    DraftPosition.objects.create(draft=draft, party=party, stance=PartyStance.SUPPORTS, given_by=actor)
    audit.record(actor, "alliance.draft_propose", draft, None, {
        "element": element, "version": draft.version, "party": party.name, **content})
    return draft


@transaction.atomic
def take_position(actor: User, draft: DevelopmentDraft, data: dict) -> DraftPosition:
    """The actor's party's position on the newest draft of an element; it may change its mind
    until the service phase begins."""
    contract, phase = _lock(draft.contract)
    require(actor, "alliance.develop", contract)
    _check_open(phase)
    draft = DevelopmentDraft.objects.get(pk=draft.pk)
    newest = contract.development_drafts.filter(element=draft.element).order_by("-version").first()
    if newest.pk != draft.pk:
        raise fail("development_draft_superseded", status=409, version=newest.version)
    if data.get("stance") not in PartyStance.values:
        raise fail("leadership_position_missing", "stance")
    party = _party_of(actor, contract)
    before = DraftPosition.objects.filter(draft=draft, party=party).values("stance", "view").first()
    position, _created = DraftPosition.objects.update_or_create(draft=draft, party=party, defaults={
        "stance": data["stance"], "view": (data.get("view") or "").strip(), "given_by": actor})
    audit.record(actor, "alliance.draft_position", draft, before, {
        "element": draft.element, "version": draft.version, "party": party.name, "stance": position.stance})
    return position


def latest_drafts(contract: Contract) -> dict[str, DevelopmentDraft]:
    """The newest draft of each element, with its positions."""
    latest: dict[str, DevelopmentDraft] = {}
    for draft in contract.development_drafts.prefetch_related("positions").order_by("element", "-version"):
        latest.setdefault(draft.element, draft)
    return latest


@transaction.atomic
def start_service_phase(actor: User, contract: Contract) -> DevelopmentPhase:
    """The accountable official's decision: the newest draft of each element, agreed by every
    party, becomes the contract's terms; the development phase is frozen from then on."""
    contract, phase = _lock(contract)
    require(actor, "alliance.start_service", contract)
    require_accountable(actor, contract.procurement.authority_id, field=None, status=403)
    latest = latest_drafts(contract)
    parties = [str(pk) for pk in contract.parties.values_list("pk", flat=True)]
    try:
        rules.check_freeze(phase.frozen_at is not None, parties, {
            element: rules.Latest(draft.version, {str(p.party_id): p.stance for p in draft.positions.all()})
            for element, draft in latest.items()})
    except DomainError as error:
        if error.field in Element.values:  # the message names what is missing, in the reader's language
            error.params["element"] = Element(error.field).label
        raise ServiceError.from_domain(error, status=409) from None
    if contract.kras.exists():
        raise fail("development_contract_has_kras", status=409)
    for order, kra in enumerate(latest[Element.KRAS].kras, 1):
        area = contracts.add_kra(actor, contract, {"name": kra["name"], "description": {},
                                                   "weight": Decimal(kra["weight"]), "ordering": order}, by_keeper=True)
        contracts.add_indicator(actor, area, {
            "code": kra["code"], "name": kra["indicator"], "unit": kra["unit"], "direction": kra["direction"],
            "baseline": None if kra["baseline"] is None else Decimal(kra["baseline"]),
            "minimum": Decimal(kra["minimum"]), "target": Decimal(kra["target"]),
            "excellent": Decimal(kra["excellent"]), "frequency": kra["frequency"],
            "data_source": kra["data_source"], "reported_by": None}, by_keeper=True)
    now = timezone.now()
    DevelopmentDraft.objects.filter(pk__in=[draft.pk for draft in latest.values()]).update(published_at=now)
    phase.frozen_at, phase.frozen_by = now, actor
    phase.target_cost = latest[Element.TARGET_COST].target_cost
    phase.save(update_fields=["frozen_at", "frozen_by", "target_cost"])
    audit.record(actor, "alliance.service_start", contract, None, {
        "versions": {element: draft.version for element, draft in latest.items()},
        "target_cost": phase.target_cost})
    return phase

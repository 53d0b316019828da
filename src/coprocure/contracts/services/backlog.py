"""The development backlog: proposals from the public, decided and moderated by staff."""

from __future__ import annotations

import random
import secrets

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core import moderation, signals
from coprocure.core.models import Phase, User
from coprocure.core.services import require
from coprocure.domain import backlog, idea_reference, translation
from coprocure.domain.errors import DomainError
from coprocure.core import redaction

from ..models import Contract, DevelopmentProposal, ProposalToken
from ._common import refuse


@transaction.atomic
def submit_proposal(contract: Contract, data: dict, submitter: User | None = None) -> DevelopmentProposal:
    """Store a development proposal. Without a signed-in submitter it is anonymous: no user,
    no session, no address and no audit entry (whose time would identify the moment), only the
    day; the text is redacted before it is stored, since the trail is public."""
    procurement = contract.procurement
    if submitter is not None and not submitter.has_perm("contracts.propose", procurement):
        raise PermissionDenied("contracts.propose")
    if procurement.phase == Phase.CLOSED:
        raise refuse(DomainError("proposals_closed"), status=409)
    try:
        text = backlog.check_text(data["text"])
    except DomainError as error:
        raise refuse(error) from None
    token = data.get("token")
    if token:
        _spend_token(contract, token)
    text, redacted = redaction.redact(text)
    proposal = _create_with_reference(
        contract=contract, text=text, redacted=redacted, proposer_kind=data["proposer_kind"],
        submitted_by=submitter, submitted_on=timezone.localdate(),
    )
    if submitter is not None:
        audit.record(submitter, "contracts.proposal_submit", proposal, None, {"text": proposal.text})
    return proposal


_RANDOM = random.SystemRandom()


def _create_with_reference(**fields) -> DevelopmentProposal:
    """Create the proposal under a fresh random reference. Two ideas drawing the same one is
    rare (31⁵ codes a year); the unique index decides, and the loser draws again."""
    for _attempt in range(5):
        reference = idea_reference.new_reference(fields["submitted_on"].year, _RANDOM)
        try:
            with transaction.atomic():
                return DevelopmentProposal.objects.create(reference=reference, **fields)
        except IntegrityError:
            if not DevelopmentProposal.objects.filter(reference=reference).exists():
                raise
    raise RuntimeError("no free idea reference")


# The idea form's token: signed (salted) with the site's key, naming the contract and a random
# nonce, valid for a day. Issuing it writes nothing; only sending the form stores the nonce's
# digest, once.
TOKEN_SALT = "coprocure.contracts.proposal-token"
TOKEN_MAX_AGE = 24 * 60 * 60


def issue_proposal_token(contract: Contract) -> str:
    """A fresh one-time token for one proposal form, issued without a write."""
    return signing.dumps({"c": contract.pk, "n": secrets.token_urlsafe(18)}, salt=TOKEN_SALT, compress=True)


def _spend_token(contract: Contract, token: str) -> None:
    """Use the token up, or refuse it: forged, expired or another contract's (422), or already
    used (409: the same form sent twice, by a double tap or the back button)."""
    try:
        content = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        raise refuse(DomainError("proposal_token_expired", "token")) from None
    except signing.BadSignature:
        raise refuse(DomainError("proposal_token_invalid", "token")) from None
    if not isinstance(content, dict) or content.get("c") != contract.pk or not isinstance(content.get("n"), str):
        raise refuse(DomainError("proposal_token_invalid", "token"))
    _spent, created = ProposalToken.objects.get_or_create(digest=ProposalToken.digest_of(content["n"]),
                                                          defaults={"contract": contract})
    if not created:
        raise refuse(DomainError("proposal_already_sent"), status=409)


@transaction.atomic
def decide_proposal(actor: User, proposal: DevelopmentProposal, data: dict) -> DevelopmentProposal:
    """Move a proposal along the backlog and say publicly what became of it."""
    proposal = DevelopmentProposal.objects.select_for_update().select_related("contract__procurement").get(pk=proposal.pk)
    require(actor, "contracts.manage", proposal.contract.procurement)
    try:
        backlog.check_status(data["status"], bool(translation.normalise(data.get("status_reason"))),
                             bool(translation.normalise(data.get("outcome"))))
    except DomainError as error:
        raise refuse(error) from None
    kras = list(data.pop("kras", []))
    if any(kra.contract_id != proposal.contract_id for kra in kras):
        raise refuse(DomainError("kra_other_contract", "kras"))
    before = {"status": proposal.status, "owner": proposal.owner_id, "published_on": proposal.published_on}
    for name, value in data.items():
        setattr(proposal, name, value)
    # Deciding means staff have read the text (and hidden what needed hiding): the idea and
    # its status go public with the decision, as they always have.
    proposal.published_on = proposal.published_on or timezone.localdate()
    proposal.save()
    proposal.kras.set(kras)
    audit.record(actor, "contracts.proposal_decide", proposal, before,
                 {"status": proposal.status, "owner": proposal.owner_id, "status_reason": proposal.status_reason,
                  "outcome": proposal.outcome, "kras": sorted(kra.pk for kra in kras),
                  "published_on": proposal.published_on})
    signals.proposal_decided.send(DevelopmentProposal, proposal=proposal)
    return proposal


@transaction.atomic
def publish_proposal(actor: User, proposal: DevelopmentProposal) -> DevelopmentProposal:
    """Staff have checked the text (hiding what needed hiding) and show the idea as received on
    the public trail before anything is decided about it. Publishing twice changes nothing."""
    proposal = DevelopmentProposal.objects.select_for_update(of=("self",)).select_related(
        "contract__procurement").get(pk=proposal.pk)
    require(actor, "contracts.manage", proposal.contract.procurement)
    if proposal.published_on is None:
        proposal.published_on = timezone.localdate()
        proposal.save(update_fields=["published_on"])
        audit.record(actor, "contracts.proposal_publish", proposal, {"published_on": None},
                     {"published_on": proposal.published_on})
    return proposal


@transaction.atomic
def redact_proposal(actor: User, proposal: DevelopmentProposal, data: dict) -> DevelopmentProposal:
    """Hide part of a proposal's public text with a reason. The original stays as it was sent;
    the author, if they signed in with an address, is told what was hidden and why."""
    proposal = DevelopmentProposal.objects.select_for_update(of=("self",)).select_related(
        "contract__procurement", "submitted_by").get(pk=proposal.pk)
    require(actor, "contracts.manage", proposal.contract.procurement)
    redaction = moderation.new_redaction(proposal.text, data, actor)
    proposal.redactions = [*proposal.redactions, redaction]
    proposal.save(update_fields=["redactions"])
    audit.record(actor, "contracts.proposal_redact", proposal, None,
                 {"start": redaction["start"], "end": redaction["end"], "reason": redaction["reason"]})
    author = proposal.submitted_by
    if author is not None and author.email:
        transaction.on_commit(lambda: moderation.tell_author(author, proposal, redaction["reason"],
                                                             reverse("you_said_we_did", args=[proposal.contract_id])))
    return proposal

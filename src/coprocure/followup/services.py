"""The only code that writes follow-up data, and the one place that writes updates.

Updates go out when a procurement's "you said, we did" page changes: the services that change
it (an insight created or decided, an objective that takes insights up) record a fan-out in
their own transaction, so a change that is rolled back tells nobody anything, and a worker
writes the messages to the outbox in batches (``fanout``), which delivers them.
"""

from __future__ import annotations

from uuid import uuid4

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from coprocure.core.models import Phase, Procurement, User
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError
from coprocure.outbox import services as outbox
from coprocure.participation.models import Survey, SurveyMode

from . import mixing
from .models import FollowUpContact, UpdateOptOut

SALT = "coprocure.followup.unsubscribe"


def follow(survey: Survey, email: str, phone: str = "", language: str = "fi") -> FollowUpContact:
    """Keep an address to send updates about the survey's procurement. Deliberately not
    audited and not timed: see the model. Leaving the same address twice keeps one contact.
    Contacts are released in shuffled batches like the answers (``mixing``)."""
    procurement = Procurement.objects.get(pk=survey.activity.procurement_id)
    if procurement.phase == Phase.CLOSED:
        raise ServiceError.from_domain(DomainError("follow_up_closed"), status=409)
    contact, created = FollowUpContact.objects.get_or_create(
        procurement=procurement, email=email.strip().lower(),
        defaults={"phone": phone.strip(), "language": language if language in dict(settings.LANGUAGES) else "fi",
                  "unmixed": True},
    )
    if created and mixing.due(FollowUpContact.objects.filter(procurement=procurement, unmixed=True).count() - 1):
        mixing.after_commit(procurement.pk)
    return contact


def unsubscribe_token(procurement: Procurement, *, contact: FollowUpContact | None = None, user: User | None = None) -> str:
    key = {"contact": str(contact.pk)} if contact is not None else {"user": user.pk, "procurement": procurement.pk}
    return signing.dumps(key, salt=SALT)


@transaction.atomic
def unsubscribe(token: str) -> bool:
    """Stop the updates a link was sent for. True if this stopped them, False if they had
    already stopped; a link that was not made by us is refused."""
    try:
        key = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise ServiceError.from_domain(DomainError("unsubscribe_token_invalid", "token")) from None
    if "contact" in key:
        deleted, _rows = FollowUpContact.objects.filter(pk=key["contact"]).delete()
        return bool(deleted)
    if not Procurement.objects.filter(pk=key["procurement"]).exists() or not User.objects.filter(pk=key["user"]).exists():
        return False
    _opt_out, created = UpdateOptOut.objects.get_or_create(procurement_id=key["procurement"], user_id=key["user"])
    return created


def on_you_said_we_did_changed(sender, procurement: Procurement, **kwargs) -> None:
    """Sent inside the service that changed the page: the fan-out is recorded in its
    transaction and runs on a worker once the change is committed."""
    from .fanout import tell_followers  # the task module imports this one

    outbox.start_fanout(f"you-said-we-did:{procurement.pk}:{uuid4().hex}", tell_followers, procurement.pk)


def participants(procurement: Procurement):
    """Identified participants with an address who have not opted out."""
    return (
        User.objects.filter(is_active=True).exclude(email="")
        .filter(Q(survey_responses__survey__activity__procurement=procurement,
                  survey_responses__mode=SurveyMode.IDENTIFIED)
                | Q(registrations__activity__procurement=procurement))
        .exclude(update_opt_outs__procurement=procurement)
        .distinct()
    )


def notify_followers(procurement: Procurement, cause: str | None = None) -> int:
    """Write the current "you said, we did" for everyone following the procurement to the
    outbox; returns how many messages were written. Nothing once the procurement is closed."""
    from . import fanout

    return fanout.write_updates(procurement, cause or f"you-said-we-did:{procurement.pk}:{uuid4().hex}")


def on_proposal_decided(sender, proposal, **kwargs) -> None:
    """Sent inside the service that decided a development proposal: its author (if they sent
    it signed in) hears what became of it, once the decision is committed."""
    notify_proposal_author(proposal)


def notify_proposal_author(proposal) -> int:
    author = proposal.submitted_by
    procurement = proposal.contract.procurement
    if (author is None or not author.email or not author.is_active
            or UpdateOptOut.objects.filter(procurement=procurement, user=author).exists()):
        return 0
    site = settings.COPROCURE_PUBLIC_URL
    message = compose(procurement, author.preferred_language or "fi", [], unsubscribe_token(procurement, user=author),
                      template="followup/proposal_update.txt",
                      page_url=site + reverse("you_said_we_did", args=[proposal.contract_id]), proposal=proposal)
    return int(outbox.send(to=author.email, cause=f"proposal-decided:{proposal.pk}:{proposal.status}", **message))


def compose(procurement, language, insights, token, own_input=False, template="followup/update.txt",
            page_url=None, proposal=None) -> dict:
    """An update's subject, body and headers in the reader's language."""
    site = settings.COPROCURE_PUBLIC_URL
    unsubscribe_url = site + reverse("follow_up_unsubscribe", args=[token])
    with translation.override(language):
        context = {"procurement": procurement, "insights": insights, "own_input": own_input, "proposal": proposal,
                   "page_url": page_url or site + reverse("participation_you_said_we_did", args=[procurement.pk]),
                   "unsubscribe_url": unsubscribe_url}
        subject = render_to_string("followup/update_subject.txt", context).strip()
        body = render_to_string(template, context)
    # One-click unsubscribing from the mail program itself (RFC 8058).
    return {"subject": subject, "body": body, "headers": {
        "List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}}


def on_phase_change(sender, procurement: Procurement, target: str, **kwargs) -> None:
    """A procurement that closes forgets its followers at once, in the same transaction."""
    if target == Phase.CLOSED:
        FollowUpContact.objects.filter(procurement=procurement).delete()
        UpdateOptOut.objects.filter(procurement=procurement).delete()


def forget_closed() -> int:
    """Delete the contacts of closed procurements: they were kept only to report what happened
    while the procurement ran. Closing deletes them already (``on_phase_change``); the
    ``forget-follow-ups`` command, run daily, catches any procurement closed another way."""
    deleted, _rows = FollowUpContact.objects.filter(procurement__phase=Phase.CLOSED).delete()
    UpdateOptOut.objects.filter(procurement__phase=Phase.CLOSED).delete()
    return deleted


def export_person(user: User) -> list[dict]:
    if not user.email:
        return []
    return [{"procurement": c.procurement.reference, "email": c.email, "phone": c.phone}
            for c in FollowUpContact.objects.filter(email__iexact=user.email).select_related("procurement")]


def erase_person(user: User) -> None:
    if user.email:
        FollowUpContact.objects.filter(email__iexact=user.email).delete()

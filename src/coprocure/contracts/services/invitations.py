"""Outcome surveys that cannot be stuffed (issue 17 item 3). The answers that make a
user-reported indicator's figure come only through one-time invitation codes the authority
issues to clients; the contract's provider parties can neither issue nor use them; a burst of
answers from one batch or a sudden jump in the figure is flagged to the accountable official,
and a flagged figure is not recorded (so cannot enter a settlement) until the official clears it."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

from coprocure import errors

from coprocure.audit import services as audit
from coprocure.core.fields import localised
from coprocure.core.models import User
from coprocure.core.services import require, require_accountable
from coprocure.domain import outcome_integrity, spreadsheet
from coprocure.domain.errors import DomainError
from coprocure.outbox import services as outbox
from coprocure.participation import services as participation
from coprocure.participation.models import Response

from ..models import (
    BatchUse, Contract, FigureFlag, FlagKind, Indicator, InvitationBatch, InvitationChannel, InvitationCode, PartyRole,
)
from ._common import refuse

# The refusals of sending codes, in the one table of messages.
errors.MESSAGES.update({
    "invitation_send_channel": gettext_lazy("The platform sends codes by text message or e-mail. For paper or a staff "
                                            "member, leave the recipients empty and print the codes."),
    "invitation_recipient_invalid": gettext_lazy("These lines are not addresses for the chosen channel: %(lines)s."),
    "invitation_recipients_few": gettext_lazy("Send codes to at least %(min)s people at once, so that no one can tell "
                                              "whose code was used."),
})

# Letters and digits nobody mistakes for one another when reading a code from paper.
ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"
CODE_LENGTH = 10


def _is_party(user: User | None, contract: Contract) -> bool:
    """Works for one of the measured contract's provider parties."""
    if user is None or not user.is_authenticated or user.organisation_id is None:
        return False
    return contract.parties.exclude(role=PartyRole.AUTHORITY).filter(organisation_id=user.organisation_id).exists()


def _new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


@transaction.atomic
def issue_codes(actor: User, indicator: Indicator, data: dict) -> tuple[InvitationBatch, list[str]]:
    """A batch of one-time codes for the indicator's latest round. Either the codes are returned
    once, to print or hand out (``count``), or the platform sends one to each of ``recipients``
    by the batch's channel (SMS or e-mail) and returns none: each code then exists beside its
    recipient only in the outbox message, whose text is wiped in the transaction that marks it
    sent. Only the codes' digests are kept, in their own order, never in the recipients'."""
    indicator = Indicator.objects.select_for_update().select_related("kra__contract__procurement").get(pk=indicator.pk)
    contract = indicator.kra.contract
    require(actor, "contracts.manage", contract.procurement)
    if _is_party(actor, contract):
        raise refuse(DomainError("invitation_by_party"), status=403)
    channel, recipients = data["channel"], _recipients(data)
    count = len(recipients) if recipients else data.get("count")
    if not count or not 1 <= count <= outcome_integrity.MAX_CODES_PER_BATCH:
        field = "recipients" if recipients else "count"
        raise refuse(DomainError("invitation_count", field, {"max": outcome_integrity.MAX_CODES_PER_BATCH}))
    survey_round = indicator.survey_rounds.select_related("survey").order_by("-period_start").first()
    if survey_round is None:
        raise refuse(DomainError("survey_round_none", "count"), status=409)
    batch = InvitationBatch.objects.create(survey_round=survey_round, channel=channel, size=count, issued_by=actor)
    codes = [_new_code() for _ in range(count)]
    # In the digests' own order: nothing in the stored set follows the order the codes were
    # handed out or sent in.
    InvitationCode.objects.bulk_create(InvitationCode(batch=batch, digest=digest)
                                       for digest in sorted(InvitationCode.digest_of(code) for code in codes))
    if recipients:
        _send(batch, survey_round, list(zip(recipients, codes)))
    audit.record(actor, "contracts.invitations_issue", indicator, None, {
        "batch": batch.pk, "round": survey_round.period_start, "channel": batch.channel, "count": count,
        "sent": bool(recipients)})
    return batch, [] if recipients else codes


def _recipients(data: dict) -> list[str]:
    """The addresses to send codes to, checked for the channel; none when the codes are to be
    printed."""
    lines = data.get("recipients") or []
    if not any(line.strip() for line in lines):
        return []
    channel = data["channel"]
    if channel not in (InvitationChannel.SMS, InvitationChannel.EMAIL):
        raise refuse(DomainError("invitation_send_channel", "channel"))
    found, wrong = outcome_integrity.recipients(channel, lines)
    if wrong:
        raise refuse(DomainError("invitation_recipient_invalid", "recipients", {"lines": ", ".join(wrong[:5])}))
    if len(found) < outcome_integrity.MIN_RECIPIENTS:
        raise refuse(DomainError("invitation_recipients_few", "recipients", {"min": outcome_integrity.MIN_RECIPIENTS}))
    return found


def _send(batch: InvitationBatch, survey_round, pairs: list[tuple[str, str]]) -> None:
    """One message a recipient, written to the outbox in the batch's transaction, in the language
    of the page (or API request) that sent them."""
    title = localised(survey_round.survey.title)
    address = settings.COPROCURE_PUBLIC_URL + reverse("outcome_answer")
    cause = f"outcome-invitation:{batch.pk}"
    texts = [(to, str(_("You are invited to answer “%(survey)s”. Your code: %(code)s. Answer at %(address)s. The code "
                        "gives one answer, and no one can see whose answer it is.")
                      % {"survey": title, "code": code, "address": address})) for to, code in pairs]
    if batch.channel == InvitationChannel.EMAIL:
        subject = str(_("Your invitation to answer: %(survey)s") % {"survey": title})
        outbox.send_many(cause, [(to, {"subject": subject, "body": body}) for to, body in texts])
    else:
        for to, body in texts:
            outbox.send_sms(to=to, body=body, cause=cause)


@transaction.atomic
def answer_with_code(code: str, value: int, user: User | None = None) -> Response:
    """One client's answer with an invitation code, through the participation survey engine.
    Nothing is stored unless all of it holds: a valid unused code, an answerer who is no party
    of the measured contract, and an answer the survey accepts.

    The answer is marked as invited, with no link to its code. Spending the code writes every
    code of its batch again (one statement), so no code's row carries the moment it was used.
    Answers with codes of one batch therefore take turns, on the batch's row: two answers each
    holding their own code's row and waiting for the other's would deadlock."""
    found = (InvitationCode.objects
             .select_related("batch__survey_round__indicator__kra__contract", "batch__survey_round__survey")
             .filter(digest=InvitationCode.digest_of(code or "")).first())
    if found is None:
        raise refuse(DomainError("invitation_code_invalid", "code"))
    survey_round = found.batch.survey_round
    if _is_party(user, survey_round.indicator.kra.contract):
        raise refuse(DomainError("invitation_party_refused", "code"), status=403)
    list(InvitationBatch.objects.select_for_update().filter(pk=found.batch_id).values_list("pk"))
    if InvitationCode.objects.filter(pk=found.pk, spent=True).exists():
        raise refuse(DomainError("invitation_code_used", "code"), status=409)
    response = participation.submit_response(survey_round.survey, {f"q{survey_round.question_id}": value}, invited=True)
    InvitationCode.objects.filter(batch_id=found.batch_id).update(
        spent=Case(When(Q(spent=True) | Q(pk=found.pk), then=Value(True)), default=Value(False)))
    _watch_batch(found.batch)
    _watch_figure(survey_round)
    return response


def _raise_flag(indicator: Indicator, period_start, kind: str, detail: str) -> None:
    if not indicator.figure_flags.filter(period_start=period_start, kind=kind).exists():
        FigureFlag.objects.create(indicator=indicator, period_start=period_start, kind=kind, detail=detail)


def _watch_batch(batch: InvitationBatch) -> None:
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    use, _created = BatchUse.objects.get_or_create(batch=batch, hour=hour)
    BatchUse.objects.filter(pk=use.pk).update(answers=F("answers") + 1)
    # Answers in the last two clock hours, so a burst across the hour boundary is seen too.
    recent = sum(batch.uses.filter(hour__gte=hour - timedelta(hours=1)).values_list("answers", flat=True))
    if outcome_integrity.is_burst(recent, batch.size):
        survey_round = batch.survey_round
        _raise_flag(survey_round.indicator, survey_round.period_start, FlagKind.BURST,
                    f"{recent}/{batch.size}")


def _watch_figure(survey_round) -> None:
    from .survey_rounds import survey_measurement

    indicator = survey_round.indicator
    period = spreadsheet.period_of(survey_round.period_start, indicator.frequency)
    value = survey_measurement(indicator, period)
    if value.suppressed or value.value is None:
        return
    previous = indicator.measurements.filter(period_end__lt=period.start).order_by("-period_end").first()
    if previous is not None and outcome_integrity.is_jump(previous.value, value.value):
        _raise_flag(indicator, period.start, FlagKind.JUMP, f"{previous.value} → {value.value}")


def check_figure(indicator: Indicator, period_start) -> None:
    """Refuse to record a period's survey figure while a flag on it waits for the official."""
    if indicator.figure_flags.filter(period_start=period_start, cleared_at__isnull=True).exists():
        raise refuse(DomainError("survey_figure_flagged", "period_start"), status=409)


@transaction.atomic
def clear_flag(actor: User, flag: FigureFlag, data: dict) -> FigureFlag:
    """The accountable official looked into the pattern and lets the figure be recorded."""
    flag = FigureFlag.objects.select_for_update().select_related("indicator__kra__contract__procurement").get(pk=flag.pk)
    procurement = flag.indicator.kra.contract.procurement
    require(actor, "contracts.decide", procurement)
    require_accountable(actor, procurement.authority_id, field=None, status=403)
    if flag.cleared_at is not None:
        raise refuse(DomainError("flag_already_cleared"), status=409)
    reason = data.get("reason", "").strip()
    if not reason:
        raise refuse(DomainError("flag_reason_required", "reason"))
    flag.cleared_by, flag.cleared_at, flag.clear_reason = actor, timezone.now(), reason
    flag.save(update_fields=["cleared_by", "cleared_at", "clear_reason"])
    audit.record(actor, "contracts.figure_flag_clear", flag.indicator, {"flag": flag.pk, "kind": flag.kind},
                 {"reason": reason})
    return flag

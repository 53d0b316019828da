"""The only writers of the notices app: the details staff pick, queueing a notice for sending,
and recording the notice service's answer. Each checks its permission, writes in one
transaction and leaves an audit entry."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coprocure.audit import services as audit
from coprocure.core.models import Procurement
from coprocure.core.services import require
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError

from . import build, client
from .eforms.writer import notice_xml
from .models import ModificationDetails, NoticeDetails, OrganisationSize, Submission, SubmissionStatus
from .validation import xsd_errors

MESSAGES = {
    "notice_value_missing": _("Give the procurement's estimated value: which notice is needed depends on it."),
    "notice_value_negative": _("The estimated value cannot be negative."),
    "notice_kind_unknown": _("Choose one of the listed notices."),
    "notice_kind_wrong_regime": _("This notice does not fit the procurement's estimated value: use notice %(fits)s."),
    "notice_amendment_unknown": _("Choose one of the amendments of this procurement's contracts."),
    "notice_modification_reason_unknown": _("Choose one of the listed grounds of the modification."),
    "notice_kind_wrong_phase": _("Notice %(kind)s is published only while the procurement is being prepared."),
    "notice_incomplete": _("The notice still lacks: %(fields)s."),
    "notice_already_sent": _("This notice has already been sent or is waiting to be sent."),
    "notice_invalid": _("The notice does not pass the eForms rules: %(rule)s."),
}
DETAIL_FIELDS = ("cpv", "nuts", "buyer_street", "buyer_postcode", "buyer_city", "buyer_email", "buyer_phone")
MODIFICATION_FIELDS = ("reason_code", "value_before", "value_after")


def fail(code: str, field: str | None = None, status: int = 422, **params) -> ServiceError:
    return ServiceError({field: [(code, str(MESSAGES[code]) % params if params else str(MESSAGES[code]))]}, status)


def from_domain(error: DomainError) -> ServiceError:
    return fail(error.code, error.field, **error.params)


def save_details(actor, procurement: Procurement, cleaned: dict) -> NoticeDetails:
    require(actor, "notices.prepare", procurement)
    with transaction.atomic():
        details, _created = NoticeDetails.objects.select_for_update().get_or_create(procurement=procurement)
        before = {name: getattr(details, name) for name in DETAIL_FIELDS}
        for name in DETAIL_FIELDS:
            setattr(details, name, cleaned.get(name, ""))
        details.save()
        after = {name: getattr(details, name) for name in DETAIL_FIELDS}
        tender = getattr(procurement, "tender", None)
        for organisation in build.bidders(tender) if tender is not None else ():
            if size := cleaned.get(f"size_{organisation.pk}"):
                OrganisationSize.objects.update_or_create(organisation=organisation, defaults={"size": size})
                after[f"size_{organisation.pk}"] = size
        if legal_type := cleaned.get("buyer_legal_type"):
            before["buyer_legal_type"] = procurement.authority.legal_type
            procurement.authority.legal_type = legal_type
            procurement.authority.save(update_fields=["legal_type", "updated_at"])
            after["buyer_legal_type"] = legal_type
        for amendment in build.amendments(procurement):
            values = {name: cleaned.get(f"{name}_{amendment.pk}") for name in MODIFICATION_FIELDS}
            if any(value not in (None, "") for value in values.values()):
                values["reason_code"] = values["reason_code"] or ""
                ModificationDetails.objects.update_or_create(amendment=amendment, defaults=values)
                after[f"modification_{amendment.pk}"] = {name: str(value) for name, value in values.items()}
        audit.record(actor, "notices.details_saved", procurement, before=before, after=after)
    procurement.notice_details = details
    return details


def amendment_for(procurement: Procurement, kind: str, amendment_id):
    """The amendment a modification notice announces (None for the other kinds); another
    procurement's amendment, or none, is refused by field."""
    if kind != "38":
        return None
    try:
        return build.amendment_of(procurement, amendment_id)
    except DomainError as error:
        raise from_domain(error) from None


def render(procurement: Procurement, kind: str, language: str = "fi", notice_id: str = "", amendment=None) -> bytes:
    """The notice's XML, refused with a field-level message while anything it needs is missing."""
    try:
        notice = build.notice(procurement, kind, language, notice_id=notice_id, amendment=amendment)
    except DomainError as error:
        raise from_domain(error) from None
    gaps = build.missing(procurement, notice.kind, amendment)
    if gaps:
        raise fail("notice_incomplete", gaps[0].field, fields=", ".join(str(gap.label) for gap in gaps))
    return notice_xml(notice)


def submit(actor, procurement: Procurement, kind: str, amendment_id=None) -> Submission:
    """Queue the notice for the notice service. A second live notice of the kind (of the
    amendment, for a modification notice) is refused. One that could not be sent goes again
    under its own identifier: if the service took it in after all, it answers with that notice
    and never publishes a second one."""
    require(actor, "notices.send", procurement)
    amendment = amendment_for(procurement, kind, amendment_id)
    failed = Submission.objects.filter(procurement=procurement, kind=kind, amendment=amendment,
                                       status=SubmissionStatus.FAILED).order_by("-created_at").first()
    key = failed.uuid if failed else uuid.uuid4()
    xml = render(procurement, kind, notice_id=str(key), amendment=amendment)
    if problems := xsd_errors(xml):
        raise fail("notice_invalid", "kind", rule=problems[0].text)
    from .tasks import send_notice  # the task module imports these services

    try:
        with transaction.atomic():
            if failed is None:
                submission = Submission.objects.create(procurement=procurement, kind=kind, amendment=amendment,
                                                       uuid=key, xml=xml, sent_by=actor)
            elif Submission.objects.filter(pk=failed.pk, status=SubmissionStatus.FAILED).update(
                    status=SubmissionStatus.QUEUED, xml=xml, attempts=0, violations=[], sent_by=actor,
                    updated_at=timezone.now()):
                submission = Submission.objects.get(pk=failed.pk)
            else:  # sent again by someone else a moment ago
                raise IntegrityError
            audit.record(actor, "notices.queued", procurement,
                         after={"kind": kind, "notice": str(key), "again": failed is not None,
                                "amendment": amendment.pk if amendment else None})
            transaction.on_commit(lambda: send_notice.enqueue(submission.pk))
    except IntegrityError:
        raise fail("notice_already_sent", "kind", status=409) from None
    return submission


def record_outcome(submission: Submission, outcome) -> Submission:
    """The notice service's answer, kept with the notice; a rejection frees the kind for a new try."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.status != SubmissionStatus.QUEUED:
            return submission  # a duplicate run of the task: the first answer stands
        if outcome.accepted:
            submission.status = SubmissionStatus.ACCEPTED
            submission.publication_id = outcome.publication_id
            submission.published_on = outcome.published_on
            submission.violations = []
        else:
            submission.status = SubmissionStatus.REJECTED
            submission.violations = list(outcome.violations)
        submission.save()
        audit.record(None, f"notices.{submission.status}", submission.procurement,
                     after={"kind": submission.kind, "notice": str(submission.uuid),
                            "publication_id": submission.publication_id})
    return submission


def refuse(submission: Submission, problems) -> Submission:
    """CoProcure's own check of the eForms rules failed: the notice is not sent, and staff see
    the failed rules with it; the kind is free for a corrected notice."""
    violations = [{"rule": p.rule, "location": p.location, "text": p.text} for p in problems]
    with transaction.atomic():
        if Submission.objects.filter(pk=submission.pk, status=SubmissionStatus.QUEUED).update(
                status=SubmissionStatus.INVALID, violations=violations, updated_at=timezone.now()):
            audit.record(None, "notices.invalid", submission.procurement,
                         after={"kind": submission.kind, "notice": str(submission.uuid),
                                "rules": [v["rule"] for v in violations]})
    return Submission.objects.get(pk=submission.pk)


def retry_later(submission: Submission, reason: str) -> str:
    """An attempt the service did not answer: queued again after a doubling wait (at most
    ``max_backoff`` seconds), or after the last attempt marked failed with the reason, which
    staff see and may send again. The reason is kept meanwhile so staff see why it waits."""
    from .tasks import send_notice  # the task module imports these services

    problem = [{"rule": "unavailable", "location": "", "text": reason}]
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.status != SubmissionStatus.QUEUED:
            return submission.status
        submission.violations = problem
        if submission.attempts >= client.config("attempts"):
            submission.status = SubmissionStatus.FAILED
            submission.save(update_fields=["status", "violations", "updated_at"])
            audit.record(None, "notices.failed", submission.procurement,
                         after={"kind": submission.kind, "notice": str(submission.uuid), "reason": reason})
            return SubmissionStatus.FAILED
        submission.save(update_fields=["violations", "updated_at"])
        wait = min(client.config("backoff") * 2 ** (submission.attempts - 1), client.config("max_backoff"))
        # The job is in the same transaction: no retry is lost, and none runs twice.
        send_notice.using(run_after=timezone.now() + timedelta(seconds=wait)).enqueue(submission.pk)
    return "retrying"

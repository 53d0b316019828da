"""The only writers of the notices app: the details staff pick, queueing a notice for sending,
and recording the notice service's answer. Each checks its permission, writes in one
transaction and leaves an audit entry."""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from coprocure.audit import services as audit
from coprocure.core.models import Procurement
from coprocure.core.services import require
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError

from . import build
from .eforms.writer import notice_xml
from .models import NoticeDetails, OrganisationSize, Submission, SubmissionStatus
from .validation import xsd_errors

MESSAGES = {
    "notice_value_missing": _("Give the procurement's estimated value: which notice is needed depends on it."),
    "notice_value_negative": _("The estimated value cannot be negative."),
    "notice_kind_unknown": _("Choose one of the listed notices."),
    "notice_kind_wrong_regime": _("This notice does not fit the procurement's estimated value: use notice %(fits)s."),
    "notice_kind_not_built": _("CoProcure cannot produce this notice yet."),
    "notice_kind_wrong_phase": _("Notice %(kind)s is published only while the procurement is being prepared."),
    "notice_incomplete": _("The notice still lacks: %(fields)s."),
    "notice_already_sent": _("This notice has already been sent or is waiting to be sent."),
    "notice_invalid": _("The notice does not pass the eForms rules: %(rule)s."),
}
DETAIL_FIELDS = ("cpv", "nuts", "buyer_street", "buyer_postcode", "buyer_city", "buyer_email")


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
        for organisation in build.winners(tender) if tender is not None else ():
            if size := cleaned.get(f"size_{organisation.pk}"):
                OrganisationSize.objects.update_or_create(organisation=organisation, defaults={"size": size})
                after[f"size_{organisation.pk}"] = size
        audit.record(actor, "notices.details_saved", procurement, before=before, after=after)
    procurement.notice_details = details
    return details


def render(procurement: Procurement, kind: str, language: str = "fi", notice_id: str = "") -> bytes:
    """The notice's XML, refused with a field-level message while anything it needs is missing."""
    try:
        notice = build.notice(procurement, kind, language, notice_id=notice_id)
    except DomainError as error:
        raise from_domain(error) from None
    gaps = build.missing(procurement, notice.kind)
    if gaps:
        raise fail("notice_incomplete", gaps[0].field, fields=", ".join(str(gap.label) for gap in gaps))
    return notice_xml(notice)


def submit(actor, procurement: Procurement, kind: str) -> Submission:
    """Queue the notice for the notice service. A second live notice of the kind is refused."""
    require(actor, "notices.send", procurement)
    key = uuid.uuid4()
    xml = render(procurement, kind, notice_id=str(key))
    if problems := xsd_errors(xml):
        raise fail("notice_invalid", "kind", rule=problems[0].text)
    try:
        with transaction.atomic():
            submission = Submission.objects.create(procurement=procurement, kind=kind, uuid=key, xml=xml, sent_by=actor)
            audit.record(actor, "notices.queued", procurement, after={"kind": kind, "notice": str(key)})
            from .tasks import send_notice  # the task module imports these services

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
        else:
            submission.status = SubmissionStatus.REJECTED
            submission.violations = list(outcome.violations)
        submission.save()
        audit.record(None, f"notices.{submission.status}", submission.procurement,
                     after={"kind": submission.kind, "notice": str(submission.uuid),
                            "publication_id": submission.publication_id})
    return submission


def give_up(submission: Submission, reason: str) -> None:
    with transaction.atomic():
        updated = Submission.objects.filter(pk=submission.pk, status=SubmissionStatus.QUEUED).update(
            status=SubmissionStatus.FAILED, violations=[{"rule": "unavailable", "location": "", "text": reason}])
        if updated:
            audit.record(None, "notices.failed", submission.procurement,
                         after={"kind": submission.kind, "notice": str(submission.uuid), "reason": reason})

"""The negotiation's one service layer: meetings per candidate, minutes written by the authority
and confirmed (frozen) or commented by the candidate, user representatives with their
commitment, written information always sent to every candidate still in the procedure, a new
published version of the invitation to tender announced to all, dialogue solutions and the close
of dialogue (the R&D milestones are the layer's other module, ``milestones``). Every
change is atomic and audited; e-mail goes through the outbox after the commit."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coprocure.audit import services as audit
from coprocure.core.models import ProcurementRole
from coprocure.domain.roles import Role
from coprocure.outbox import services as outbox
from coprocure.procedures.models import Stage, StageKind, StageState
from coprocure.procedures.services import stages as procedure_stages
from coprocure.tendering.models import Tender
from coprocure.tendering.services import documents
from coprocure.tendering.services._common import fail

from . import milestones, selectors
from .models import DialogueClosure, DialogueSolution, NegotiationMeeting, UserRepresentative, WrittenInformation

STAGES = (StageKind.NEGOTIATION_ROUND, StageKind.DIALOGUE)
# Who may sit at the table as a user representative: people with lived experience of the service.
USER_ROLES = (Role.SERVICE_USER.value, Role.EXPERT_BY_EXPERIENCE.value, Role.PEER.value)


def _negotiation(stage: Stage) -> Stage:
    if stage.kind not in STAGES:
        raise fail("negotiation_wrong_stage", status=409)
    # After the close of dialogue nothing new happens in the stage: no meeting, solution or information.
    if stage.kind == StageKind.DIALOGUE and DialogueClosure.objects.filter(stage=stage).exists():
        raise fail("negotiation_dialogue_closed", status=409)
    return stage


def add_meeting(actor, stage: Stage, data: dict) -> NegotiationMeeting:
    _negotiation(stage)
    if data["organisation"] not in {o.pk for o in selectors.candidates(stage)}:
        raise fail("negotiation_not_candidate", "organisation")
    with transaction.atomic():
        meeting = NegotiationMeeting.objects.create(
            stage=stage, organisation_id=data["organisation"], starts_at=data["starts_at"],
            place=data.get("place", ""), online=data.get("online", False), participants=data["participants"])
        audit.record(actor, "negotiation.meeting", meeting, None,
                     {"organisation": meeting.organisation_id, "starts_at": meeting.starts_at.isoformat()})
    return meeting


def write_minutes(actor, meeting: NegotiationMeeting, data: dict) -> NegotiationMeeting:
    """The authority writes or corrects the minutes until the candidate confirms them."""
    if not data["minutes"].strip():
        raise fail("negotiation_minutes_empty", "minutes")
    with transaction.atomic():
        meeting = NegotiationMeeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.is_confirmed:
            raise fail("negotiation_minutes_confirmed", status=409)
        before = {"written": meeting.minutes_written_at is not None}
        meeting.minutes, meeting.confidential_minutes = data["minutes"], data.get("confidential_minutes", "")
        meeting.minutes_written_at = timezone.now()
        meeting.save(update_fields=["minutes", "confidential_minutes", "minutes_written_at"])
        audit.record(actor, "negotiation.minutes", meeting, before, {"written": True})
    return meeting


def respond_to_minutes(actor, meeting: NegotiationMeeting, confirm: bool, comment: str = "") -> NegotiationMeeting:
    """The candidate confirms the minutes (they are frozen) or comments on them for correction."""
    if not confirm and not comment.strip():
        raise fail("negotiation_comment_empty", "comment")
    with transaction.atomic():
        meeting = NegotiationMeeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.is_confirmed:
            raise fail("negotiation_minutes_confirmed", status=409)
        if meeting.minutes_written_at is None:
            raise fail("negotiation_minutes_not_written", status=409)
        if confirm:
            meeting.confirmed_at, meeting.confirmed_by = timezone.now(), actor
        meeting.candidate_comment = comment
        meeting.save(update_fields=["confirmed_at", "confirmed_by", "candidate_comment"])
        audit.record(actor, "negotiation.minutes_confirmed" if confirm else "negotiation.minutes_commented",
                     meeting, None, {"confirmed": confirm})
    return meeting


def name_representative(actor, meeting: NegotiationMeeting, data: dict) -> UserRepresentative:
    """A service user or expert by experience at the table; never the accountable official."""
    person, procurement = data["person"], meeting.stage.procurement
    if person.pk == procurement.accountable_official_id:
        raise fail("negotiation_rep_accountable", "person", status=409)
    if not ProcurementRole.objects.filter(procurement=procurement, user=person, role__in=USER_ROLES).exists():
        raise fail("negotiation_rep_not_user", "person")
    with transaction.atomic():
        try:
            with transaction.atomic():
                representative = UserRepresentative.objects.create(
                    meeting=meeting, person=person, commitment_signed_on=data.get("commitment_signed_on"),
                    commitment_version=data.get("commitment_version", ""))
        except IntegrityError:
            raise fail("negotiation_rep_named", "person", status=409) from None
        audit.record(actor, "negotiation.representative", representative, None,
                     {"person": person.pk, "committed": representative.committed,
                      "commitment_version": representative.commitment_version})
    return representative


def _send_to_all(actor, stage: Stage, text: str, cause: str) -> WrittenInformation:
    """There is no recipient parameter on purpose: equal treatment means every candidate still in
    the procedure receives the same written information at the same time."""
    organisations = selectors.candidates(stage)
    if not organisations:
        raise fail("negotiation_no_candidates", status=409)
    info = WrittenInformation.objects.create(stage=stage, text=text, sent_by=actor)
    info.recipients.set(organisations)
    emails = (get_user_model().objects.filter(organisation__in=organisations, is_active=True)
              .exclude(email="").values_list("email", flat=True))
    subject = _("Written information to every candidate")
    body = "\n\n".join([str(stage.procurement), text])
    info.emails_queued = outbox.send_many(f"{cause}:{info.pk}",
                                          [(e, {"subject": subject, "body": body, "headers": {}}) for e in emails])
    info.save(update_fields=["emails_queued"])
    audit.record(actor, "negotiation.information", info, None,
                 {"recipients": [o.pk for o in organisations], "emails": info.emails_queued})
    return info


def send_information(actor, stage: Stage, text: str) -> WrittenInformation:
    _negotiation(stage)
    if not text.strip():
        raise fail("negotiation_text_empty", "text")
    with transaction.atomic():
        return _send_to_all(actor, stage, text, "negotiation.information")


def publish_tender_change(actor, stage: Stage, kind: str) -> WrittenInformation:
    """A change to the invitation to tender: tendering's next published document version, told to every candidate."""
    _negotiation(stage)
    tender = Tender.objects.filter(procurement=stage.procurement_id).first()
    if tender is None:
        raise fail("negotiation_no_tender", status=409)
    with transaction.atomic():
        version = documents.publish_document(actor, tender, kind)
        text = _("A new version %(number)s of the %(document)s was published. Read it on the invitation to tender.") % {
            "number": version.number, "document": version.document.get_kind_display().lower()}
        return _send_to_all(actor, stage, text, "negotiation.tender_change")


def propose_solution(actor, stage: Stage, text: str) -> DialogueSolution:
    if stage.kind != StageKind.DIALOGUE:
        raise fail("negotiation_not_dialogue", status=409)
    _negotiation(stage)
    if not text.strip():
        raise fail("negotiation_text_empty", "text")
    with transaction.atomic():
        solution = DialogueSolution.objects.create(stage=stage, organisation_id=actor.organisation_id, text=text,
                                                   submitted_by=actor)
        audit.record(actor, "negotiation.solution", solution, None, {"organisation": solution.organisation_id})
    return solution


def close_dialogue(actor, stage: Stage, data: dict) -> DialogueClosure:
    """The accountable official closes the dialogue: published on the stage page and sent to every
    participant still in the procedure. It names no participant's solution: they stay confidential."""
    if stage.kind != StageKind.DIALOGUE:
        raise fail("negotiation_not_dialogue", status=409)
    if not data.get("solutions_identified"):
        raise fail("negotiation_solutions_not_identified", "solutions_identified")
    if not data["reasons"].strip():
        raise fail("negotiation_text_empty", "reasons")
    if data["closed_on"] > timezone.localdate():
        raise fail("negotiation_closure_future", "closed_on")
    with transaction.atomic():
        stage = Stage.objects.select_for_update().get(pk=stage.pk)
        if DialogueClosure.objects.filter(stage=stage).exists():
            raise fail("negotiation_dialogue_closed", status=409)
        if stage.state != StageState.OPEN:
            raise fail("negotiation_stage_not_open", status=409)
        text = _("The dialogue was closed on %(date)s: solutions meeting the needs were identified. "
                 "Reasons: %(reasons)s") % {"date": data["closed_on"].isoformat(), "reasons": data["reasons"]}
        information = _send_to_all(actor, stage, text, "negotiation.dialogue_closed")
        closure = DialogueClosure.objects.create(stage=stage, closed_on=data["closed_on"], reasons=data["reasons"],
                                                 solutions_identified=True, decided_by=actor, information=information)
        audit.record(actor, "negotiation.dialogue_closed", closure, None,
                     {"closed_on": closure.closed_on.isoformat(), "information": information.pk})
    return closure


def close_stage(actor, stage: Stage) -> Stage:
    """A dialogue stage closes after the close of dialogue, an R&D milestone stage when the service
    phase may begin: the decision is checked here and the stage closed by the procedures' service."""
    if stage.kind == StageKind.DIALOGUE:
        if not DialogueClosure.objects.filter(stage=stage).exists():
            raise fail("negotiation_dialogue_not_closed", status=409)
    elif stage.kind == StageKind.RD_MILESTONE:
        milestones.check_service_phase(stage)
    else:
        raise fail("negotiation_wrong_stage", status=409)
    return procedure_stages.close_stage(actor, stage, decided=True)

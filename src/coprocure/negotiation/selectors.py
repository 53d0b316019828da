"""Who sees which meeting, minute, piece of information and solution. A meeting is seen by the
procurement's staff, its own candidate, and a user representative named to it whose commitment
is recorded; to everyone else it is the same 404 as a missing id. An R&D milestone's result likewise: its
partner's and the staff's only; the acceptance decisions are public."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from coprocure.core.models import Organisation
from coprocure.permissions.predicates import is_procurement_staff
from coprocure.procedures import selectors as procedures
from coprocure.tendering.models import AwardDecision

from .models import (DialogueSolution, Milestone, MilestoneResult, NegotiationMeeting, PartnershipEnd,
                     UserRepresentative, WrittenInformation)


def is_staff(user, stage) -> bool:
    return user.is_authenticated and is_procurement_staff.test(user, stage.procurement)


def _seen_by(user) -> Q:
    if not user.is_authenticated:
        return Q(pk__in=[])
    own = Q(organisation_id=user.organisation_id) if user.organisation_id else Q(pk__in=[])
    committed = UserRepresentative.objects.filter(person=user, commitment_signed_on__isnull=False).exclude(
        commitment_version="").values("meeting_id")
    return own | Q(pk__in=committed)


def meetings(user, stage) -> list[NegotiationMeeting]:
    found = NegotiationMeeting.objects.filter(stage=stage).select_related("organisation")
    if not is_staff(user, stage):
        found = found.filter(_seen_by(user))
    return list(found.prefetch_related("representatives__person"))


def visible_meeting(user, pk: int) -> NegotiationMeeting:
    meeting = NegotiationMeeting.objects.select_related("stage", "organisation").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    meeting.stage = procedures.visible_stage(user, meeting.stage_id)
    if not is_staff(user, meeting.stage) and not NegotiationMeeting.objects.filter(_seen_by(user), pk=pk).exists():
        raise Http404
    return meeting


def own_meeting(user, pk: int) -> NegotiationMeeting:
    """The candidate's own meeting (to confirm or comment on its minutes); anyone else 404."""
    meeting = visible_meeting(user, pk)
    if not user.organisation_id or meeting.organisation_id != user.organisation_id:
        raise Http404
    return meeting


def information(user, stage) -> list[WrittenInformation]:
    """Staff see the whole log with its recipients; a candidate what was sent to it (all of it, by rule)."""
    found = WrittenInformation.objects.filter(stage=stage).prefetch_related("recipients")
    if is_staff(user, stage):
        return list(found)
    if not user.is_authenticated or not user.organisation_id:
        return []
    return list(found.filter(recipients=user.organisation_id))


def solutions(user, stage) -> list[DialogueSolution]:
    """Staff see every participant's; a participant its own only; nobody else any."""
    found = DialogueSolution.objects.filter(stage=stage).select_related("organisation")
    if is_staff(user, stage):
        return list(found)
    if not user.is_authenticated or not user.organisation_id:
        return []
    return list(found.filter(organisation_id=user.organisation_id))


def candidates(stage) -> list:
    return procedures.current_candidates(stage.procurement)


def partners(stage) -> list:
    """An innovation partnership's partners: the award's winner (and each lot's) once the award is
    published, until then the candidates still in the procedure (final tenders are not yet tied to
    the tender's award); less those whose partnership the official ended."""
    award = AwardDecision.objects.filter(tender__procurement=stage.procurement_id, published_at__isnull=False).first()
    if award is None:
        found = candidates(stage)
    else:
        bids = [award.winner_id, *map(int, award.lot_winners.values())]
        found = list(Organisation.objects.filter(bids_led__in=bids).distinct().order_by("name"))
    ended = set(PartnershipEnd.objects.filter(stage=stage).values_list("organisation_id", flat=True))
    return [o for o in found if o.pk not in ended]


def milestones(user, stage) -> list[Milestone]:
    """Every milestone with its public decisions, and the results the reader may see: staff every
    partner's, a partner its own, nobody else any."""
    found = list(Milestone.objects.filter(stage=stage).prefetch_related("decisions__organisation"))
    results = MilestoneResult.objects.filter(milestone__stage=stage).select_related("organisation")
    if not is_staff(user, stage):
        own = user.organisation_id if user.is_authenticated else None
        results = results.filter(organisation_id=own) if own else results.none()
    by_milestone: dict[int, list] = {}
    for result in results.order_by("organisation__name"):
        by_milestone.setdefault(result.milestone_id, []).append(result)
    for milestone in found:
        milestone.shown_results = by_milestone.get(milestone.pk, [])
    return found


def visible_milestone(user, pk: int) -> Milestone:
    """A milestone of a stage the reader may see (404 alike otherwise)."""
    milestone = Milestone.objects.filter(pk=pk).first()
    if milestone is None:
        raise Http404
    milestone.stage = procedures.visible_stage(user, milestone.stage_id)
    return milestone


def partnership_ends(stage) -> list[PartnershipEnd]:
    return list(PartnershipEnd.objects.filter(stage=stage).select_related("organisation"))

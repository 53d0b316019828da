"""A published procedure's stages in the OCDS release (issue 21 item 8), from data fetched up
front (``export.public_procurements``): no function here touches the database.

Every stage is a ``tender.milestones`` entry (its kind as the milestone's ``code``) and a line of
``tender.procedure.features`` (official procedure extension); then each kind of stage adds what
is its own through one function in ``KINDS``, so a new kind adds itself there. What a stage
shows follows the visibility policy: requests to participate appear only once the selection
decision is published (as bids appear only with the award), and a round's initial bids only once
opened, never their sealed content, and never who made them, which the decisions show only to the
authority's people and the candidates; a market dialogue's confirmed participants and published
minutes are public, their contact people and the minutes' confidential part never.
See docs/ocds.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.utils import timezone, translation as django_translation

from coprocure.domain import translation
from coprocure.market_dialogue.models import SeatKind
from coprocure.procedures.models import StageKind, StageState

LANGUAGE = "fi"
# The core milestoneType codelist (open): what kind of event each stage is.
MILESTONE_TYPES = {
    StageKind.MARKET_DIALOGUE: "engagement",
    StageKind.PARTICIPATION_REQUESTS: "assessment",
    StageKind.NEGOTIATION_ROUND: "engagement",
    StageKind.DIALOGUE: "engagement",
    StageKind.FINAL_TENDERS: "assessment",
    StageKind.TENDERS: "assessment",
    StageKind.RD_MILESTONE: "delivery",
}
# The market dialogue's kinds of seat, as the project's participantCounts extension names them.
SEAT_KINDS = {SeatKind.PROVIDER: "provider", SeatKind.USER_ASSOCIATION: "userAssociation"}


def _text(value) -> str:
    return translation.resolve(value, LANGUAGE).text


def _label(choice) -> str:
    with django_translation.override(LANGUAGE):
        return str(choice.label)


def _day(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%-d.%-m.%Y}"


def _public_url(path: str) -> str:
    return f"{settings.COPROCURE_PUBLIC_URL.rstrip('/')}{path}"


def _milestone(stage) -> dict:
    milestone = {
        "id": f"stage-{stage.pk}",
        "title": _label(StageKind(stage.kind)),
        "type": MILESTONE_TYPES[stage.kind],
        "code": stage.kind,
        "description": f"{_day(stage.opens_at)} – {_day(stage.closes_at)}",
        "dueDate": stage.closes_at.isoformat(),
        # A stage is closed only at its deadline (docs/procedures.md), so it was met then.
        "status": "met" if stage.state == StageState.CLOSED else "scheduled",
    }
    if stage.state == StageState.CLOSED:
        milestone["dateMet"] = stage.closes_at.isoformat()
    elif stage.state == StageState.SKIPPED:
        milestone["status"] = "notMet"
        milestone["description"] += ". Ei järjestetty: tarjouskilpailu ratkaistiin alustavien tarjousten perusteella."
    return milestone


def _stage_milestone(release: dict, stage) -> dict:
    return next(m for m in release["tender"]["milestones"] if m["id"] == f"stage-{stage.pk}")


def _bids(release: dict) -> dict:
    """The release's ``bids`` section, made when the award has not made it."""
    return release.setdefault("bids", {"statistics": [], "details": []})


def _market_dialogue(stage, release: dict, parties) -> None:
    """Who takes part is public (docs/procedures.md): each confirmed organisation is an
    ``interestedParty``, counted by kind of seat on the stage's milestone (never a contact person);
    each session is a milestone with its published minutes' PDF (never their confidential part);
    the stage's public page and what was learned are its documents."""
    seats = Counter(registration.seat_kind for registration in stage.confirmed_registrations)
    for registration in stage.confirmed_registrations:
        parties.add(registration.organisation, "interestedParty")
    milestone = _stage_milestone(release, stage)
    milestone["participantCounts"] = [{"seatKind": SEAT_KINDS[kind], "count": seats[kind]} for kind in SEAT_KINDS]
    release["tender"]["milestones"] += [_session(session) for session in stage.dialogue_sessions.all()]
    documents = release["tender"].setdefault("documents", [])
    documents.append({
        "id": f"market-dialogue-{stage.pk}",
        "documentType": "marketStudies",
        "title": "Markkinavuoropuhelu",
        "url": _public_url(f"/stages/{stage.pk}/market-dialogue/"),
        "format": "text/html",
        "language": LANGUAGE,
    })
    for learning in stage.dialogue_learnings.all():
        changed = f" Muutti asiakirjoja: {learning.documents_changed}" if learning.documents_changed else ""
        documents.append({
            "id": f"dialogue-learning-{learning.pk}",
            "documentType": "marketStudies",
            "title": "Mitä markkinavuoropuhelussa opittiin",
            "description": f"{learning.text}{changed}",
            "url": _public_url(f"/stages/{stage.pk}/market-dialogue/"),
            "datePublished": learning.published_at.isoformat(),
            "format": "text/html",
            "language": LANGUAGE,
        })


def _session(session) -> dict:
    """A market dialogue session: held (``met``) once its minutes are published, which are then its
    document; the agenda is public from the start, like on the stage's page."""
    milestone = {"id": f"dialogue-session-{session.pk}", "title": "Markkinavuoropuhelun tilaisuus",
                 "type": "engagement", "code": "market_dialogue_session", "description": session.agenda,
                 "dueDate": session.starts_at.isoformat(), "status": "scheduled"}
    if session.minutes_published_at is not None:
        milestone.update(status="met", dateMet=session.starts_at.isoformat(), documents=[{
            "id": f"dialogue-minutes-{session.pk}",
            "documentType": "marketStudies",
            "title": "Markkinavuoropuhelun tilaisuuden muistio",
            "url": _public_url(f"/api/v1/dialogue-sessions/{session.pk}/minutes.pdf"),
            "datePublished": session.minutes_published_at.isoformat(),
            "format": "application/pdf",
            "language": LANGUAGE,
        }])
    return milestone


def _participation_requests(stage, release: dict, parties) -> None:
    call = getattr(stage, "call", None)
    if call is None:
        return
    criteria = [{"type": "suitability", "description": _text(r.text)} for r in call.requirements.all()]
    criteria += [{"description": _text(c.text), "forReduction": True} for c in call.criteria.all()]
    invited = (f"Kutsutaan vähintään {call.min_candidates} ja enintään {call.max_candidates} ehdokasta."
               if call.max_candidates else "Kutsutaan jokainen soveltuva ehdokas.")
    if criteria:
        release["tender"]["selectionCriteria"] = {"criteria": criteria, "description": invited}
    decision = getattr(call, "decision", None)
    if decision is None:
        return
    release["tender"].setdefault("documents", []).append({
        "id": f"selection-decision-{decision.pk}",
        "documentType": "evaluationReports",
        "title": "Valintapäätös",
        "url": _public_url(f"/api/v1/stages/{stage.pk}/call/selection.pdf"),
        "datePublished": decision.published_at.isoformat(),
        "format": "application/pdf",
        "language": LANGUAGE,
    })
    bids = _bids(release)
    requests = call.published_requests
    for request in requests:
        bids["details"].append({
            "id": f"r{request.pk}", "submissionType": "expressionOfInterest",
            "date": request.submitted_at.isoformat(),
            "status": "disqualified" if request.unmet_checks else "valid",
        })
    selected = sum(1 for request in requests if request.is_selected)
    bids["statistics"] += [
        {"id": f"stage-{stage.pk}-requests", "measure": "requests", "value": len(requests),
         "notes": f"stage-{stage.pk}"},
        # The project's own measure (statistic is an open codelist): how many went on.
        {"id": f"stage-{stage.pk}-selectedCandidates", "measure": "selectedCandidates", "value": selected,
         "notes": f"stage-{stage.pk}"},
    ]


def _round(stage, release: dict, parties) -> None:
    """A negotiation round or dialogue. Its initial bids appear only once two officials have opened
    them, and then only as their number and status (``pending`` until the decision reducing the
    candidates or the award, ``valid`` after it): never what they offer or who sent them, which stay the
    candidate's and the authority's. The published reduction decision is a document (its PDF) and
    how many candidates go on a statistic. The negotiation meetings and their minutes are the
    candidate's and the authority's (visibility policy), so not open data."""
    decision = getattr(stage, "reduction", None)
    box = getattr(stage, "sealed_round", None)
    if box is not None and box.opened_at is not None:
        bids = _bids(release)
        opened = box.opened_bids
        bids["details"] += [{
            "id": f"ib{bid.pk}", "submissionType": "bid", "date": bid.submitted_at.isoformat(),
            "description": f"Alustava tarjous: {_label(StageKind(stage.kind))} (stage-{stage.pk})",
            "status": "valid" if decision is not None or "award" in release["tag"] else "pending",
        } for bid in opened]
        bids["statistics"].append({"id": f"stage-{stage.pk}-initialBids", "measure": "bids", "value": len(opened),
                                   "date": box.opened_at.isoformat(), "notes": f"stage-{stage.pk}"})
    documents = release["tender"].setdefault("documents", [])
    for found, document in ((getattr(stage, "initial_bids_award", None), _initial_bids_award),
                            (getattr(stage, "dialogue_closure", None), _dialogue_closure)):
        if found is not None:
            documents.append(document(stage, found))
    if decision is None:
        return
    documents.append({
        "id": f"reduction-decision-{decision.pk}",
        "documentType": "evaluationReports",
        "title": "Päätös ehdokkaiden määrän vähentämisestä",
        "url": _public_url(f"/api/v1/stages/{stage.pk}/round/reduction.pdf"),
        "datePublished": decision.published_at.isoformat(),
        "format": "application/pdf",
        "language": LANGUAGE,
    })
    # The project's own measure (statistic is an open codelist), as selectedCandidates.
    _bids(release)["statistics"].append({
        "id": f"stage-{stage.pk}-candidatesGoingOn", "measure": "candidatesGoingOn",
        "value": sum(1 for candidate in decision.candidates.all() if candidate.kept),
        "date": decision.published_at.isoformat(), "notes": f"stage-{stage.pk}"})


def _initial_bids_award(stage, decision) -> dict:
    """The public decision to award on this round's initial bids (the later stages not held)."""
    return {"id": f"initial-bids-award-{decision.pk}", "documentType": "evaluationReports",
            "title": "Päätös ratkaista tarjouskilpailu alustavien tarjousten perusteella",
            "description": decision.reason, "url": _public_url(f"/stages/{stage.pk}/round/"),
            "datePublished": decision.published_at.isoformat(), "format": "text/html", "language": LANGUAGE}


def _dialogue_closure(stage, closure) -> dict:
    """The public close of a competitive dialogue: its date and reasons, never a solution."""
    return {"id": f"dialogue-closure-{closure.pk}", "documentType": "evaluationReports",
            "title": f"Neuvotteluvaihe päätetty {closure.closed_on:%-d.%-m.%Y}",
            "description": closure.reasons, "url": _public_url(f"/stages/{stage.pk}/negotiation/"),
            "datePublished": closure.decided_at.isoformat(), "format": "text/html", "language": LANGUAGE}


def _final_tenders(stage, release: dict, parties) -> None:
    """How many candidates the invitation to submit final tenders went to (the project's own
    measure), never who; the final tenders themselves are the tender's bids, published with the award."""
    invitation = getattr(stage, "final_invitation", None)
    if invitation is not None:
        _bids(release)["statistics"].append({
            "id": f"stage-{stage.pk}-invitedCandidates", "measure": "invitedCandidates",
            "value": len(invitation.invited.all()), "date": invitation.issued_at.isoformat(),
            "notes": f"stage-{stage.pk}"})


def _rd_milestones(stage, release: dict, parties) -> None:
    """An innovation partnership's R&D milestones after the stage's own: what must be shown and
    when, and the accountable official's public acceptance decisions as the status (``met`` when
    every decided partner's was accepted, ``notMet`` when none, ``partiallyMet`` between); never a
    partner's result."""
    for milestone in stage.milestones.all():
        accepted = [decision.accepted for decision in milestone.decisions.all()]
        entry = {"id": f"rd-milestone-{milestone.pk}", "title": milestone.name, "type": "delivery",
                 "code": "rd_milestone_result", "description": milestone.to_show,
                 "dueDate": milestone.due_at.isoformat(), "status": "scheduled"}
        if accepted:
            entry["status"] = "met" if all(accepted) else "notMet" if not any(accepted) else "partiallyMet"
            entry["dateModified"] = max(d.decided_at for d in milestone.decisions.all()).isoformat()
        release["tender"]["milestones"].append(entry)


def _nothing_more(stage, release: dict, parties) -> None:
    """The milestone says all that is built for this kind so far (docs/ocds.md)."""


KINDS: dict[str, Callable[[object, dict, object], None]] = {
    StageKind.MARKET_DIALOGUE: _market_dialogue,
    StageKind.PARTICIPATION_REQUESTS: _participation_requests,
    StageKind.NEGOTIATION_ROUND: _round,
    StageKind.DIALOGUE: _round,
    StageKind.FINAL_TENDERS: _final_tenders,
    StageKind.TENDERS: _nothing_more,
    StageKind.RD_MILESTONE: _rd_milestones,
}


def add(procurement, release: dict, parties) -> None:
    """Adds the published procedure's stages to ``release`` and the organisations they make
    public to ``parties`` (nothing for an unpublished procedure)."""
    plan = getattr(procurement, "procedure_plan", None)
    if plan is None or not plan.is_published:
        return
    stages = list(procurement.procedure_stages.all())
    lines = [f"{number}. {_label(StageKind(stage.kind))} {_day(stage.opens_at)} – {_day(stage.closes_at)}"
             for number, stage in enumerate(stages, 1)]
    release["tender"]["procedure"] = {"features": f"Menettelyn {plan.version}. julkaistu versio. Vaiheet: "
                                                  + "; ".join(lines) + "."}
    if stages:
        release["tender"]["milestones"] = [_milestone(stage) for stage in stages]
    for stage in stages:
        KINDS[stage.kind](stage, release, parties)

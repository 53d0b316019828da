"""A procedure as a sequence of stages, and the principles every sequence must keep.

Each procedure has a default sequence; under the light regime for social and health services
(1397/2016 sections 107–111) the authority composes its own from the same stages, and the
system holds every composition — default or composed — to these rules of equal treatment,
transparency and proportionality (docs/procedures.md states them with their reasons):

- Transparency: the procedure is published before its first stage opens, and once published it
  changes only by a new published version; a stage that has opened keeps its kind and times.
- Every stage has an opening and a deadline, the deadline after the opening.
- Equal treatment in time: a stage opens only when the previous one has closed (no stage
  overlaps the one before it), and it closes only at its deadline, not before.
- The competition ends with one stage that compares sealed tenders with the announced award
  criteria (``tenders``, or ``final_tenders`` after negotiation or dialogue); research and
  development milestones (innovation partnership) come only after it.
- Market dialogue comes before any competition, never inside one.
- Negotiation and dialogue take place only with selected candidates, so a selection stage
  (requests to participate) precedes them; final tenders follow negotiation or dialogue.
- Reducing the number of candidates between rounds only with criteria announced beforehand.
- Proportionality: a stage where organisations submit something is open at least
  ``MIN_SUBMISSION_DAYS`` days, and there are at most ``MAX_ROUNDS`` negotiation or dialogue
  stages.
- Award on the initial bids only where the published procedure reserved it, and only when its
  first round is a negotiation round (a dialogue has no bids to award on); the stages it leaves
  out are recorded as skipped, never removed from what was published.
- Final tenders only on invitation, issued to every candidate still in the procedure at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from .errors import DomainError

MIN_SUBMISSION_DAYS = 10
MAX_ROUNDS = 5


class StageKind(StrEnum):
    MARKET_DIALOGUE = "market_dialogue"
    PARTICIPATION_REQUESTS = "participation_requests"
    NEGOTIATION_ROUND = "negotiation_round"
    DIALOGUE = "dialogue"
    FINAL_TENDERS = "final_tenders"
    TENDERS = "tenders"
    RD_MILESTONE = "rd_milestone"


class StageState(StrEnum):
    PLANNED = "planned"
    OPEN = "open"
    CLOSED = "closed"
    # Left out by the award on the initial bids that the published procedure reserved.
    SKIPPED = "skipped"


class ProcedureKind(StrEnum):
    """The values of ``core.models.Procedure``."""

    OPEN = "open"
    RESTRICTED = "restricted"
    NEGOTIATED = "negotiated"
    COMPETITIVE_DIALOGUE = "competitive_dialogue"
    INNOVATION_PARTNERSHIP = "innovation_partnership"
    LIGHT = "light"


K = StageKind
DEFAULT_SEQUENCES: dict[str, tuple[StageKind, ...]] = {
    ProcedureKind.OPEN: (K.TENDERS,),
    ProcedureKind.RESTRICTED: (K.PARTICIPATION_REQUESTS, K.TENDERS),
    ProcedureKind.NEGOTIATED: (K.PARTICIPATION_REQUESTS, K.NEGOTIATION_ROUND, K.FINAL_TENDERS),
    ProcedureKind.COMPETITIVE_DIALOGUE: (K.PARTICIPATION_REQUESTS, K.DIALOGUE, K.FINAL_TENDERS),
    ProcedureKind.INNOVATION_PARTNERSHIP: (K.PARTICIPATION_REQUESTS, K.NEGOTIATION_ROUND, K.FINAL_TENDERS,
                                           K.RD_MILESTONE),
    # The light regime's starting point is the open procedure's single stage; staff compose from there.
    ProcedureKind.LIGHT: (K.TENDERS,),
}
COMPARING = frozenset({K.TENDERS, K.FINAL_TENDERS})
ROUNDS = frozenset({K.NEGOTIATION_ROUND, K.DIALOGUE})
SUBMISSIONS = frozenset({K.PARTICIPATION_REQUESTS, K.TENDERS, K.FINAL_TENDERS, K.NEGOTIATION_ROUND})
# The least number of candidates to invite where the number is limited (Directive 2014/24/EU
# article 65(2)); the light regime sets its own, at least one.
MIN_CANDIDATES = {
    ProcedureKind.RESTRICTED: 5, ProcedureKind.NEGOTIATED: 3, ProcedureKind.COMPETITIVE_DIALOGUE: 3,
    ProcedureKind.INNOVATION_PARTNERSHIP: 3, ProcedureKind.LIGHT: 1, ProcedureKind.OPEN: 1,
}


@dataclass(frozen=True)
class PlannedStage:
    kind: StageKind
    opens_at: datetime | None
    closes_at: datetime | None
    reduces_candidates: bool = False
    state: StageState = StageState.PLANNED


def may_compose(procedure: str) -> bool:
    """Only the light regime lets the authority shape its own sequence; the others take their default."""
    return procedure == ProcedureKind.LIGHT


def default_sequence(procedure: str) -> tuple[StageKind, ...]:
    try:
        return DEFAULT_SEQUENCES[ProcedureKind(procedure)]
    except ValueError:
        raise DomainError("procedure_unknown", "procedure") from None


def problems(stages: Sequence[PlannedStage], *, reduction_criteria_announced: bool,
             award_on_initial_bids: bool = False) -> list[DomainError]:
    """Every rule the sequence breaks, in the order of the stages (empty when it keeps them all)."""
    found: list[DomainError] = []
    if not stages:
        return [DomainError("procedure_no_stages", "stages")]
    kinds = [stage.kind for stage in stages]
    for number, stage in enumerate(stages, start=1):
        where = {"number": number}
        if stage.opens_at is None or stage.closes_at is None:
            found.append(DomainError("stage_times_required", "stages", where))
            continue
        if stage.closes_at <= stage.opens_at:
            found.append(DomainError("stage_closes_before_opening", "stages", where))
        elif stage.kind in SUBMISSIONS and stage.closes_at - stage.opens_at < timedelta(days=MIN_SUBMISSION_DAYS):
            found.append(DomainError("stage_too_short", "stages", {**where, "days": MIN_SUBMISSION_DAYS}))
        previous = stages[number - 2] if number > 1 else None
        if previous is not None and previous.closes_at is not None and stage.opens_at < previous.closes_at:
            found.append(DomainError("stage_overlaps_previous", "stages", where))
        if stage.reduces_candidates and not reduction_criteria_announced:
            found.append(DomainError("reduction_without_criteria", "stages", where))
        if stage.reduces_candidates and stage.kind not in ROUNDS:
            found.append(DomainError("reduction_outside_rounds", "stages", where))
    comparing = [index for index, kind in enumerate(kinds) if kind in COMPARING]
    if len(comparing) != 1:
        found.append(DomainError("procedure_one_comparison", "stages"))
    else:
        at = comparing[0]
        if any(kind != K.RD_MILESTONE for kind in kinds[at + 1:]):
            found.append(DomainError("stage_after_comparison", "stages"))
        if kinds[at] == K.FINAL_TENDERS and not any(kind in ROUNDS for kind in kinds[:at]):
            found.append(DomainError("final_tenders_without_rounds", "stages"))
        if kinds[at] == K.TENDERS and any(kind in ROUNDS for kind in kinds[:at]):
            found.append(DomainError("tenders_after_rounds", "stages"))
    if any(kind == K.RD_MILESTONE for kind in kinds[:comparing[0] if comparing else len(kinds)]):
        found.append(DomainError("milestone_before_comparison", "stages"))
    competition = [index for index, kind in enumerate(kinds) if kind != K.MARKET_DIALOGUE]
    if competition and any(kind == K.MARKET_DIALOGUE for kind in kinds[competition[0]:]):
        found.append(DomainError("market_dialogue_inside_competition", "stages"))
    if kinds.count(K.PARTICIPATION_REQUESTS) > 1:
        found.append(DomainError("selection_twice", "stages"))
    for index, kind in enumerate(kinds):
        if kind in ROUNDS and K.PARTICIPATION_REQUESTS not in kinds[:index]:
            found.append(DomainError("round_without_selection", "stages", {"number": index + 1}))
            break
    if sum(kind in ROUNDS for kind in kinds) > MAX_ROUNDS:
        found.append(DomainError("too_many_rounds", "stages", {"rounds": MAX_ROUNDS}))
    rounds = [kind for kind in kinds if kind in ROUNDS]
    if award_on_initial_bids and (not rounds or rounds[0] != K.NEGOTIATION_ROUND):
        found.append(DomainError("award_on_initial_bids_without_round", "award_on_initial_bids"))
    return found


def check(stages: Sequence[PlannedStage], *, reduction_criteria_announced: bool,
          award_on_initial_bids: bool = False) -> None:
    found = problems(stages, reduction_criteria_announced=reduction_criteria_announced,
                     award_on_initial_bids=award_on_initial_bids)
    if found:
        raise found[0]


def check_publish(now: datetime, stages: Sequence[PlannedStage], *, reduction_criteria_announced: bool,
                  award_on_initial_bids: bool = False) -> None:
    """Published before the first stage opens, and only a sequence that keeps every rule."""
    check(stages, reduction_criteria_announced=reduction_criteria_announced,
          award_on_initial_bids=award_on_initial_bids)
    if stages[0].opens_at <= now:
        raise DomainError("procedure_published_late", "stages")


def check_new_version(now: datetime, current: Sequence[PlannedStage], proposed: Sequence[PlannedStage], *,
                      reduction_criteria_announced: bool, award_on_initial_bids: bool = False) -> None:
    """A new published version may change only what has not begun: every stage that has opened
    (or whose opening time has come) stays as it was, and every new or changed stage opens
    after the publication."""
    for index, stage in enumerate(current):
        begun = stage.state != StageState.PLANNED or (stage.opens_at is not None and stage.opens_at <= now)
        if not begun:
            continue
        kept = index < len(proposed) and (proposed[index].kind, proposed[index].opens_at, proposed[index].closes_at) == (
            stage.kind, stage.opens_at, stage.closes_at)
        if not kept:
            raise DomainError("stage_begun_unchangeable", "stages", {"number": index + 1})
    check(proposed, reduction_criteria_announced=reduction_criteria_announced,
          award_on_initial_bids=award_on_initial_bids)
    for index, stage in enumerate(proposed):
        unchanged = index < len(current) and current[index].kind == stage.kind and current[index].opens_at == stage.opens_at
        if not unchanged and stage.opens_at <= now:
            raise DomainError("procedure_published_late", "stages")


def check_open_stage(now: datetime, published: bool, stages: Sequence[PlannedStage], index: int) -> None:
    """A stage opens once the procedure is published, at its opening time, and only when the
    stage before it has closed."""
    stage = stages[index]
    if not published:
        raise DomainError("procedure_not_published")
    if stage.state != StageState.PLANNED:
        raise DomainError("stage_not_planned")
    if index > 0 and stages[index - 1].state not in (StageState.CLOSED, StageState.SKIPPED):
        raise DomainError("stage_previous_not_closed")
    if now < stage.opens_at:
        raise DomainError("stage_before_opening")


def check_close_stage(now: datetime, stage: PlannedStage) -> None:
    if stage.state != StageState.OPEN:
        raise DomainError("stage_not_open")
    if now < stage.closes_at:
        raise DomainError("stage_before_deadline")


def check_can_submit(now: datetime, stage: PlannedStage) -> None:
    """A request to participate (or a tender of a stage) is accepted only while its stage is open
    and before its deadline."""
    if stage.state != StageState.OPEN:
        raise DomainError("stage_not_open")
    if now >= stage.closes_at:
        raise DomainError("stage_deadline_passed")


# ---- requests to participate and selection ----------------------------------------------------

def check_call(procedure: str, min_candidates: int, max_candidates: int | None, criteria: int,
               requirements: int) -> None:
    """A call for participation states suitability requirements; where it limits the number of
    candidates it states objective selection criteria and the minimum and maximum to invite."""
    if requirements < 1:
        raise DomainError("suitability_requirement_required", "requirements")
    least = MIN_CANDIDATES.get(ProcedureKind(procedure), 1)
    if min_candidates < least:
        raise DomainError("min_candidates_too_low", "min_candidates", {"least": least})
    if max_candidates is not None:
        if max_candidates < min_candidates:
            raise DomainError("max_below_min", "max_candidates")
        if criteria < 1:
            raise DomainError("selection_criteria_required", "criteria")


@dataclass(frozen=True)
class Candidate:
    key: int
    suitable: bool
    selected: bool
    reason: str


def check_selection(candidates: Sequence[Candidate], min_candidates: int, max_candidates: int | None) -> None:
    """A selection decision: a reason for every candidate; only suitable candidates selected; no
    more than the maximum; and at least the minimum, or every suitable one when fewer are."""
    for candidate in candidates:
        if not candidate.reason.strip():
            raise DomainError("selection_reason_required", "candidates", {"candidate": candidate.key})
        if candidate.selected and not candidate.suitable:
            raise DomainError("unsuitable_selected", "candidates", {"candidate": candidate.key})
    suitable = sum(candidate.suitable for candidate in candidates)
    selected = sum(candidate.selected for candidate in candidates)
    if max_candidates is not None and selected > max_candidates:
        raise DomainError("selection_over_max", "candidates", {"max": max_candidates})
    if max_candidates is None and selected != suitable:
        # Without a limit every suitable candidate goes on.
        raise DomainError("selection_all_suitable", "candidates")
    if selected < min(min_candidates, suitable):
        raise DomainError("selection_under_min", "candidates", {"min": min(min_candidates, suitable)})


def is_suitable(checks: Sequence[bool], requirements: int) -> bool:
    """Suitable when every requirement was checked and met."""
    return len(checks) == requirements and all(checks)


# ---- negotiation rounds ---------------------------------------------------------------------

def check_reduction(stage: PlannedStage, kept: Sequence[tuple[int, bool, str]]) -> None:
    """Candidates are reduced only at the end of a round announced to reduce them (its criteria
    written before publication), after its deadline, with a reason for every candidate; at least
    one candidate goes on. ``kept``: (candidate, goes on, reason) for every candidate."""
    if not stage.reduces_candidates:
        raise DomainError("reduction_not_announced")
    for key, _goes_on, reason in kept:
        if not reason.strip():
            raise DomainError("selection_reason_required", "candidates", {"candidate": key})
    if not any(goes_on for _key, goes_on, _reason in kept):
        raise DomainError("reduction_keeps_none", "candidates")


# ---- the end of the competition: final tenders on invitation, or the award on the initial bids --

def check_final_invitation(stage: PlannedStage, candidates: int, already_invited: bool) -> None:
    """The invitation to submit final tenders is issued once, while the final tenders' stage is
    open and before its deadline, to every candidate still in the procedure (at least one)."""
    if stage.kind != K.FINAL_TENDERS:
        raise DomainError("final_invitation_not_final_tenders")
    if already_invited:
        raise DomainError("final_invitation_issued")
    if stage.state != StageState.OPEN:
        raise DomainError("stage_not_open")
    if candidates < 1:
        raise DomainError("final_invitation_no_candidates")


def skipped_by_award_on_initial_bids(stages: Sequence[PlannedStage], index: int, *, reserved: bool) -> list[int]:
    """The stages (by index) that the award on the initial bids of the round at ``index`` leaves
    out: every later round and the final tenders, each still planned; the research and
    development milestones after the comparison stay. Refused unless the published procedure
    reserved the award and ``index`` is its first round, a negotiation round."""
    if not reserved:
        raise DomainError("award_on_initial_bids_not_reserved")
    rounds = [at for at, stage in enumerate(stages) if stage.kind in ROUNDS]
    if not rounds or rounds[0] != index or stages[index].kind != K.NEGOTIATION_ROUND:
        raise DomainError("award_on_initial_bids_first_round_only")
    comparing = next((at for at, stage in enumerate(stages) if stage.kind in COMPARING), None)
    if comparing is None or comparing < index:
        raise DomainError("procedure_one_comparison")
    skipped = list(range(index + 1, comparing + 1))
    if any(stages[at].state != StageState.PLANNED for at in skipped):
        raise DomainError("award_on_initial_bids_too_late")
    return skipped

"""One procurement's evaluation report: experience scores, who took part, the self-assessment,
and what the report cannot show yet."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from coprocure.core.models import Phase, Procurement, ProcurementRole, RoleChoice
from coprocure.core.selectors import visible_procurement
from coprocure.domain import evaluation, privacy
from coprocure.participation import selectors as participation
from coprocure.participation.models import (
    ActivityKind, Answer, Contribution, ParticipationPlan, Registration, Response,
)

from ..forms import RATINGS, criterion_text
from ..models import ExperienceSurvey, Round, SelfAssessment
from ._common import DIMENSIONS, HOW_TAKEN_PART, OWN_ANSWERS, PUBLISHED, as_float, as_percent, round_states
from .trail import influence, outcomes

ITEM_LABELS = {item.code: item for item in evaluation.EXPERIENCE_ITEMS}
UNSTATED = "unstated"


def evaluated_procurement(user, pk: int) -> Procurement:
    """The procurement whose report this person may read, or 404 alike for a missing one and
    one they may not see."""
    procurement = visible_procurement(user, pk)
    if not user.has_perm("evaluation.view", procurement):
        raise Http404
    return procurement


def k_of(procurement: Procurement) -> int:
    plan = ParticipationPlan.objects.filter(procurement=procurement).values_list("k_threshold", flat=True).first()
    return plan or privacy.DEFAULT_K


def experience_surveys(procurement: Procurement) -> list[ExperienceSurvey]:
    return list(ExperienceSurvey.objects.filter(procurement=procurement).select_related("survey"))


def experience(procurement: Procurement, k: int) -> dict:
    """Scores per dimension for each round, and per phase the change between its rounds."""
    surveys = experience_surveys(procurement)
    item_of = {int(pk): code for survey in surveys for pk, code in survey.items.items()}
    counts: dict[int, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    rows = (Answer.objects.filter(question__survey__experience__procurement=procurement)
            .values_list("question__survey__experience__id", "question_id", "value").annotate(n=Count("pk")).order_by())
    for survey_id, question_id, value, n in rows:
        if question_id in item_of and isinstance(value, int):
            counts[survey_id][item_of[question_id]][value] = counts[survey_id][item_of[question_id]].get(value, 0) + n
    respondents = dict(Response.objects.filter(survey__experience__procurement=procurement)
                       .values_list("survey__experience__id").annotate(n=Count("pk")).order_by())
    rounds, by_phase = [], defaultdict(dict)
    states = round_states([survey.survey for survey in surveys], timezone.now())
    for survey in sorted(surveys, key=lambda s: (list(Phase.values).index(s.phase), list(Round.values).index(s.round))):
        # The stricter of the plan's and the survey's thresholds.
        strictest = max(k, survey.survey.k_threshold)
        # One version per round: figures that changed with every answer would tell each answer
        # by difference, so a round's scores are published once its survey has closed.
        closed = states[survey.survey_id] == PUBLISHED
        scores = evaluation.dimension_scores(counts[survey.pk], strictest) if closed else evaluation.unpublished()
        by_phase[survey.phase][evaluation.Round(survey.round)] = scores
        people = respondents.get(survey.pk, 0)
        rounds.append({
            "id": survey.pk, "survey_id": survey.survey_id, "phase": survey.phase, "phase_label": survey.get_phase_display(),
            "round": survey.round, "round_label": survey.get_round_display(), "state": states[survey.survey_id],
            "respondents": people if people == 0 or privacy.reaches_k(people, strictest) else None,
            "scores": [_score(score) for score in scores],
        })
    changes = []
    for phase, label in Phase.choices:
        if phase in by_phase:
            changes.append({"phase": phase, "phase_label": label, "dimensions": [
                {"dimension": change.dimension.value, "label": DIMENSIONS[change.dimension],
                 "rounds": [{"round": r.value, "mean": as_float(change.scores[r])} for r in evaluation.Round],
                 "change": as_float(change.change)}
                for change in evaluation.compare_rounds(by_phase[phase])
            ]})
    return {"rounds": rounds, "changes": changes, "round_labels": dict(Round.choices)}


def _score(score: evaluation.DimensionScore) -> dict:
    return {
        "dimension": score.dimension.value, "label": DIMENSIONS[score.dimension], "answers": score.answers,
        "mean": as_float(score.mean), "agree": as_percent(score.agree_share),
        "distribution": [{"value": v, "count": n} for v, n in score.distribution.items()],
        "bar": None if score.mean is None else round(float(score.mean) / 5 * 300),
        "items": [ITEM_LABELS[item.code] for item in evaluation.EXPERIENCE_ITEMS if item.dimension is score.dimension],
    }


def _row(counts: dict[str, int], labels: dict, k: int) -> dict:
    result = evaluation.counted(counts, k)
    return {"rows": [{"code": code, "label": str(labels.get(code, code)), "count": result.counts[code]} for code in counts],
            "total": result.total}


def ledger(procurement: Procurement, k: int) -> dict:
    """Who took part, in which phase, by which method and how much of it was outreach: survey
    answers and attendance at events, counted from the background given when taking part."""
    roles = dict(ProcurementRole.objects.filter(procurement=procurement).values_list("role")
                 .annotate(n=Count("user", distinct=True)).order_by())
    taking_part = []
    for model, prefix, extra, channel in HOW_TAKEN_PART:
        taking_part += list(
            model.objects.filter(Q(**{f"{prefix}procurement": procurement}) & extra).annotate(how=channel)
            .values_list(f"{prefix}phase", f"{prefix}kind", f"{prefix}setting", "target_group", "how")
            .annotate(n=Count("pk")).order_by()
        )
    by_phase, by_method, by_group = defaultdict(int), defaultdict(int), defaultdict(int)
    outreach = institutional = unstated = 0
    for phase, kind, setting, group, how, n in taking_part:
        by_phase[phase] += n
        by_method[kind] += n
        if group:
            by_group[group] += n
        else:
            unstated += n
        if evaluation.is_outreach(setting, how):
            outreach += n
        else:
            institutional += n
    labels = {**participation.target_groups(), UNSTATED: _("Did not say their target group")}
    total = outreach + institutional
    # Those who did not say are a cell of the same row: shown beside it, they would let a hidden
    # total of the groups be worked out from the number of participations.
    groups = _row({**{code: by_group[code] for code in sorted(by_group)}, **({UNSTATED: unstated} if unstated else {})},
                  labels, k)
    return {
        "roles": _row({code: roles[code] for code in RoleChoice.values if code in roles}, dict(RoleChoice.choices), k),
        "groups": groups,
        "unstated": next((row["count"] for row in groups["rows"] if row["code"] == UNSTATED), 0),
        "phases": _row({code: by_phase[code] for code in Phase.values if code in by_phase}, dict(Phase.choices), k),
        "methods": _row({code: by_method[code] for code in ActivityKind.values if code in by_method},
                        dict(ActivityKind.choices), k),
        "participations": total if total == 0 or privacy.reaches_k(total, k) else None,
        "outreach_share": as_percent(evaluation.outreach_share(outreach, institutional, k)),
    }


def participations_by_year(procurement: Procurement, k: int) -> dict[int, int | None]:
    answered = (Response.objects.filter(OWN_ANSWERS, survey__activity__procurement=procurement)
                .annotate(year=ExtractYear("answered_on")).values_list("year").annotate(n=Count("pk")).order_by())
    attended = (Registration.objects.filter(activity__procurement=procurement, attended=True, activity__starts_at__isnull=False)
                .annotate(year=ExtractYear("activity__starts_at")).values_list("year").annotate(n=Count("pk")).order_by())
    years = defaultdict(int)
    for rows in (answered, attended):
        for year, n in rows:
            years[year] += n
    # The years add up to the participations the ledger shows: a lone hidden year would be
    # their difference, so the years are suppressed as one row, with its complement.
    suppression = privacy.suppress(years, k)
    return {year: n if suppression.shows(year) else None for year, n in years.items()}


def timeline(procurement: Procurement, k: int, outcome: dict) -> list[dict]:
    """Participation and outcomes side by side per year."""
    taking_part = participations_by_year(procurement, k)
    payments = defaultdict(Decimal)
    for row in outcome["settlements"]:
        payments[row["ends_on"].year] += row["payment"]
    years = sorted(set(taking_part) | set(outcome["yearly_levels"]) | set(payments))
    return [{"year": year, "participations": taking_part.get(year), "participations_known": year in taking_part,
             "level": as_float(outcome["yearly_levels"].get(year)), "payment": payments.get(year)} for year in years]


def self_assessment_of(procurement: Procurement) -> SelfAssessment | None:
    return SelfAssessment.objects.filter(procurement=procurement).first()


def assessment(procurement: Procurement) -> dict | None:
    saved = self_assessment_of(procurement)
    if saved is None:
        return None
    labels = dict(RATINGS)
    rows = []
    for criterion in evaluation.SELF_ASSESSMENT:
        answer = saved.answers.get(criterion.code, {})
        rows.append({"code": criterion.code, "group": criterion.group.value, "text": criterion_text(criterion),
                     "rating": answer.get("rating", ""), "rating_label": labels.get(answer.get("rating", ""), ""),
                     "note": answer.get("note", "")})
    return {"rows": rows, "summary": evaluation.assessment_summary(saved.answers), "updated_at": saved.updated_at}


def missing(data: dict) -> list[str]:
    """What the report cannot show yet, in words, instead of failing."""
    gaps = []
    if not data["experience"]["rounds"]:
        gaps.append(_("No participation experience survey has been made yet."))
    elif not any(s["mean"] is not None for r in data["experience"]["rounds"] for s in r["scores"]):
        gaps.append(_("The experience surveys do not have enough answers yet to show scores."))
    if not data["ledger"]["phases"]["rows"]:
        gaps.append(_("Nobody has answered a survey or attended an event yet."))
    if not data["influence"]["insights"]["whole"]:
        gaps.append(_("No insights have been recorded from what people said."))
    if not data["influence"]["criteria"]["whole"]:
        gaps.append(_("The invitation to tender has no quality criteria yet."))
    if not data["outcomes"]["indicators"]:
        gaps.append(_("There is no contract with indicators yet."))
    elif not any(row["measurements"] for row in data["outcomes"]["indicators"]):
        gaps.append(_("No indicator values have been reported yet."))
    if data["assessment"] is None:
        gaps.append(_("The self-assessment has not been filled in yet."))
    return gaps


def report(procurement: Procurement) -> dict:
    """The public figures of one procurement's evaluation."""
    k = k_of(procurement)
    outcome = outcomes(procurement)
    data = {
        "procurement": procurement, "k": k,
        "experience": experience(procurement, k),
        "ledger": ledger(procurement, k),
        "influence": influence(procurement),
        "outcomes": outcome,
        "timeline": timeline(procurement, k, outcome),
        "assessment": assessment(procurement),
    }
    data["missing"] = missing(data)
    return data


def restricted(procurement: Procurement) -> dict:
    """What stays with the procurement's staff: the equality monitor and the experts' work."""
    plan = participation.plan_of(procurement)
    work = list(Contribution.objects.filter(activity__procurement=procurement).values_list("activity__phase")
                .annotate(hours=Sum("hours"), fees=Sum("fee"), travel=Sum("travel_cost"),
                          people=Count("person", distinct=True)).order_by())
    labels = dict(Phase.choices)
    return {
        "equality": participation.equality_monitor(procurement, plan),
        "work": [{"phase": labels.get(phase, phase), "hours": hours, "fees": fees, "travel": travel, "people": people}
                 for phase, hours, fees, travel, people in work],
        "hours": sum((row[1] for row in work), Decimal(0)), "fees": sum((row[2] for row in work), Decimal(0)),
    }

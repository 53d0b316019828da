"""One procurement's evaluation report: experience scores, who took part, the self-assessment,
and what the report cannot show yet."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from coprocure.core.models import Phase, Procurement, ProcurementRole, RoleChoice
from coprocure.core.selectors import visible_procurement
from coprocure.domain import evaluation, privacy
from coprocure.domain import ledger as ledger_rule
from coprocure.participation import publication
from coprocure.participation import selectors as participation
from coprocure.participation import services as participation_services
from coprocure.participation.models import ActivityKind, Answer, Contribution, ParticipationPlan, Response

from ..forms import RATINGS, criterion_text
from ..models import ExperienceSurvey, Round, SelfAssessment
from ._common import (
    DIMENSIONS, PUBLISHED, as_float, as_percent, outreach_of, round_states,
)
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


def _shown_row(shown: dict, labels: dict, total: int | None) -> dict:
    return {"rows": [{"code": code, "label": str(labels.get(code, code)), "count": n} for code, n in shown.items()],
            "total": total}


def _reference(procurement: Procurement) -> dict:
    plan = ParticipationPlan.objects.filter(procurement=procurement).only("reference_shares").first()
    return plan.reference_percentages() if plan else {}


def ledger(procurement: Procurement, k: int, figures: publication.Figures) -> dict:
    """Who took part, in which phase, by which method and how much of it was outreach, from
    the published counts (``participation/publication.py``). The counts per phase and group are
    decided together with the equality monitor's (``domain/ledger.py``): both pages publish
    margins of one table."""
    roles = dict(ProcurementRole.objects.filter(procurement=procurement).values_list("role")
                 .annotate(n=Count("user", distinct=True)).order_by())
    counts, unstated = figures.counts, figures.unstated
    published = ledger_rule.published(counts, unstated, _reference(procurement), k)
    labels = {**participation.target_groups(), UNSTATED: _("Did not say their target group")}
    by_group = {group for row in counts.values() for group, n in row.items() if n}
    groups = {code: published.groups[code] for code in sorted(by_group)}
    if any(unstated.values()):
        groups[UNSTATED] = published.unstated
    by_method = ledger_rule.split(figures.methods, published.phases, k)
    return {
        "roles": _row({code: roles[code] for code in RoleChoice.values if code in roles}, dict(RoleChoice.choices), k),
        "groups": _shown_row(groups, labels, published.total),
        "unstated": published.unstated if any(unstated.values()) else 0,
        "phases": _shown_row({code: published.phases[code] for code in Phase.values if code in published.phases},
                             dict(Phase.choices), published.total),
        "methods": _shown_row({code: by_method[code] for code in ActivityKind.values if code in by_method},
                              dict(ActivityKind.choices), published.total),
        "participations": published.total,
        "outreach_share": as_percent(outreach_of(figures.places, published.phases, k)),
        "phase_counts": published.phases,
        "published_at": figures.published_at,
    }


def participations_by_year(figures: publication.Figures, k: int, phases: dict[str, int | None]) -> dict[int, int | None]:
    """Participations per year, split from the ledger's phases (``phases``: the ledger's phase
    counts as published) like its methods: the years add up to the participations."""
    # Attendance at an activity without a date has no year: not shown, but it is the
    # participations minus the years, so it is protected like a hidden year.
    years = ledger_rule.split(figures.years, phases, k, unpublished=frozenset({None}))
    return {year: n for year, n in years.items() if year is not None}


def timeline(figures: publication.Figures, k: int, outcome: dict, phases: dict[str, int | None]) -> list[dict]:
    """Participation and outcomes side by side per year."""
    taking_part = participations_by_year(figures, k, phases)
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
    figures = participation_services.published([procurement.pk])[procurement.pk]
    taking_part = ledger(procurement, k, figures)
    data = {
        "procurement": procurement, "k": k,
        "experience": experience(procurement, k),
        "ledger": taking_part,
        "influence": influence(procurement),
        "outcomes": outcome,
        "timeline": timeline(figures, k, outcome, taking_part["phase_counts"]),
        "assessment": assessment(procurement),
    }
    data["missing"] = missing(data)
    return data


def restricted(procurement: Procurement) -> dict:
    """What stays with the procurement's staff: the equality monitor counted live (marked as
    not public) and the experts' work."""
    plan = participation.plan_of(procurement)
    work = list(Contribution.objects.filter(activity__procurement=procurement).values_list("activity__phase")
                .annotate(hours=Sum("hours"), fees=Sum("fee"), travel=Sum("travel_cost"),
                          people=Count("person", distinct=True)).order_by())
    labels = dict(Phase.choices)
    return {
        "equality": participation.equality_monitor(plan, publication.live_figures(procurement)),
        "work": [{"phase": labels.get(phase, phase), "hours": hours, "fees": fees, "travel": travel, "people": people}
                 for phase, hours, fees, travel, people in work],
        "hours": sum((row[1] for row in work), Decimal(0)), "fees": sum((row[2] for row in work), Decimal(0)),
    }

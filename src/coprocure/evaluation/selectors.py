"""Reads for the evaluation report: every figure counted in the database (annotate and
aggregate), a fixed number of queries however many answers, participants and measurements
there are, and the domain rules applied to the counts.

``report`` gives the public figures; ``restricted`` adds what stays with the procurement's
staff (the equality monitor's ratios and the experts' hours and fees).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coprocure.alliance.models import Statement
from coprocure.contracts.models import DevelopmentProposal, Indicator, Measurement, ProposalStatus, ProposerKind
from coprocure.core.models import Phase, Procurement, ProcurementRole, RoleChoice, TargetGroup
from coprocure.core.moderation import shown
from coprocure.domain import charts, evaluation, kra_levels, privacy
from coprocure.domain.kra_levels import Direction as DomainDirection
from coprocure.participation import selectors as participation
from coprocure.participation.models import (
    OUTREACH_SETTINGS, ActivityKind, Answer, Contribution, Insight, ParticipationPlan, Registration, Response,
)
from coprocure.tendering.models import Objective, QualityCriterion

from .models import ExperienceSurvey, Round, SelfAssessment
from .forms import RATINGS, criterion_text

DIMENSIONS = {
    evaluation.ParticipationDimension.OWN_LIFE: gettext_lazy("Participation in one's own life"),
    evaluation.ParticipationDimension.INFLUENCE: gettext_lazy("Participation in decisions about services"),
    evaluation.ParticipationDimension.COMMON_GOOD: gettext_lazy("Participation in the common good"),
}
ITEM_LABELS = {item.code: item for item in evaluation.EXPERIENCE_ITEMS}
LEVEL_LABELS = {
    "minimum": gettext_lazy("At or below the minimum"), "below_target": gettext_lazy("Below target"),
    "above_target": gettext_lazy("At or above target"), "excellent": gettext_lazy("Excellent"),
}


# Answers to the experience surveys are feedback on taking part, not taking part: counted
# with it, a hidden round's number of respondents could be worked out from the ledger.
OWN_ANSWERS = Q(survey__experience__isnull=True)
UNSTATED = "unstated"


def _float(value, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)


def _percent(value) -> float | None:
    return None if value is None else round(float(value) * 100, 1)


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
    for survey in sorted(surveys, key=lambda s: (list(Phase.values).index(s.phase), list(Round.values).index(s.round))):
        # The stricter of the plan's and the survey's thresholds.
        strictest = max(k, survey.survey.k_threshold)
        scores = evaluation.dimension_scores(counts[survey.pk], strictest)
        by_phase[survey.phase][evaluation.Round(survey.round)] = scores
        people = respondents.get(survey.pk, 0)
        rounds.append({
            "id": survey.pk, "survey_id": survey.survey_id, "phase": survey.phase, "phase_label": survey.get_phase_display(),
            "round": survey.round, "round_label": survey.get_round_display(),
            "respondents": people if people == 0 or people >= strictest else None,
            "scores": [_score(score) for score in scores],
        })
    changes = []
    for phase, label in Phase.choices:
        if phase in by_phase:
            changes.append({"phase": phase, "phase_label": label, "dimensions": [
                {"dimension": change.dimension.value, "label": DIMENSIONS[change.dimension],
                 "rounds": [{"round": r.value, "mean": _float(change.scores[r])} for r in evaluation.Round],
                 "change": _float(change.change)}
                for change in evaluation.compare_rounds(by_phase[phase])
            ]})
    return {"rounds": rounds, "changes": changes, "round_labels": dict(Round.choices)}


def _score(score: evaluation.DimensionScore) -> dict:
    return {
        "dimension": score.dimension.value, "label": DIMENSIONS[score.dimension], "answers": score.answers,
        "mean": _float(score.mean), "agree": _percent(score.agree_share),
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
    for model, prefix, extra in ((Response, "survey__activity__", OWN_ANSWERS), (Registration, "activity__", Q(attended=True))):
        taking_part += list(
            model.objects.filter(Q(**{f"{prefix}procurement": procurement}) & extra)
            .values_list(f"{prefix}phase", f"{prefix}kind", f"{prefix}setting", "target_group")
            .annotate(n=Count("pk")).order_by()
        )
    by_phase, by_method, by_group = defaultdict(int), defaultdict(int), defaultdict(int)
    outreach = institutional = unstated = 0
    for phase, kind, setting, group, n in taking_part:
        by_phase[phase] += n
        by_method[kind] += n
        if group:
            by_group[group] += n
        else:
            unstated += n
        if setting in OUTREACH_SETTINGS:
            outreach += n
        else:
            institutional += n
    labels = {group.code: group for group in TargetGroup.objects.all()}
    labels[UNSTATED] = _("Did not say their target group")
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
        "outreach_share": _percent(evaluation.outreach_share(outreach, institutional, k)),
    }


def influence(procurement: Procurement) -> dict:
    """The influence trail: each share with the records behind it, for the trail page."""
    insights = list(
        Insight.objects.filter(procurement=procurement)
        .annotate(became=Exists(Objective.objects.filter(insights=OuterRef("pk"))))
        .only("pk", "statement", "plain_summary", "status").order_by("created_at", "id")
    )
    criteria = list(
        QualityCriterion.objects.filter(tender__procurement=procurement)
        .annotate(traces=Exists(Objective.objects.filter(criteria=OuterRef("pk"), insights__isnull=False)))
        .order_by("ordering", "id")
    )
    proposals = list(
        DevelopmentProposal.objects.filter(contract__procurement=procurement)
        .only("pk", "text", "redactions", "proposer_kind", "status", "contract_id").order_by("submitted_on", "id")
    )
    insight_share = evaluation.count_share((i.pk, i.became) for i in insights)
    weight_share = evaluation.weight_share((c.pk, c.weight, c.traces) for c in criteria)
    proposal_share = evaluation.adopted_share((p.pk, p.proposer_kind, p.status) for p in proposals)
    user_proposals = [p for p in proposals if p.proposer_kind in evaluation.USER_PROPOSERS]
    for proposal in user_proposals:
        proposal.shown_text = public_proposal_text(proposal)
    return {
        "insights": {**_share(insight_share), "items": insights},
        "criteria": {**_share(weight_share), "items": criteria},
        "proposals": {**_share(proposal_share), "items": user_proposals,
                      "kinds": dict(ProposerKind.choices), "statuses": dict(ProposalStatus.choices)},
    }


def _share(share: evaluation.Share) -> dict:
    return {"part": share.part, "whole": share.whole, "percent": _percent(share.value),
            "included": set(share.included)}


def public_proposal_text(proposal: DevelopmentProposal) -> str | None:
    """A proposal's text once it has been considered (the public trail shows those); a new one
    is counted but not quoted."""
    return None if proposal.status == ProposalStatus.NEW else shown(proposal.text, proposal.redactions)


def outcomes(procurement: Procurement) -> dict:
    """Each indicator's level over time (yearly average of its values' levels), its latest
    level, a chart of its values, and the approved settlement statements."""
    indicators = list(Indicator.objects.filter(kra__contract__procurement=procurement)
                      .select_related("kra").order_by("kra__contract_id", "kra__ordering", "kra_id", "id"))
    values = defaultdict(list)
    for indicator_id, start, value in (Measurement.objects.filter(indicator__kra__contract__procurement=procurement)
                                       .values_list("indicator_id", "period_start", "value")
                                       .order_by("indicator_id", "period_start")):
        values[indicator_id].append((start, value))
    rows, yearly = [], defaultdict(list)
    for indicator in indicators:
        rules = kra_levels.Kra(str(indicator.kra_id), indicator.kra.weight, DomainDirection(indicator.direction),
                               indicator.minimum, indicator.target, indicator.excellent)
        series = values[indicator.pk]
        levels = [(start, kra_levels.kra_level(rules, value)) for start, value in series]
        years = defaultdict(list)
        for start, level in levels:
            years[start.year].append(level)
            yearly[start.year].append(level)
        latest = levels[-1][1] if levels else None
        rows.append({
            "indicator": indicator, "kra": indicator.kra, "measurements": len(series),
            "latest_value": series[-1][1] if series else None,
            "latest_level": _float(latest), "latest_label": LEVEL_LABELS[kra_levels.level_band(latest)] if latest is not None else "",
            "years": [{"year": year, "level": _float(sum(ls) / len(ls))} for year, ls in sorted(years.items())],
            "chart": charts.line_chart([v for _s, v in series], {
                "minimum": indicator.minimum, "target": indicator.target, "excellent": indicator.excellent,
            }) if series else None,
            "first": series[0][0] if series else None, "last": series[-1][0] if series else None,
        })
    statements = (Statement.objects.filter(period__contract__procurement=procurement, replaced_by__isnull=True)
                  .select_related("period").order_by("period__starts_on", "id"))
    settlements = [{
        "period": statement.period.label, "starts_on": statement.period.starts_on, "ends_on": statement.period.ends_on,
        "target_cost": Decimal(statement.document["model"]["target_cost"]),
        "actual_cost": Decimal(statement.document["actual_cost"]), "kra_score": Decimal(statement.document["kra_score"]),
        "payment": Decimal(statement.document["payment"]),
    } for statement in statements]
    return {"indicators": rows, "settlements": settlements,
            "yearly_levels": {year: sum(ls) / len(ls) for year, ls in yearly.items()}}


def participations_by_year(procurement: Procurement, k: int) -> dict[int, int | None]:
    answered = (Response.objects.filter(OWN_ANSWERS, survey__activity__procurement=procurement)
                .annotate(year=ExtractYear("answered_on")).values_list("year").annotate(n=Count("pk")).order_by())
    attended = (Registration.objects.filter(activity__procurement=procurement, attended=True, activity__starts_at__isnull=False)
                .annotate(year=ExtractYear("activity__starts_at")).values_list("year").annotate(n=Count("pk")).order_by())
    years = defaultdict(int)
    for rows in (answered, attended):
        for year, n in rows:
            years[year] += n
    return {year: n if privacy.reaches_k(n, k) else None for year, n in years.items()}


def timeline(procurement: Procurement, k: int, outcome: dict) -> list[dict]:
    """Participation and outcomes side by side per year."""
    taking_part = participations_by_year(procurement, k)
    payments = defaultdict(Decimal)
    for row in outcome["settlements"]:
        payments[row["ends_on"].year] += row["payment"]
    years = sorted(set(taking_part) | set(outcome["yearly_levels"]) | set(payments))
    return [{"year": year, "participations": taking_part.get(year), "participations_known": year in taking_part,
             "level": _float(outcome["yearly_levels"].get(year)), "payment": payments.get(year)} for year in years]


def assessment(procurement: Procurement) -> dict | None:
    saved = SelfAssessment.objects.filter(procurement=procurement).first()
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


def comparable(authority_id: int | None = None) -> list[Procurement]:
    """Public procurements, of one authority or of all."""
    qs = Procurement.objects.filter(is_public=True).select_related("authority").order_by("authority__name", "id")
    return list(qs.filter(authority_id=authority_id) if authority_id else qs)


def compare(procurements: list[Procurement]) -> list[dict]:
    """The headline public figures of many procurements side by side, counted for all of them
    at once (the number of queries does not grow with the number of procurements). Each
    procurement's own threshold k applies to its own figures."""
    ids = [p.pk for p in procurements]
    ks = dict(ParticipationPlan.objects.filter(procurement_id__in=ids).values_list("procurement_id", "k_threshold"))
    taking_part = defaultdict(lambda: [0, 0])  # procurement → [outreach, institutional]
    for model, prefix, extra in ((Response, "survey__activity__", OWN_ANSWERS), (Registration, "activity__", Q(attended=True))):
        for pk, setting, n in (model.objects.filter(Q(**{f"{prefix}procurement_id__in": ids}) & extra)
                               .values_list(f"{prefix}procurement_id", f"{prefix}setting").annotate(n=Count("pk")).order_by()):
            taking_part[pk][0 if setting in OUTREACH_SETTINGS else 1] += n
    insights = defaultdict(list)
    for pk, insight, became in (Insight.objects.filter(procurement_id__in=ids)
                                .annotate(became=Exists(Objective.objects.filter(insights=OuterRef("pk"))))
                                .values_list("procurement_id", "pk", "became")):
        insights[pk].append((insight, became))
    criteria = defaultdict(list)
    for pk, criterion, weight, traces in (
        QualityCriterion.objects.filter(tender__procurement_id__in=ids)
        .annotate(traces=Exists(Objective.objects.filter(criteria=OuterRef("pk"), insights__isnull=False)))
        .values_list("tender__procurement_id", "pk", "weight", "traces")
    ):
        criteria[pk].append((criterion, weight, traces))
    proposals = defaultdict(list)
    for pk, proposal, kind, status in (DevelopmentProposal.objects.filter(contract__procurement_id__in=ids)
                                       .values_list("contract__procurement_id", "pk", "proposer_kind", "status")):
        proposals[pk].append((proposal, kind, status))
    experience = _experience_means(ids, ks)
    rows = []
    for procurement in procurements:
        k = ks.get(procurement.pk, privacy.DEFAULT_K)
        outreach, institutional = taking_part[procurement.pk]
        total = outreach + institutional
        rows.append({
            "procurement": procurement, "k": k,
            "participations": total if total == 0 or privacy.reaches_k(total, k) else None,
            "outreach_share": _percent(evaluation.outreach_share(outreach, institutional, k)),
            "insights": _percent(evaluation.count_share(insights[procurement.pk]).value),
            "criteria": _percent(evaluation.weight_share(criteria[procurement.pk]).value),
            "proposals": _percent(evaluation.adopted_share(proposals[procurement.pk]).value),
            "experience": [{"dimension": d.value, "label": DIMENSIONS[d], "mean": experience[procurement.pk].get(d)}
                           for d in evaluation.ParticipationDimension],
        })
    return rows


def _experience_means(ids: list[int], ks: dict) -> dict:
    """Each procurement's dimension means over the rounds whose own score is shown. A hidden
    round is left out altogether: pooled with shown rounds it could be worked out by difference."""
    item_of, survey_k = {}, {}
    for survey in ExperienceSurvey.objects.filter(procurement_id__in=ids).select_related("survey"):
        survey_k[survey.pk] = survey.survey.k_threshold
        item_of.update({int(pk): code for pk, code in survey.items.items()})
    counts = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))  # procurement → survey → item → value → n
    for pk, survey_id, question_id, value, n in (
        Answer.objects.filter(question__survey__experience__procurement_id__in=ids)
        .values_list("question__survey__experience__procurement_id", "question__survey__experience__id", "question_id", "value")
        .annotate(n=Count("pk")).order_by()
    ):
        if question_id in item_of and isinstance(value, int):
            per_item = counts[pk][survey_id][item_of[question_id]]
            per_item[value] = per_item.get(value, 0) + n
    result = defaultdict(dict)
    for pk, surveys in counts.items():
        k = ks.get(pk, privacy.DEFAULT_K)
        for dimension in evaluation.ParticipationDimension:
            codes = [item.code for item in evaluation.EXPERIENCE_ITEMS if item.dimension is dimension]
            pooled: dict[str, dict[int, int]] = defaultdict(dict)
            for survey_id, per_item in surveys.items():
                score = next(s for s in evaluation.dimension_scores(per_item, max(k, survey_k[survey_id]))
                             if s.dimension is dimension)
                if score.mean is not None:
                    for code in codes:
                        for value, n in per_item.get(code, {}).items():
                            pooled[code][value] = pooled[code].get(value, 0) + n
            score = next(s for s in evaluation.dimension_scores(pooled, k) if s.dimension is dimension)
            result[pk][dimension] = _float(score.mean)
    return result

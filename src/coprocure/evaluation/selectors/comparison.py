"""Public procurements' headline figures side by side."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from coprocure.contracts.models import DevelopmentProposal
from coprocure.core.models import Organisation, Procurement
from coprocure.domain import evaluation, privacy
from coprocure.domain import ledger as ledger_rule
from coprocure.participation import services as participation
from coprocure.participation.models import Answer, Insight, ParticipationPlan
from coprocure.tendering.models import Objective, QualityCriterion

from ..models import ExperienceSurvey
from ._common import (
    DIMENSIONS, PUBLISHED, as_float, as_percent, outreach_of, round_states,
)


def authorities_with_public_procurements():
    return Organisation.objects.filter(procurements__is_public=True).distinct().order_by("name")


def comparable(authority_id: int | None = None) -> list[Procurement]:
    """Public procurements, of one authority or of all."""
    qs = Procurement.objects.filter(is_public=True).select_related("authority").order_by("authority__name", "id")
    return list(qs.filter(authority_id=authority_id) if authority_id else qs)


def compare(procurements: list[Procurement]) -> list[dict]:
    """The headline public figures of many procurements side by side, from their published
    counts, read for all of them at once (the number of queries does not grow with the number
    of procurements). Each procurement's own threshold k applies to its own figures."""
    ids = [p.pk for p in procurements]
    plans = {pk: (k, shares) for pk, k, shares in ParticipationPlan.objects.filter(procurement_id__in=ids)
             .values_list("procurement_id", "k_threshold", "reference_shares")}
    ks = {pk: k for pk, (k, _shares) in plans.items()}
    published = participation.published(ids)
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
        # The same figures as the procurement's own ledger, decided the same way.
        figures = published[procurement.pk]
        reference = {code: Decimal(value) for code, value in plans.get(procurement.pk, (k, {}))[1].items()}
        taking_part = ledger_rule.published(figures.counts, figures.unstated, reference, k)
        rows.append({
            "procurement": procurement, "k": k,
            "participations": taking_part.total,
            "outreach_share": as_percent(outreach_of(figures.places, taking_part.phases, k)),
            "insights": as_percent(evaluation.count_share(insights[procurement.pk]).value),
            "criteria": as_percent(evaluation.weight_share(criteria[procurement.pk]).value),
            "proposals": as_percent(evaluation.adopted_share(proposals[procurement.pk]).value),
            "experience": [{"dimension": d.value, "label": DIMENSIONS[d], "mean": experience[procurement.pk].get(d)}
                           for d in evaluation.ParticipationDimension],
        })
    return rows


def _experience_means(ids: list[int], ks: dict) -> dict:
    """Each procurement's dimension means over the rounds whose own score is shown. A hidden
    round is left out altogether: pooled with shown rounds it could be worked out by difference."""
    item_of, survey_k = {}, {}
    surveys = list(ExperienceSurvey.objects.filter(procurement_id__in=ids).select_related("survey"))
    states = round_states([survey.survey for survey in surveys], timezone.now())
    for survey in surveys:
        if states[survey.survey_id] != PUBLISHED:
            continue  # a round that publishes nothing (see report.experience)
        survey_k[survey.pk] = survey.survey.k_threshold
        item_of.update({int(pk): code for pk, code in survey.items.items()})
    counts = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))  # procurement → survey → item → value → n
    for pk, survey_id, question_id, value, n in (
        Answer.objects.filter(question__survey__experience__procurement_id__in=ids)
        .values_list("question__survey__experience__procurement_id", "question__survey__experience__id", "question_id", "value")
        .annotate(n=Count("pk")).order_by()
    ):
        if question_id in item_of and survey_id in survey_k and isinstance(value, int):
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
            result[pk][dimension] = as_float(score.mean)
    return result

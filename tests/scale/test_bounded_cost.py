"""Bounded cost per page: the number of SQL queries a page makes does not grow with the data,
neither with more procurements, providers and answers elsewhere nor with more rows of its own."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coprocure.alliance.models import CostLine, CostStatus
from coprocure.contracts.models import Indicator, Measurement
from coprocure.generate.data import generate, t
from coprocure.generate.scales import SCALES
from coprocure.participation.models import Answer, Insight, Response
from coprocure.tendering import sealing
from coprocure.tendering.models import Bid, Objective, QualityCriterion

from coprocure.generate.pages import most_visited, subject

pytestmark = pytest.mark.django_db


def query_counts(client, pages: dict[str, str]) -> dict[str, int]:
    counts = {}
    for name, path in pages.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(queries)
    return counts


def grow(procurement, survey, contract, period) -> None:
    """Many more rows of the page's own kinds, for the same procurement."""
    questions = list(survey.questions.all())
    responses = Response.objects.bulk_create([
        Response(survey=survey, mode=survey.mode, answered_on=date.today(), target_group="older_people", age_band="75_plus",
                 participant=None if survey.mode == "anonymous" else procurement.accountable_official)
        for _n in range(40)])
    Answer.objects.bulk_create([Answer(response=r, question=questions[0], value=3) for r in responses]
                               + [Answer(response=r, question=questions[1], value=["1", "3"]) for r in responses])
    insights = Insight.objects.bulk_create([
        Insight(procurement=procurement, statement=t(f"Uusi havainto {n}", f"Ny insikt {n}", f"New insight {n}"),
                excerpts=["Lisää apua"], activity=survey.activity, question=questions[n % 3]) for n in range(15)])
    objectives = Objective.objects.bulk_create([
        Objective(procurement=procurement, statement=t(f"Tavoite {n}", f"Mål {n}", f"Objective {n}")) for n in range(6)])
    for objective, insight in zip(objectives, insights, strict=False):
        objective.insights.add(insight)
    tender = procurement.tender
    for n, objective in enumerate(objectives):
        QualityCriterion.objects.create(tender=tender, name=t(f"Peruste {n}", f"Grund {n}", f"Criterion {n}"),
                                        weight=Decimal("0"), ordering=10 + n).objectives.add(objective)
    lead = Bid.objects.filter(tender=tender).first()
    for n in range(6):
        bid = Bid.objects.create(tender=tender, lead=lead.lead, submitted_by=lead.submitted_by,
                                 submitted_at=lead.submitted_at, sealed_content=b"", price=Decimal(1000 + n), answers={})
        bid.sealed_content = sealing.seal(bytes(tender.public_key), tender.pk, bid.pk, {"price": str(bid.price), "answers": {}})
        bid.save(update_fields=["sealed_content"])
    for indicator in Indicator.objects.filter(kra__contract=contract):
        last = indicator.measurements.order_by("-period_start").values_list("period_start", flat=True).first() or contract.starts_on
        Measurement.objects.bulk_create([
            Measurement(indicator=indicator, period_start=last + timedelta(days=40 * (n + 1)),
                        period_end=last + timedelta(days=40 * (n + 1) + 27), value=Decimal("70"), source="api")
            for n in range(8)])
    party = CostLine.objects.filter(period=period).first().party
    CostLine.objects.bulk_create([CostLine(period=period, party=party, amount=Decimal("100"), category="Matkat",
                                           evidence=f"Lasku {n}", status=CostStatus.APPROVED) for n in range(30)])


def test_the_most_visited_pages_make_as_many_queries_at_both_sizes(client, reference_data):
    generate(SCALES["small"], seed=21)
    procurement, survey, contract, period = subject()
    pages = most_visited(procurement, survey, contract, period)
    official = procurement.accountable_official
    small = {"anonymous": query_counts(client, {k: v for k, v in pages.items() if k != "survey results"})}
    client.force_login(official)
    small["official"] = query_counts(client, pages)

    generate(SCALES["small"], seed=22)
    grow(procurement, survey, contract, period)
    client.logout()
    larger = {"anonymous": query_counts(client, {k: v for k, v in pages.items() if k != "survey results"})}
    client.force_login(official)
    larger["official"] = query_counts(client, pages)
    assert larger == small

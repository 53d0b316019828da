"""The report's figures are counted from the records, and small groups stay hidden in every
output: the page, the PDF, the CSV, the JSON, the API and the OCDS export."""

import csv
import io
import json
import subprocess
from decimal import Decimal
from fractions import Fraction

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coprocure.contracts.models import DevelopmentProposal, Measurement
from coprocure.domain import kra_levels
from coprocure.evaluation import selectors
from coprocure.participation import services as participation
from coprocure.participation.models import Answer, Insight, Response, Survey
from coprocure.tendering.models import QualityCriterion

from ..factories import text
from .conftest import answer_round, close_round, more_answers, report_pdf


def figures(client, procurement) -> dict:
    response = client.get(f"/api/v1/procurements/{procurement.pk}/evaluation")
    assert response.status_code == 200
    return response.json()


def test_the_influence_figures_are_the_shares_of_the_records(client, world):
    data = figures(client, world.procurement)
    insights = Insight.objects.filter(procurement=world.procurement)
    became = insights.filter(objectives__isnull=False).distinct().count()
    assert data["influence"]["insights"] == {
        "part": str(became), "whole": str(insights.count()), "percent": round(became / insights.count() * 100, 1),
    }
    criteria = QualityCriterion.objects.filter(tender__procurement=world.procurement)
    traced = sum((c.weight for c in criteria if c.objectives.filter(insights__isnull=False).exists()), Decimal(0))
    whole = sum((c.weight for c in criteria), Decimal(0))
    assert Decimal(data["influence"]["criteria"]["part"]) == traced
    assert Decimal(data["influence"]["criteria"]["whole"]) == whole
    from_users = DevelopmentProposal.objects.filter(contract__procurement=world.procurement,
                                                    proposer_kind__in=["service_user", "relative", "client_representative"])
    assert data["influence"]["proposals"]["part"] == str(from_users.filter(status="adopted").count())
    assert data["influence"]["proposals"]["whole"] == str(from_users.count())


def test_the_experience_scores_are_the_means_of_the_stored_answers(client, world):
    data = figures(client, world.procurement)
    [before] = [r for r in data["experience"] if r["round"] == "before"]
    assert before["respondents"] == Response.objects.filter(survey=world.before.survey).count()
    for dimension in before["dimensions"]:
        codes = {code for code, item in _items().items() if item == dimension["dimension"]}
        questions = [int(pk) for pk, code in world.before.items.items() if code in codes]
        values = list(Answer.objects.filter(question_id__in=questions).values_list("value", flat=True))
        assert dimension["answers"] == len(values)
        assert dimension["mean"] == round(float(Fraction(sum(values), len(values))), 2)


def _items():
    from coprocure.domain.evaluation import EXPERIENCE_ITEMS
    return {item.code: item.dimension.value for item in EXPERIENCE_ITEMS}


def test_indicator_levels_are_worked_out_from_the_measurements(client, world):
    data = figures(client, world.procurement)
    [indicator] = data["outcomes"]["indicators"]
    values = list(Measurement.objects.filter(indicator=world.indicator).order_by("period_start").values_list("period_start", "value"))
    rules = kra_levels.Kra("k", Decimal(1), kra_levels.Direction.HIGHER_IS_BETTER, Decimal(70), Decimal(80), Decimal(90))
    assert indicator["measurements"] == len(values)
    assert indicator["latest_level"] == float(kra_levels.kra_level(rules, values[-1][1]))
    for year in indicator["years"]:
        levels = [kra_levels.kra_level(rules, v) for start, v in values if start.year == year["year"]]
        assert year["level"] == round(float(sum(levels) / len(levels)), 2)


def test_a_round_of_three_people_is_hidden_everywhere(client, world):
    data = figures(client, world.procurement)
    [after] = [r for r in data["experience"] if r["round"] == "after"]
    assert after["respondents"] is None
    assert all(d["mean"] is None and d["answers"] is None for d in after["dimensions"])
    assert all(n is None for d in after["dimensions"] for n in d["distribution"].values())
    # A change between rounds would reveal the hidden round.
    assert all(change["change"] is None for change in data["experience_changes"])
    # The relatives' two answers are a small group in the ledger too.
    assert data["ledger"]["target_groups"]["counts"]["relatives"] is None
    assert data["ledger"]["target_groups"]["counts"]["older_people"] is None  # complementary suppression

    page = client.get(f"/en/procurements/{world.procurement.pk}/evaluation/").content.decode()
    assert "Before the phase" in page and "After the phase" in page
    assert "hidden: too few answers" in page

    rows = list(csv.reader(io.StringIO(client.get(f"/procurements/{world.procurement.pk}/evaluation/figures.csv").content.decode())))
    by_figure = dict(rows[1:])
    assert by_figure["ledger.target_groups.counts.relatives"] == ""
    assert by_figure["experience[1].respondents"] == ""
    downloaded = json.loads(client.get(f"/procurements/{world.procurement.pk}/evaluation/figures.json").content)
    assert downloaded["experience"] == data["experience"]

    pdf = report_pdf(client, f"/en/procurements/{world.procurement.pk}/evaluation/report.pdf")
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "Evaluation report" in text and "hidden: too few answers" in text


def test_a_round_shows_once_enough_people_answer_and_it_has_closed(client, world, official):
    from coprocure.evaluation import services
    during = services.create_experience_survey(official, world.procurement, "preparation", "during")
    answer_round(during, [4, 5, 4, 5, 5])
    close_round(official, during)
    data = figures(client, world.procurement)
    [shown] = [r for r in data["experience"] if r["round"] == "during"]
    assert shown["respondents"] == 5
    assert all(d["mean"] is not None for d in shown["dimensions"])
    assert all(change["change"] is not None for change in data["experience_changes"])


def test_a_round_opened_again_after_closing_is_no_longer_published(client, world, official):
    more_answers(official, world.after, [5, 5])
    data = figures(client, world.procurement)
    [after] = [r for r in data["experience"] if r["round"] == "after"]
    assert all(d["mean"] is None and d["answers"] is None for d in after["dimensions"])
    more_answers(official, world.before, [5])
    data = figures(client, world.procurement)
    assert all(d["mean"] is None for r in data["experience"] for d in r["dimensions"])
    page = client.get(f"/en/procurements/{world.procurement.pk}/evaluation/").content.decode()
    assert "no longer published" in page


def test_a_procurement_without_data_says_what_is_missing(client, procurement):
    page = client.get(f"/en/procurements/{procurement.pk}/evaluation/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "What is still missing" in text
    assert "No participation experience survey has been made yet." in text
    assert "The self-assessment has not been filled in yet." in text
    assert figures(client, procurement)["missing"]
    assert report_pdf(client, f"/procurements/{procurement.pk}/evaluation/report.pdf").startswith(b"%PDF")


def test_the_report_takes_the_same_number_of_queries_however_much_data(client, world, official):
    selectors.report(world.procurement)  # the first read makes the first publication of the counts
    with CaptureQueriesContext(connection) as few:
        selectors.report(world.procurement)
    more_answers(official, world.before, [3] * 20, "older_people")
    with CaptureQueriesContext(connection) as many:
        selectors.report(world.procurement)
    assert len(many) == len(few)


def test_the_ledger_counts_taking_part_but_not_the_experience_surveys(client, world):
    ledger = figures(client, world.procurement)["ledger"]
    taking_part = Response.objects.filter(survey__activity__procurement=world.procurement, survey__experience__isnull=True)
    assert ledger["participations"] == taking_part.count() == 8
    assert ledger["phases"]["counts"] == {"preparation": 8}
    # The drop-in's survey was answered online: going nowhere, that is not outreach.
    assert ledger["outreach_percent"] == 0.0
    assert ledger["methods"]["counts"] == {"survey": 8}


def test_outreach_is_answering_where_people_are_never_online(client, world, official):
    drop_in = Survey.objects.get(activity__procurement=world.procurement, activity__setting="drop_in")
    question = drop_in.questions.get()
    for _ in range(6):  # staff at the drop-in help six people answer there
        participation.submit_response(drop_in, {question.key: 3}, channel="assisted", entered_by=official)
    online = participation.create_activity(official, world.procurement, {
        "kind": "survey", "phase": "preparation", "title": text("Verkkokysely"), "setting": "online"})
    assert not online.is_outreach
    survey = participation.create_survey(official, online, {"title": text("Verkossa"), "mode": "anonymous"})
    asked = participation.add_question(official, survey, {"kind": "likert", "text": text("Miten meni?"), "required": True})
    for _ in range(6):
        participation.submit_response(survey, {asked.key: 4})
    ledger = figures(client, world.procurement)["ledger"]
    assert ledger["participations"] == 20
    assert ledger["outreach_percent"] == 30.0  # the six assisted answers of twenty
    public = client.get(f"/en/procurements/{world.procurement.pk}/participation/").content.decode()
    assert public.count("We come to you") == 1  # the drop-in, not the online survey


def test_the_staff_see_the_equality_monitor_and_expert_pay_and_the_public_does_not(client, world, official):
    public = client.get(f"/en/procurements/{world.procurement.pk}/evaluation/").content.decode()
    assert "For the procurement's staff only" not in public
    client.force_login(official)
    staff = client.get(f"/en/procurements/{world.procurement.pk}/evaluation/").content.decode()
    assert "For the procurement's staff only" in staff and "Equality monitor" in staff


def test_every_influence_figure_leads_to_its_records(client, world):
    page = client.get(f"/en/procurements/{world.procurement.pk}/evaluation/").content.decode()
    trail_url = f"/en/procurements/{world.procurement.pk}/evaluation/trail/"
    for anchor in ("insights", "criteria", "proposals"):
        assert f'{trail_url}#{anchor}"' in page
    trail = client.get(trail_url).content.decode()
    for insight in Insight.objects.filter(procurement=world.procurement):
        assert f"#insight-{insight.pk}" in trail
    for criterion in QualityCriterion.objects.filter(tender__procurement=world.procurement):
        assert f'id="criterion-{criterion.pk}"' in trail
    staff_proposal = DevelopmentProposal.objects.get(proposer_kind="staff")
    assert f'id="proposal-{staff_proposal.pk}"' not in trail
    assert "Ilta-aukiolo" in trail and "A new proposal, not yet considered" in trail


def test_the_comparison_shows_public_procurements_only(client, world, official):
    from .. import factories
    private = factories.create_procurement(official, is_public=False)
    rows = client.get(f"/api/v1/evaluation/compare?authority={world.procurement.authority_id}").json()
    ids = [row["procurement"] for row in rows]
    assert world.procurement.pk in ids and private.pk not in ids
    page = client.get("/en/evaluation/compare/").content.decode()
    assert f"/procurements/{world.procurement.pk}/evaluation/" in page


def test_those_who_did_not_say_are_suppressed_with_the_target_groups(client, official, procurement, reference_data):
    from coprocure.participation import services as participation

    from ..factories import text
    activity = participation.create_activity(official, procurement, {
        "kind": "survey", "phase": "preparation", "title": text("Kysely"), "setting": "online"})
    survey = participation.create_survey(official, activity, {"title": text("Kysely"), "mode": "anonymous"})
    question = participation.add_question(official, survey, {"kind": "likert", "text": text("Miten?"), "required": True})
    for group in ["older_people"] * 3 + [""] * 6:
        participation.submit_response(survey, {question.key: 3}, background={"target_group": group})
    ledger = figures(client, procurement)["ledger"]
    assert ledger["participations"] == 9
    # Shown, the six who did not say would give the three older people away (9 − 6).
    assert ledger["target_groups"]["counts"] == {"older_people": None, "unstated": None}
    assert ledger["unstated_target_group"] is None

"""The attacker with both public pages: the equality monitor (its public API carries the page's
figures) and the evaluation's ledger (the JSON that the page, the PDF, the CSV and the API
carry), read for the same procurement and solved together for every hidden count."""

from coprocure.evaluation import selectors
from coprocure.evaluation import services as evaluation
from coprocure.participation import services as participation
from coprocure.participation.models import Activity

from ..domain.counts_attacker import Pages, attack
from ..factories import text
from .conftest import answer_round, close_round


def answers(official, procurement, phase: str, kind: str, setting: str, groups: dict[str, int]) -> None:
    activity = participation.create_activity(official, procurement, {
        "kind": kind, "phase": phase, "title": text("Kysely"), "setting": setting})
    survey = participation.create_survey(official, activity, {"title": text("Kysely"), "mode": "anonymous"})
    question = participation.add_question(official, survey, {"kind": "likert", "text": text("Miten?"), "required": True})
    for group, times in groups.items():
        for _ in range(times):
            participation.submit_response(survey, {question.key: 4}, background={"target_group": group})


def read(client, procurement) -> Pages:
    """Everything the two pages publish, as the attacker reads it."""
    monitor = client.get(f"/api/v1/procurements/{procurement.pk}/equality").json()
    ledger = client.get(f"/api/v1/procurements/{procurement.pk}/evaluation").json()["ledger"]

    def row(view):
        return {"groups": {g["code"]: g["participants"] for g in view["groups"]}, "total": view["total"],
                "unstated": view["unstated"]}

    # The list of activities is public: which phase holds which kind of activity, and when.
    kinds = set(Activity.objects.filter(procurement=procurement, surveys__experience__isnull=True)
                .values_list("phase", "kind"))
    years = {year: row["participations"] for row in selectors.report(procurement)["timeline"]
             if (year := row["year"]) and row["participations_known"]}
    return Pages(
        monitor_phases={p["phase"]: row(p) for p in monitor["phases"]}, monitor_overall=row(monitor["overall"]),
        ledger_phases=ledger["phases"]["counts"],
        ledger_groups={g: n for g, n in ledger["target_groups"]["counts"].items() if g != "unstated"},
        ledger_unstated=ledger["unstated_target_group"], ledger_total=ledger["participations"],
        splits={"methods": (ledger["methods"]["counts"], kinds),
                "years": (years, {(phase, year) for phase, _kind in kinds for year in years})},
    )


def test_no_hidden_count_is_solved_from_both_pages_together(client, official, procurement, reference_data):
    participation.save_plan(official, procurement, {
        "aims": ["better_services"], "participant_roles": text("Asiakkaat"), "methods": text("Kysely"),
        "phases": ["preparation", "contract"], "k_threshold": 5,
        "reference_shares": {"older_people": "50", "relatives": "20", "immigrants": "30"}})
    # Three people did not say their group: with the monitor's 20 who did, the ledger's 23
    # participations of the phase gave them away.
    answers(official, procurement, "preparation", "survey", "drop_in", {"older_people": 14, "relatives": 6, "": 3})
    # Three older people and six who did not say: the ledger's nine minus the monitor's six.
    answers(official, procurement, "contract", "customer_panel", "online", {"older_people": 3, "": 6})
    answers(official, procurement, "contract", "co_design", "service_centre", {"immigrants": 8})
    # The experience survey's answers are feedback, on neither page: a round of two people.
    round_ = evaluation.create_experience_survey(official, procurement, "preparation", "after")
    answer_round(round_, [4, 5], "immigrants")
    close_round(official, round_)
    pages = read(client, procurement)
    hidden = [n for n in [*pages.ledger_phases.values(), *pages.ledger_groups.values(), pages.ledger_unstated,
                          *pages.monitor_overall["groups"].values()] if n is None]
    assert hidden, "the procurement must hide some counts, or the attack proves nothing"
    assert attack(pages) == {}
    # One basis: the monitor counts what the ledger counts, the round's two answers on neither.
    assert pages.monitor_phases["preparation"]["groups"]["immigrants"] == 0
    assert pages.monitor_phases["preparation"]["total"] == 20


def test_the_comparison_shows_the_ledgers_own_figures(client, official, procurement, reference_data):
    answers(official, procurement, "preparation", "survey", "drop_in", {"older_people": 14, "relatives": 6, "": 3})
    ledger = client.get(f"/api/v1/procurements/{procurement.pk}/evaluation").json()["ledger"]
    assert ledger["participations"] is None and ledger["phases"]["counts"] == {"preparation": None}
    # The outreach share of a hidden number of participations would narrow it down.
    assert ledger["outreach_percent"] is None
    [row] = [row for row in client.get("/api/v1/evaluation/compare").json() if row["procurement"] == procurement.pk]
    assert row["participations"] is None and row["outreach_percent"] is None

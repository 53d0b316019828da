"""The attacker against the real outputs: every experience score the report publishes (the
JSON that the page, the PDF, the CSV and the API show) is solved for its hidden counts, also
with the round's earlier version, and no hidden count may be pinned down."""

import csv
import io

from coprocure.domain.evaluation import EXPERIENCE_ITEMS

from ..adversary import LIKERT, hidden_cells, solve
from .conftest import answer_round, close_round, more_answers


def figures(client, procurement) -> dict:
    return client.get(f"/api/v1/procurements/{procurement.pk}/evaluation").json()


def scores(data: dict) -> dict:
    """(phase, round, dimension) → the figures as the attacker reads them."""
    return {(r["phase"], r["round"], d["dimension"]): {
        "answers": d["answers"], "mean": d["mean"], "agree": d["agree_percent"],
        "distribution": {int(v): n for v, n in d["distribution"].items()}}
        for r in data["experience"] for d in r["dimensions"]}


def items_of(dimension: str) -> int:
    return sum(1 for item in EXPERIENCE_ITEMS if item.dimension.value == dimension)


def assert_nothing_pinned(versions: list[dict], added: list[int]) -> int:
    attacked = 0
    first = versions[0]
    if not first["answers"]:
        return 0
    found = solve(versions, added)
    for value in hidden_cells(first):
        assert len(found[value]) >= 2, (versions, value, found[value])
        attacked += 1
    if first["mean"] is not None or first["agree"] is not None:
        assert all(found[v] for v in LIKERT)
    return attacked


def test_no_published_score_pins_a_hidden_count(client, world):
    data = figures(client, world.procurement)
    attacked = sum(assert_nothing_pinned([published], []) for published in scores(data).values())
    assert attacked, "the fixture must hide some counts, or the attack proves nothing"
    # The CSV carries the same figures as the JSON, so it gives the attacker nothing more.
    rows = dict(list(csv.reader(io.StringIO(
        client.get(f"/procurements/{world.procurement.pk}/evaluation/figures.csv").content.decode())))[1:])
    for index, round_ in enumerate(data["experience"]):
        for number, dimension in enumerate(round_["dimensions"]):
            mean = rows[f"experience[{index}].dimensions[{number}].mean"]
            assert (mean == "") == (dimension["mean"] is None)


def test_a_round_before_and_after_one_more_person_pins_nothing(client, world, official):
    before = scores(figures(client, world.procurement))
    more_answers(official, world.before, [5])
    after = scores(figures(client, world.procurement))
    for key, published in before.items():
        if key[1] == "before":
            assert_nothing_pinned([published, after[key]], [items_of(key[2])])


def test_an_open_round_publishes_no_score(client, official, procurement, reference_data):
    from coprocure.evaluation import services
    round_ = services.create_experience_survey(official, procurement, "preparation", "during")
    answer_round(round_, [2, 3, 3, 4, 2, 3, 4, 5, 4, 4])
    [open_round] = figures(client, procurement)["experience"]
    assert all(d["mean"] is None and d["agree_percent"] is None for d in open_round["dimensions"])
    assert all(n is None for d in open_round["dimensions"] for n in d["distribution"].values())
    page = client.get(f"/en/procurements/{procurement.pk}/evaluation/").content.decode()
    assert "published when the survey has closed" in page
    close_round(official, round_)
    [closed] = figures(client, procurement)["experience"]
    assert any(d["mean"] is not None for d in closed["dimensions"])

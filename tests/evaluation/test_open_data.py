"""The evaluation's open data: the OCDS extension validates with the official schema patched
by it, declares every field it exports, and keeps small groups hidden; the JSON follows its
documented schema."""

import json
from pathlib import Path

from jsonschema import Draft202012Validator

from coprocure.interop.ocds import validation

from .conftest import answer_round

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "schemas" / "evaluation.schema.json"


def exported(client) -> dict:
    response = client.get("/api/v1/ocds/releases")
    return json.loads(b"".join(response.streaming_content))


def test_the_ocds_release_carries_the_suppressed_evaluation_and_validates(client, world):
    package = exported(client)
    assert validation.errors(package) == []
    [release] = package["releases"]
    assert validation.undeclared_fields(release) == []
    assert package["extensions"][-2].endswith("/api/v1/ocds/extensions/participation-evaluation/extension.json")
    assert package["extensions"][-1].endswith("/api/v1/ocds/extensions/tie-break/extension.json")
    figures = client.get(f"/api/v1/procurements/{world.procurement.pk}/evaluation").json()
    evaluation = release["participationEvaluation"]
    assert evaluation["insightsBecameObjectivesPercent"] == figures["influence"]["insights"]["percent"]
    assert evaluation["criteriaWeightFromUsersPercent"] == figures["influence"]["criteria"]["percent"]
    assert evaluation["userProposalsAdoptedPercent"] == figures["influence"]["proposals"]["percent"]
    assert evaluation["participations"] == figures["ledger"]["participations"]
    # The "after" round of three people is left out: pooled with the "before" round, its mean
    # could be worked out by difference from the report's "before" figures.
    [before] = [r for r in figures["experience"] if r["round"] == "before"]
    assert {d["dimension"]: d["mean"] for d in evaluation["experience"]} == {
        d["dimension"]: d["mean"] for d in before["dimensions"]}


def test_a_procurement_with_too_few_answers_has_null_means_in_ocds(client, official, procurement):
    from coprocure.evaluation import services
    small = services.create_experience_survey(official, procurement, "preparation", "during")
    answer_round(small, [5, 5, 4])
    [release] = exported(client)["releases"]
    evaluation = release["participationEvaluation"]
    assert all(d["mean"] is None for d in evaluation["experience"])
    assert evaluation["participations"] == 0  # answers about taking part are not taking part
    assert validation.errors({**exported(client)}) == []


def test_the_extension_files_are_served_and_patch_the_schema(client):
    extension = json.loads(b"".join(client.get("/api/v1/ocds/extensions/participation-evaluation/extension.json").streaming_content))
    assert extension["compatibility"] == ["1.1"] and extension["schemas"] == ["release-schema.json"]
    patch = json.loads(b"".join(client.get("/api/v1/ocds/extensions/participation-evaluation/release-schema.json").streaming_content))
    assert "participationEvaluation" in validation.patched_release_schema()["properties"]
    assert patch["properties"]["participationEvaluation"]["type"] == "object"


def test_the_json_figures_follow_the_documented_schema(client, world):
    schema = json.loads(SCHEMA.read_text())
    Draft202012Validator.check_schema(schema)
    for procurement in (world.procurement,):
        data = client.get(f"/api/v1/procurements/{procurement.pk}/evaluation").json()
        assert list(Draft202012Validator(schema).iter_errors(data)) == []
        downloaded = json.loads(client.get(f"/procurements/{procurement.pk}/evaluation/figures.json").content)
        assert list(Draft202012Validator(schema).iter_errors(downloaded)) == []


def test_an_empty_report_follows_the_schema_too(client, procurement):
    schema = json.loads(SCHEMA.read_text())
    data = client.get(f"/api/v1/procurements/{procurement.pk}/evaluation").json()
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    assert data["missing"]

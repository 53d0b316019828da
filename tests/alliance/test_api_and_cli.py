import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator

from coprocure.alliance import services
from coprocure.api.models import ApiToken
from coprocure.domain import settlement

from .conftest import audited


def _settled(official, period, reporter):
    line = services.report_cost(reporter, period, {"amount": Decimal("1100000"), "category": "Henkilöstö",
                                                   "evidence": "Kirjanpito"})
    services.decide_cost(official, line, {"approve": True, "reason": "ok"})
    audited(official, period)
    return services.approve_statement(official, period)


def test_draft_json_recomputes(client, alliance, period):
    data = client.get(f"/api/v1/contracts/{alliance.pk}/settlements/2025").json()
    assert data["status"] == "draft"
    _result, matches = settlement.recompute(data)
    assert matches


def test_approved_json_is_the_frozen_document_and_recomputes(client, official, alliance, period, reporter):
    statement = _settled(official, period, reporter)
    data = client.get(f"/api/v1/contracts/{alliance.pk}/settlements/2025").json()
    assert data["status"] == "approved"
    assert data["payment"] == statement.document["payment"]
    # Overrun of 100 000: half is 50 000, capped at 60 000 so not capped.
    assert Decimal(data["target_cost_incentive"]) == Decimal("-50000")
    assert settlement.recompute(data)[1]


def test_unknown_period_is_404(client, alliance):
    assert client.get(f"/api/v1/contracts/{alliance.pk}/settlements/1999").status_code == 404


def test_api_cost_line_and_decision(client, official, period, reporter):
    token = ApiToken.issue(reporter, "t")[1]
    response = client.post(f"/api/v1/settlements/{period.pk}/cost-lines", {"amount": "-5", "category": "", "evidence": ""},
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 422
    assert {error["field"] for error in response.json()["errors"]} >= {"amount", "category"}
    response = client.post(f"/api/v1/settlements/{period.pk}/cost-lines",
                           {"amount": "120.50", "category": "Tilat", "evidence": "Lasku 7"},
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 201
    official_token = ApiToken.issue(official, "t")[1]
    response = client.post(f"/api/v1/cost-lines/{response.json()['id']}/decision", {"approve": "no", "reason": "Väärä kausi"},
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {official_token}")
    assert response.json()["status"] == "rejected"


def _write(tmp_path, data):
    path = tmp_path / "statement.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_cli_says_a_published_statement_matches(client, official, alliance, period, reporter, tmp_path, capsys):
    _settled(official, period, reporter)
    data = client.get(f"/api/v1/contracts/{alliance.pk}/settlements/2025").json()
    call_command("recompute-settlement", _write(tmp_path, data))
    assert "Matches" in capsys.readouterr().out


def test_cli_exits_1_on_a_tampered_statement(client, official, alliance, period, reporter, tmp_path, capsys):
    _settled(official, period, reporter)
    data = client.get(f"/api/v1/contracts/{alliance.pk}/settlements/2025").json()
    data["payment"] = str(Decimal(data["payment"]) + 1)
    data["fee"] = "1.00"
    data["shares"][1]["amount"] = "0.01"
    with pytest.raises(SystemExit) as exited:
        call_command("recompute-settlement", _write(tmp_path, data))
    assert exited.value.code == 1
    out = capsys.readouterr().out
    assert "Does not match" in out
    # Every figure that differs is named, not only the payment.
    named = {line.split(":")[0].strip() for line in out.splitlines()[1:]}
    assert named == {"fee", "payment", "shares[1].amount"}


def test_api_period_with_a_split_not_adding_up_is_refused_whole(client, official, alliance):
    token = ApiToken.issue(official, "t")[1]
    parties = [party.pk for party in alliance.parties.exclude(role="authority")]
    body = {"label": "2026", "starts_on": "2026-01-01", "ends_on": "2026-12-31", "target_cost": "1000000", "fee_kind": "fixed",
            "fee_amount": "50", "gain_share": "0.5", "pain_share": "0.5", "kra_bonus_pool": "0", "kra_sanction_pool": "0",
            "split": {str(parties[0]): "70", str(parties[1]): "20"}}
    response = client.post(f"/api/v1/contracts/{alliance.pk}/settlements", body, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "split_not_100"
    assert not alliance.settlement_periods.exists()
    body["split"][str(parties[1])] = "30"
    response = client.post(f"/api/v1/contracts/{alliance.pk}/settlements", body, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 201
    assert alliance.settlement_periods.get().splits.count() == 2


SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "schemas" / "settlement.schema.json").read_text("utf-8"))


def test_the_api_answer_draft_or_approved_is_valid_against_the_published_schema(client, official, alliance, period,
                                                                                  reporter, tmp_path, capsys):
    validator = Draft202012Validator(SCHEMA)
    draft = client.get(f"/api/v1/contracts/{alliance.pk}/settlements/2025").json()
    assert draft["status"] == "draft" and list(validator.iter_errors(draft)) == []
    _settled(official, period, reporter)
    approved = client.get(f"/api/v1/contracts/{alliance.pk}/settlements/2025").json()
    assert approved["status"] == "approved" and list(validator.iter_errors(approved)) == []
    assert list(validator.iter_errors({**approved, "status": "pending"}))  # only the two statuses exist
    # The command takes the API's answer exactly as downloaded, status and all.
    call_command("recompute-settlement", _write(tmp_path, approved))
    assert "Matches" in capsys.readouterr().out

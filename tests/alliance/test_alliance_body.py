"""The alliance as a body (issue 18 item 7): the leadership group decides commercial matters
only unanimously, beside the accountable official; costs use the agreed categories; the
auditor reads the book and reports before the statement can be approved."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from coprocure.alliance import services
from coprocure.alliance.models import AuditReport, CostCategory, LeadershipDecision, Statement
from coprocure.api.models import ApiToken
from coprocure.audit.models import AuditEntry
from coprocure.contracts.models import Decision
from coprocure.errors import ServiceError

from .. import factories
from .conftest import CATEGORIES, agree, audited


def codes(refused):
    return {code for items in refused.value.errors.values() for code, _message in items}


def test_a_commercial_decision_is_refused_while_one_party_does_not_agree(official, alliance):
    before = Decision.objects.count()
    with pytest.raises(ServiceError) as refused:
        agree(official, alliance, matter="fee", categories="", stances={"Polku ry": "opposes"})
    assert codes(refused) == {"leadership_not_unanimous"}
    assert Decision.objects.count() == before and LeadershipDecision.objects.count() == 1


def test_every_party_states_its_position_and_the_official_stays_accountable(official, staff, alliance):
    parties = list(alliance.parties.all())
    with pytest.raises(ServiceError) as refused:
        services.record_leadership_decision(official, alliance, {
            **agree_data(official), "matter": "operations", "categories": "",
            "positions": {party: {"stance": "supports", "representative": "", "view": ""} for party in parties[1:]}})
    assert codes(refused) == {"leadership_position_missing"}
    with pytest.raises(ServiceError) as refused:
        agree(official, alliance, matter="operations", categories="", accountable_official=staff)
    assert codes(refused) == {"accountable_not_official"}
    # A matter that is not commercial is decided even when a party disagrees, its view recorded.
    item = agree(official, alliance, matter="operations", categories="", stances={"Polku ry": "opposes"})
    assert item.decision.accountable_official == official
    assert {position.party.name: position.stance for position in item.positions.all()}["Polku ry"] == "opposes"
    assert AuditEntry.objects.filter(action="alliance.leadership_decide").count() == 2


def agree_data(official):
    from ..contracts.conftest import decision_data
    return decision_data(official)


def test_cost_lines_use_the_agreed_categories(official, alliance, period, reporter):
    assert sorted(CostCategory.objects.values_list("name", flat=True)) == sorted(CATEGORIES)
    with pytest.raises(ServiceError) as refused:
        services.report_cost(reporter, period, {"amount": Decimal(1), "category": "Edustus", "evidence": "Lasku"})
    assert codes(refused) == {"cost_category_not_agreed"}
    with pytest.raises(ServiceError) as refused:
        agree(official, alliance, categories="Tilat\nEdustus")
    assert codes(refused) == {"cost_category_taken"}
    assert not CostCategory.objects.filter(name="Edustus").exists()
    agree(official, alliance, categories="Edustus")
    assert services.report_cost(reporter, period, {"amount": Decimal(1), "category": "Edustus", "evidence": "L"})


def test_the_statement_waits_for_the_audit_report(official, alliance, period, reporter):
    line = services.report_cost(reporter, period, {"amount": Decimal(1000), "category": "Tilat", "evidence": "L"})
    services.decide_cost(official, line, {"approve": True, "reason": "ok"})
    with pytest.raises(ServiceError) as refused:
        services.approve_statement(official, period)
    assert codes(refused) == {"settlement_audit_missing"} and refused.value.status == 409
    assert Statement.objects.count() == 0
    audited(official, period)
    assert services.approve_statement(official, period)


def test_the_auditor_reads_the_book_and_reports_but_changes_nothing(client, official, alliance, period, reporter,
                                                                     providers):
    auditor = factories.UserFactory(position="")
    with pytest.raises(ServiceError) as refused:
        services.appoint_auditor(official, alliance, {"user": reporter})
    assert codes(refused) == {"auditor_not_independent"}
    services.appoint_auditor(official, alliance, {"user": auditor})
    line = services.report_cost(reporter, period, {"amount": Decimal(10), "category": "Tilat", "evidence": "Lasku 9"})
    with pytest.raises(PermissionDenied):
        services.decide_cost(auditor, line, {"approve": True, "reason": "ok"})
    with pytest.raises(PermissionDenied):
        services.issue_audit_report(reporter, period, {"opinion": "clean", "findings": "x", "audited_cost": 0})
    token = ApiToken.issue(auditor, "t")[1]
    book = client.get(f"/api/v1/settlements/{period.pk}/cost-lines", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert book.status_code == 200 and book.json()[0]["evidence"] == "Lasku 9"
    response = client.post(f"/api/v1/settlements/{period.pk}/audit-reports", {"opinion": "clean", "findings": " "},
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 422 and AuditReport.objects.count() == 0
    response = client.post(f"/api/v1/settlements/{period.pk}/audit-reports",
                           {"opinion": "qualified", "findings": "Lasku 9 tarkastettu.", "audited_cost": "10"},
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 201 and response.json()["opinion"] == "qualified"
    client.force_login(auditor)
    page = client.get(f"/settlements/{period.pk}/open-book/")
    assert page.status_code == 200 and "Lasku 9" in page.content.decode()


def test_leadership_api_and_pages(client, official, alliance):
    token = ApiToken.issue(official, "t")[1]
    parties = list(alliance.parties.all())
    body = {"title": {"fi": "Tavoitekustannus 2026"}, "decided": {"fi": "Tavoitekustannus on 3,4 M€."},
            "reasoning": {"fi": "Kustannusarvio."}, "proposed_by": "Johtoryhmä", "proposer_role": "steering_group",
            "accountable_official": official.pk, "decided_on": "2025-12-01", "matter": "target_cost",
            "positions": [{"party": party.pk, "position": "supports"} for party in parties[:-1]]
            + [{"party": parties[-1].pk, "position": "opposes", "view": "Liian tiukka."}]}
    response = client.post(f"/api/v1/contracts/{alliance.pk}/alliance-leadership/decisions", body,
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 422
    assert [error["code"] for error in response.json()["errors"]] == ["leadership_not_unanimous"]
    body["positions"][-1] = {"party": parties[-1].pk, "position": "supports"}
    response = client.post(f"/api/v1/contracts/{alliance.pk}/alliance-leadership/decisions", body,
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 201 and len(response.json()["positions"]) == len(parties)
    data = client.get(f"/api/v1/contracts/{alliance.pk}/alliance-leadership").json()
    assert [item["matter"] for item in data["decisions"]][:1] == ["target_cost"]
    assert sorted(data["cost_categories"]) == sorted(CATEGORIES)
    page = client.get(f"/contracts/{alliance.pk}/alliance-leadership/")
    assert page.status_code == 200 and "Tilat" in page.content.decode()
    client.force_login(official)
    form = client.post(f"/contracts/{alliance.pk}/alliance-leadership/decisions/new/", {"matter": "fee"})
    assert form.status_code == 422


def test_a_confidential_leadership_decision_hides_the_parties_positions(client, official, alliance):
    agree(official, alliance, matter="operations", categories="", is_confidential=True,
          confidentiality_reason="JulkL 24 § 1 (20)", stances={"Polku ry": "opposes"})
    data = client.get(f"/api/v1/contracts/{alliance.pk}/alliance-leadership").json()
    confidential = [item for item in data["decisions"] if item["matter"] == "operations"][0]
    assert confidential["positions"] == []
    page = client.get(f"/contracts/{alliance.pk}/alliance-leadership/").content.decode()
    assert "Ei hyväksy" not in page  # Polku ry's position on the confidential decision
    client.force_login(official)
    assert "Ei hyväksy" in client.get(f"/contracts/{alliance.pk}/alliance-leadership/").content.decode()

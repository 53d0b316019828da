from django.core.management import call_command
from django.test.utils import CaptureQueriesContext
from django.db import connection
from django.urls import reverse

from coprocure.contracts.models import Contract, Decision, DevelopmentProposal, Measurement, Meeting


def test_demo_contract_period(db, client):
    call_command("demo")
    partnership = Contract.objects.get(kind="partnership")
    assert str(partnership.procurement) == "Innovatiiviset päihdepalvelut aikuisille"
    assert partnership.steering_members.filter(role="client_representative", deputy_for__isnull=True).count() == 2
    # Made from the published award: the winning consortium, each member with its own role,
    # and not the losing bidder.
    assert {(p.name, p.role, bool(p.consortium_role)) for p in partnership.parties.exclude(role="authority")} == {
        ("Päihdepalvelut Kulma Oy", "consortium_lead", False), ("Sillanrakentajat ry", "consortium_member", True),
        ("Vertaisvoima ry", "consortium_member", True)}
    meetings = Meeting.objects.filter(contract=partnership)
    assert meetings.count() == 12 and not meetings.filter(agenda_published_at__isnull=True).exists()
    assert Decision.objects.filter(contract=partnership, proposer_role="client_representative").exists()
    adopted = DevelopmentProposal.objects.filter(contract=partnership, status="adopted", proposer_kind="service_user")
    assert adopted.count() == 3 and not adopted.filter(submitted_by__isnull=False).exists()
    assert Measurement.objects.filter(indicator__kra__contract=partnership).count() == 3 * 36
    alliance = Contract.objects.get(kind="alliance")
    # Made from the award of the final tenders: the winning group, its lead and three members.
    assert {(p.name, p.role) for p in alliance.parties.exclude(role="authority")} == {
        ("Asumisen Tuki Aalto Oy", "consortium_lead"), ("Nuorisosäätiö Polku sr", "consortium_member"),
        ("Kotisatama-säätiö sr", "consortium_member"), ("Kotipolku ry", "consortium_member")}
    assert [str(kra) for kra in alliance.kras.all()] == ["Asumisen pysyvyys", "Osallisuus ja elämänhallinta", "Asiakaskokemus"]
    assert sum(kra.weight for kra in alliance.kras.all()) == 1
    # The public pages of a contract with a year of data stay within a fixed number of queries.
    for name in ("contract_detail", "contract_outcomes", "you_said_we_did"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name, args=[partnership.pk])).status_code == 200
        assert len(queries) <= 15, (name, len(queries))
    # A client representative's dissent is on the public decision page in her own words.
    dissent = Decision.objects.get(contract=partnership, positions__position="dissent")
    page = client.get(reverse("decision_detail", args=[dissent.pk])).content.decode()
    assert "Tavoitteen pitäisi olla kolme päivää." in page and "Sari Koskinen" in page
    # The user-reported indicator has this month's round answered and next month's open.
    rated = partnership.kras.first().indicators.get(code="asiakaskokemus")
    assert rated.data_source == "survey" and rated.survey_rounds.count() == 2

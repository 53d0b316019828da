"""The OCDS open-data export: every public procurement validates against the official release
package schema with the extensions applied, in every phase; consortia show up as OCDS expects;
nothing about the bids leaks before the award is published; and the export streams."""

import json
import tracemalloc
from datetime import date, timedelta
from decimal import Decimal

from django.core.management import call_command
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from coprocure.contracts import services as contracts
from coprocure.contracts.award import conclude_award
from coprocure.core import services as core
from coprocure.interop.ocds import export, validation
from coprocure.tendering import services
from coprocure.tendering.models import AwardDecision

from .. import factories
from ..contracts.conftest import to_contract_phase
from ..factories import text
from ..tendering.conftest import answers, consent, evaluator, make_tender, open_bids, pass_deadline, provider
from ..tendering.test_lots import CONTRACT

WINNING_PRICE = "912345.67"
LOSING_PRICE = "1034567.89"


def assert_valid(package: dict) -> None:
    assert validation.errors(package) == []
    for release in package["releases"]:
        assert validation.undeclared_fields(release) == []


def exported(client) -> tuple[dict, str]:
    response = client.get("/api/v1/ocds/releases")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "application/json"
    body = b"".join(response.streaming_content).decode()
    return json.loads(body), body


def release_of(package: dict, procurement) -> dict:
    [release] = [r for r in package["releases"] if r["ocid"].endswith(procurement.reference)]
    return release


class Bidding:
    """A tender with a consortium bid (Kulma Oy leading, two members) and a single bid, taken
    step by step through the services."""

    def __init__(self, official, procurement):
        self.official, self.procurement = official, procurement
        self.tender = make_tender(official, procurement)
        self.lead = provider("Kulma Oy")
        self.members = [factories.ProviderFactory(name="Vertaistuki ry"), factories.ProviderFactory(name="Toipumo sr")]
        consent(self.lead, procurement, [(self.members[0], "vertaistuki"), (self.members[1], "asuminen")])
        self.consortium = services.submit_bid(self.lead, self.tender, {
            "price": Decimal(WINNING_PRICE), "answers": answers(self.tender, "Konsortion vastaus"),
            "members": [(self.members[0], "vertaistuki"), (self.members[1], "asuminen")]})
        self.single = services.submit_bid(provider("Kilpailija Oy"), self.tender, {
            "price": Decimal(LOSING_PRICE), "answers": answers(self.tender, "Kilpailijan vastaus")})

    def open_and_score(self):
        pass_deadline(self.tender)
        open_bids(self.official, self.tender)
        person = evaluator(self.official, self.procurement)
        services.declare_conflict(person, self.tender, False)
        for bid in self.tender.bids.all():
            for criterion in self.tender.criteria.all():
                services.record_score(person, bid, criterion, Decimal(4), "Perustelu")
                services.settle_score(self.official, bid, criterion)

    def decide(self):
        self.decision = services.decide_award(self.official, self.tender, {
            "accountable_official": self.official, "reasons": text("Paras hinta-laatusuhde."),
            "decided_on": timezone.localdate()})

    def publish(self):
        services.publish_award(self.official, self.decision)


def with_contract(official, procurement, provider_organisation):
    # A contract is signed only after the standstill: let the award's standstill pass first.
    today = timezone.localdate()
    AwardDecision.objects.filter(tender__procurement=procurement).update(
        decided_on=today - timedelta(days=15), standstill_ends_on=today - timedelta(days=1))
    to_contract_phase(official, procurement)
    contract = contracts.create_contract(official, procurement, {
        "kind": "partnership", "title": text("Kumppanuussopimus"), "description": text("Pitkä kumppanuus."),
        "starts_on": date(2025, 1, 1), "ends_on": date(2099, 12, 31), "options": {},
    })
    contracts.add_party(official, contract, {"organisation": provider_organisation, "name": provider_organisation.name,
                                             "role": "consortium_lead"})
    contracts.add_party(official, contract, {"organisation": None, "name": "Nimetty kumppani", "role": "consortium_member"})
    return contract


def test_the_demo_exports_as_a_valid_package_with_the_consortium_and_its_award(db, client):
    call_command("demo")
    package, _body = exported(client)
    assert_valid(package)
    assert package["version"] == "1.1" and len(package["releases"]) >= 3
    assert all(r["ocid"].startswith("ocds-coprocure-") and r["language"] == "fi" for r in package["releases"])
    awarded = {r["tender"]["title"]: r for r in package["releases"] if "award" in r["tag"]}
    assert set(awarded) == {"Innovatiiviset päihdepalvelut aikuisille", "Asumisen tuen allianssi nuorille ja aikuisille"}
    awarded = awarded["Innovatiiviset päihdepalvelut aikuisille"]
    roles = {party["name"]: party["roles"] for party in awarded["parties"]}
    winner = awarded["awards"][0]["suppliers"]
    assert len(winner) == 3  # the winning consortium: its lead and two members
    for supplier in winner:
        assert {"tenderer", "supplier"} <= set(roles[supplier["name"]])
    assert sum("leadTenderer" in r for r in roles.values()) >= 1
    kinds = {party["details"]["classifications"][0]["id"] for party in awarded["parties"]}
    assert {"authority", "company", "association"} <= kinds  # the third sector is visible as such
    criteria = awarded["tender"]["lots"][0]["awardCriteria"]["criteria"]
    assert sum(c["numbers"][0]["number"] for c in criteria) == 100
    assert awarded["contracts"][0]["awardID"] == awarded["awards"][0]["id"]


def test_a_procurement_validates_in_every_phase_and_says_which_it_is_in(client, official, procurement):
    tags, statuses = [], []

    def snapshot():
        package, _body = exported(client)
        assert_valid(package)
        release = release_of(package, procurement)
        tags.append(release["tag"])
        statuses.append(release["tender"]["status"])
        return release

    planning = snapshot()
    assert planning["planning"] == {"rationale": "Hankimme päihdepalvelut.",
                                    "budget": {"amount": {"amount": 1000000, "currency": "EUR"}}}
    assert planning["tender"]["procurementMethod"] == "selective"
    assert planning["tender"]["procurementMethodDetails"] == "Neuvottelumenettely"
    bidding = Bidding(official, procurement)
    tendering = snapshot()
    assert tendering["tender"]["tenderPeriod"]["endDate"] == bidding.tender.deadline.isoformat()
    assert [c["type"] for c in tendering["tender"]["lots"][0]["awardCriteria"]["criteria"]] == ["price", "quality", "quality"]
    bidding.open_and_score()
    bidding.decide()
    snapshot()
    bidding.publish()
    awarded = snapshot()
    assert awarded["awards"][0]["status"] == "pending"  # the standstill period has not ended
    assert awarded["awards"][0]["value"] == {"amount": float(WINNING_PRICE), "currency": "EUR"}
    with_contract(official, procurement, bidding.lead.organisation)
    contracted = snapshot()
    assert contracted["contracts"][0]["status"] == "active"
    assert tags == [["planning"], ["planning", "tender"], ["planning", "tender"], ["planning", "tender", "award"],
                    ["planning", "tender", "award", "contract"]]
    assert statuses == ["planning", "active", "active", "complete", "complete"]


def test_consortium_members_are_tenderers_and_the_winners_are_suppliers(client, official, procurement):
    bidding = Bidding(official, procurement)
    bidding.open_and_score()
    bidding.decide()
    bidding.publish()
    release = release_of(exported(client)[0], procurement)
    roles = {party["name"]: party["roles"] for party in release["parties"]}
    assert roles["Kulma Oy"] == ["tenderer", "leadTenderer", "supplier"]
    assert roles["Vertaistuki ry"] == roles["Toipumo sr"] == ["tenderer", "supplier"]
    assert roles["Kilpailija Oy"] == ["tenderer"]
    assert roles[procurement.authority.name] == ["buyer", "procuringEntity"]
    kinds = {party["name"]: party["details"]["classifications"] for party in release["parties"]}
    assert kinds["Kulma Oy"] == [{"scheme": "coprocure-organisation-kind", "id": "company", "description": "Yritys"}]
    assert kinds[procurement.authority.name][0]["id"] == "authority"
    consortium = next(b for b in release["bids"]["details"] if b["id"] == f"b{bidding.consortium.pk}")
    assert [t["name"] for t in consortium["tenderers"]] == ["Kulma Oy", "Vertaistuki ry", "Toipumo sr"]
    assert release["tender"]["numberOfTenderers"] == 4
    statistics = {s["measure"]: s["value"] for s in release["bids"]["statistics"]}
    assert statistics == {"bids": 2, "validBids": 2, "disqualifiedBids": 0,
                          "lowestValidBidValue": float(WINNING_PRICE), "highestValidBidValue": float(LOSING_PRICE)}
    assert release["awards"][0]["relatedBids"] == [f"b{bidding.consortium.pk}"]


def test_nothing_about_the_bids_is_exported_before_the_award_is_published(client, official, procurement):
    bidding = Bidding(official, procurement)

    def assert_withheld():
        package, body = exported(client)
        assert_valid(package)
        for secret in (WINNING_PRICE, LOSING_PRICE, "912345", "1034567", "Konsortion vastaus", "Kulma Oy",
                       "Vertaistuki ry", "Kilpailija Oy", '"bids"', "tenderer", '"awards"'):
            assert secret not in body, secret
        one = client.get(f"/api/v1/procurements/{procurement.pk}/ocds").content.decode()
        assert WINNING_PRICE not in one and "Kulma Oy" not in one

    assert_withheld()  # sealed
    bidding.open_and_score()
    assert_withheld()  # opened and scored
    bidding.decide()
    assert_withheld()  # decided, not yet published
    bidding.publish()
    _package, body = exported(client)
    assert WINNING_PRICE in body and "Kulma Oy" in body


def test_private_procurements_are_not_exported(client, official, procurement):
    hidden = factories.create_procurement(official, is_public=False, title=text("Salainen hankinta"))
    package, body = exported(client)
    assert [r["ocid"] for r in package["releases"]] == [f"ocds-coprocure-{procurement.reference}"]
    assert "Salainen hankinta" not in body and hidden.reference not in body
    client.force_login(official)  # not even its own official gets it: open data is public data only
    assert client.get(f"/api/v1/procurements/{hidden.pk}/ocds").status_code == 404
    one = client.get(f"/api/v1/procurements/{procurement.pk}/ocds").json()
    assert_valid(one)
    assert [r["ocid"] for r in one["releases"]] == [f"ocds-coprocure-{procurement.reference}"]


def test_the_ocid_prefix_is_configurable(client, procurement):
    with override_settings(COPROCURE_OCID_PREFIX="ocds-abc123"):
        package, _body = exported(client)
    assert package["releases"][0]["ocid"] == f"ocds-abc123-{procurement.reference}"


def test_the_command_writes_a_valid_package_file(official, procurement, tmp_path):
    Bidding(official, procurement)
    output = tmp_path / "ocds.json"
    call_command("export-ocds", "--output", str(output))
    package = json.loads(output.read_text(encoding="utf-8"))
    assert_valid(package)
    assert package["uri"] == "http://localhost:8000/api/v1/ocds/releases"
    assert release_of(package, procurement)["tender"]["status"] == "active"


def _procurements_with_everything(official, count):
    for _ in range(count):
        procurement = factories.create_procurement(official)
        bidding = Bidding(official, procurement)
        bidding.open_and_score()
        bidding.decide()
        bidding.publish()
        with_contract(official, procurement, bidding.lead.organisation)


def test_the_number_of_queries_does_not_grow_with_the_number_of_procurements(official):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            body = "".join(export.stream("https://coprocure.example/api/v1/ocds/releases"))
        return len(captured), json.loads(body)

    _procurements_with_everything(official, 3)
    few, package = queries()
    assert len(package["releases"]) == 3
    _procurements_with_everything(official, 27)
    many, package = queries()
    assert len(package["releases"]) == 30
    assert_valid(package)
    assert many == few


def test_the_patched_schema_resolves_every_reference_locally():
    """$refs resolve lazily: a broken one would only fail when data reached it."""
    schema = validation.patched_release_schema()
    found = []

    def walk(node):
        if isinstance(node, dict):
            found.extend([node["$ref"]] if "$ref" in node else [])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert {"#/definitions/Lot", "#/definitions/Bid", "#/definitions/AwardCriterion"} <= set(found)
    assert all(ref.startswith("#/definitions/") and ref.rsplit("/", 1)[1] in schema["definitions"] for ref in found)


def test_merge_patch_follows_rfc_7386():
    assert validation.merge_patch({"a": {"b": 1, "c": 2}, "d": [1]}, {"a": {"b": None, "e": 3}, "d": [2]}) == {
        "a": {"c": 2, "e": 3}, "d": [2]}


def test_the_package_starts_before_any_procurement_is_read(procurement):
    pieces = export.stream("https://coprocure.example/api/v1/ocds/releases")
    with CaptureQueriesContext(connection) as captured:
        header = next(pieces)
    assert len(captured) == 0 and header.endswith('"releases": [')
    assert json.loads(header + "".join(pieces))["releases"][0]["ocid"].endswith(procurement.reference)


def test_memory_stays_flat_as_the_number_of_procurements_grows(official, monkeypatch):
    monkeypatch.setattr(export, "CHUNK_SIZE", 10)

    def peak():
        tracemalloc.start()
        written = sum(len(piece) for piece in export.stream("https://coprocure.example/api/v1/ocds/releases"))
        _current, highest = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return written, highest

    for _ in range(20):
        factories.create_procurement(official)
    few_bytes, few_peak = peak()
    for _ in range(180):
        factories.create_procurement(official)
    many_bytes, many_peak = peak()
    assert many_bytes > 9 * few_bytes  # ten times the data written...
    assert many_peak < 1.5 * few_peak  # ...in about the same memory


def test_a_tender_with_lots_exports_each_lot_with_its_bids_award_and_contract(client, official, procurement):
    core.change_phase(official, procurement, "tendering")
    tender = make_tender(official, procurement, publish=False)
    first = services.add_lot(official, tender, {"title": text("Laitoskuntoutus"), "estimated_value": Decimal("600000")})
    second = services.add_lot(official, tender, {"title": text("Avokuntoutus"), "description": text("Kotiin.")})
    services.publish_tender(official, tender)
    both, other = provider("Kulma Oy"), provider("Vertaisvoima ry")
    for user, lot, price in ((both, first, "500000"), (both, second, "480000"), (other, second, "400000")):
        services.submit_bid(user, tender, {"price": Decimal(price), "answers": answers(tender), "lot": lot})
    bidding = Bidding.__new__(Bidding)
    bidding.official, bidding.procurement, bidding.tender = official, procurement, tender
    bidding.open_and_score()
    bidding.decide()
    bidding.publish()
    AwardDecision.objects.filter(pk=bidding.decision.pk).update(
        decided_on=timezone.localdate() - timedelta(days=20), standstill_ends_on=timezone.localdate() - timedelta(days=1))
    today = timezone.localdate()
    conclude_award(official, AwardDecision.objects.get(pk=bidding.decision.pk), {
        **CONTRACT, "starts_on": today + timedelta(days=30), "ends_on": today + timedelta(days=400)})

    package = exported(client)[0]
    assert_valid(package)
    release = release_of(package, procurement)
    lots = release["tender"]["lots"]
    assert [(lot["id"], lot["title"]) for lot in lots] == [("1", "Laitoskuntoutus"), ("2", "Avokuntoutus")]
    assert lots[0]["value"]["amount"] == 600000 and lots[1]["description"] == "Kotiin."
    assert all(lot["awardCriteria"]["criteria"] for lot in lots)
    assert sorted(bid["relatedLots"][0] for bid in release["bids"]["details"]) == ["1", "2", "2"]
    awards = {award["relatedLots"][0]: award for award in release["awards"]}
    assert {lot: [s["name"] for s in award["suppliers"]] for lot, award in awards.items()} == {
        "1": ["Kulma Oy"], "2": ["Vertaisvoima ry"]}
    contract_awards = {contract["title"]: contract["awardID"] for contract in release["contracts"]}
    assert contract_awards == {"Päihdekuntoutus – osa 1: Laitoskuntoutus": awards["1"]["id"],
                               "Päihdekuntoutus – osa 2: Avokuntoutus": awards["2"]["id"]}

"""The demo's procurements each get their notices, valid under the eForms rules, as the demo
loads them: its authorities have business IDs and legal types, and the codes, the buyer's
contact details and every tenderer's size are picked as staff would (issue 22, "done when"); the
identifiers, lots, criteria, weights and winners agree with the OCDS release (item 6)."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from lxml import etree

from coprocure.core.models import Organisation, OrganisationKind, Procurement
from coprocure.domain.identifiers import normalise_business_id
from coprocure.interop.ocds import export
from coprocure.interop.ocds.release import ocid, release
from coprocure.notices import build, services
from coprocure.notices.eforms.writer import NS, notice_xml
from coprocure.notices.overview import overview
from coprocure.notices.selectors import with_notice_data

@pytest.fixture
def demo(db):
    call_command("demo")
    return list(with_notice_data(Procurement.objects.order_by("pk")))


def test_the_demo_authorities_are_registered_as_notices_need(demo):
    authorities = Organisation.objects.filter(kind=OrganisationKind.AUTHORITY)
    assert authorities.count() == 2
    for authority in authorities:
        assert normalise_business_id(authority.business_id) == authority.business_id  # a valid check digit
        assert authority.legal_type == "ra"  # wellbeing services counties


def awarded(procurements):
    return next(p for p in procurements if build.winners(getattr(p, "tender", None)))


def test_every_demo_procurement_has_valid_notices(demo, eforms_rules):
    checked = set()
    for procurement in demo:
        for row in overview(procurement):
            if row.missing:
                # Only a stage the procurement has not reached may be missing, never codes, contacts
                # or IDs (a modification notice waits for the award notice to be accepted).
                assert {gap.field for gap in row.missing} <= {"market_dialogue", "tender", "award", "award_notice"}, (
                    procurement.reference, row.missing)
                continue
            for language in ("fi", "sv", "en"):
                xml = services.render(procurement, row.kind.value, language, amendment=row.amendment)
                if row.kind.value in ("20", "E3"):
                    # The demo's calls are closed: their contract notice as sent when the call opened
                    # (the rules want the deadline after the notice, BR-BT-00131-0151).
                    xml = notice_xml(build.notice(procurement, row.kind.value, language,
                                                  issued_at=procurement.tender.published_at))
                assert eforms_rules(xml) == [], (procurement.reference, row.kind, language)
            checked.add(row.kind.value)
    assert {"20", "33"} <= checked  # the demo has a published tender and a published award
    one_truth(awarded(demo))


def texts(root, path):
    return [element.text for element in root.xpath(path, namespaces=NS)]


def one_truth(procurement):
    """The award notice and the OCDS release agree (one demo load serves both checks: it is slow)."""
    root = etree.fromstring(services.render(procurement, "33"))
    published = export.public_procurements().get(pk=procurement.pk)
    ocds = release(published)
    # The procedure's identifier: the notice's folder id is derived from the OCID.
    assert texts(root, "/*/cbc:ContractFolderID") == [build.folder_id(procurement)]
    assert ocds["ocid"] == ocid(procurement)
    assert texts(root, "/*/cac:ProcurementProject/cbc:ID") == [ocds["tender"]["id"]]
    # Lots: the notice's lot internal ids are the release's lot ids, in the same order.
    assert texts(root, "/*/cac:ProcurementProjectLot/cac:ProcurementProject/cbc:ID") == [
        lot["id"] for lot in ocds["tender"]["lots"]]
    # Criteria and weights, lot by lot, in order, as the contract notice announced them.
    contract_notice = etree.fromstring(services.render(procurement, "20"))
    assert texts(contract_notice, "/*/cbc:ContractFolderID") == [build.folder_id(procurement)]
    lots = contract_notice.xpath("/*/cac:ProcurementProjectLot", namespaces=NS)
    assert len(lots) == len(ocds["tender"]["lots"])
    for lot_element, lot in zip(lots, ocds["tender"]["lots"]):
        assert texts(lot_element, "cac:ProcurementProject/cbc:ID") == [lot["id"]]
        criteria = lot_element.xpath(".//cac:SubordinateAwardingCriterion", namespaces=NS)
        assert [texts(c, "cbc:AwardingCriterionTypeCode")[0] for c in criteria] == [
            c["type"] for c in lot["awardCriteria"]["criteria"]]
        assert [texts(c, "cbc:Name")[0] for c in criteria][1:] == [c["name"] for c in lot["awardCriteria"]["criteria"]][1:]
        assert [Decimal(texts(c, ".//efbc:ParameterNumeric")[0]) for c in criteria] == [
            Decimal(str(c["numbers"][0]["number"])) for c in lot["awardCriteria"]["criteria"]]
    # Winners: every member of the winning consortium, by business ID, in both.
    organisations = {texts(o, ".//cac:PartyIdentification/cbc:ID")[0]: "".join(texts(o, ".//cbc:CompanyID"))
                     for o in root.xpath("//efac:Organization", namespaces=NS)}
    winning = set(texts(root, "//efac:SettledContract/efac:LotTender/cbc:ID"))  # BT-3202: the contract's tender
    parties = {t.xpath("efac:TenderingParty/cbc:ID", namespaces=NS)[0].text
               for t in root.xpath("//efac:NoticeResult/efac:LotTender", namespaces=NS)
               if t.findtext(f"{{{NS['cbc']}}}ID") in winning}
    notice_winners = {organisations[o] for party in root.xpath("//efac:NoticeResult/efac:TenderingParty", namespaces=NS)
                      if texts(party, "cbc:ID")[0] in parties for o in texts(party, "efac:Tenderer/cbc:ID")}
    ocds_winners = {supplier["id"].removeprefix("FI-PRO-") for award in ocds["awards"] for supplier in award["suppliers"]}
    assert len(notice_winners) == 3  # the demo's winning consortium: its lead and two members
    assert notice_winners == ocds_winners

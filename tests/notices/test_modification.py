"""The contract modification notice (38) from a contract's amendment (issue 22 item 1): offered on
the amendment, its ground and values picked on the notices page or through the API, valid under
the SDK's rules, pointing at the accepted award notice, and sent once; the buyer's legal type
comes from the organisation. Adversaries: another procurement's amendment, a 38 without an
amendment or below the EU threshold, staff who may not send."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from lxml import etree

from coprocure.contracts import services as contracts
from coprocure.contracts.award import conclude_award
from coprocure.core import services as core
from coprocure.core.models import Organisation, Procurement
from coprocure.notices import build, services
from coprocure.notices.eforms.writer import NS
from coprocure.notices.models import ModificationDetails, Submission
from coprocure.tendering.models import AwardDecision

from .. import factories
from ..contracts.conftest import decision_data
from ..factories import text
from .helpers import DETAILS, fresh, ready

CONTRACT = {"kind": "partnership", "title": text("Kumppanuussopimus"), "description": text("Pitkä kumppanuus."),
            "options": {}}


def contract_from_award(official, procurement, tender):
    """The standstill is over and the award becomes the contract."""
    if procurement.phase == "preparation":
        core.change_phase(official, procurement, "tendering")
    AwardDecision.objects.filter(tender=tender).update(standstill_ends_on=timezone.localdate() - timedelta(days=1))
    today = timezone.localdate()
    return conclude_award(official, AwardDecision.objects.get(tender=tender),
                          {**CONTRACT, "starts_on": today + timedelta(days=30), "ends_on": today + timedelta(days=900)})


def amend(official, contract):
    decision = contracts.record_decision(official, contract, decision_data(official))
    return contracts.amend_contract(official, contract, {
        "summary": text("Palveluun lisätään iltaryhmä.", "En kvällsgrupp läggs till."),
        "reason": text("Asiakasmäärä kasvoi odotettua enemmän."), "decision": decision})


@pytest.fixture
def amended(official, awarded, fake, django_capture_on_commit_callbacks):
    """The award notice is accepted, the contract made and amended."""
    procurement, tender = awarded
    procurement = ready(official, procurement, tender)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(official, procurement, "33")
    contract = contract_from_award(official, procurement, tender)
    return procurement, tender, amend(official, contract)


def rows(client, procurement):
    return client.get(f"/api/v1/procurements/{procurement.pk}/notices").json()


def modification(amendment, **values):
    return {"modifications": {str(amendment.pk): {"reason_code": "add-wss", "value_before": "900000",
                                                   "value_after": "990000", **values}}}


def test_the_amendment_offers_its_notice_and_the_page_lists_what_it_lacks(client, official, amended):
    procurement, _tender, amendment = amended
    client.force_login(official)
    detail = client.get(f"/contracts/{amendment.contract_id}/").content.decode()
    assert f"/procurements/{procurement.pk}/notices/#amendment-{amendment.pk}" in detail
    client.logout()  # a reader of the public contract page is not offered the staff's notices
    assert "#amendment-" not in client.get(f"/contracts/{amendment.contract_id}/").content.decode()
    client.force_login(official)
    page = client.get(f"/procurements/{procurement.pk}/notices/").content.decode()
    assert f'id="amendment-{amendment.pk}"' in page and "Palveluun lisätään iltaryhmä." in page
    assert "Muutoksen peruste" in page and "Sopimuksen arvo muutoksen jälkeen (EUR)" in page
    [row] = [row for row in rows(client, procurement) if row["kind"] == "38"]
    assert row["amendment"] == amendment.pk and row["required"] is True
    assert {gap["field"] for gap in row["missing"]} == {
        f"reason_code_{amendment.pk}", f"value_before_{amendment.pk}", f"value_after_{amendment.pk}"}


def test_filled_in_the_notice_is_valid_points_at_the_award_notice_and_is_sent_once(
        client, official, amended, fake, eforms_rules, django_capture_on_commit_callbacks):
    procurement, _tender, amendment = amended
    client.force_login(official)
    saved = client.put(f"/api/v1/procurements/{procurement.pk}/notices/details", {**DETAILS, **modification(amendment)},
                       content_type="application/json")
    assert saved.status_code == 200
    assert saved.json()["modifications"][str(amendment.pk)]["reason_code"] == "add-wss"
    [row] = [row for row in rows(client, procurement) if row["kind"] == "38"]
    assert row["missing"] == [] and row["required"] is True  # additional services: art. 72(1)(b)
    award_notice = Submission.objects.get(kind="33", status="accepted")
    for language in ("fi", "sv", "en"):
        xml = client.get(f"/api/v1/procurements/{procurement.pk}/notices/38/xml?lang={language}&amendment={amendment.pk}")
        assert xml.status_code == 200 and eforms_rules(xml.content) == [], language
    root = etree.fromstring(xml.content)
    change = "//efac:ContractModification"
    assert root.xpath(f"{change}/efbc:ChangedNoticeIdentifier/text()", namespaces=NS) == [f"{award_notice.uuid}-01"]
    assert root.xpath(f"{change}/efbc:ModifiedContractIdentifier/text()", namespaces=NS) == ["CON-0001"]
    assert root.xpath(f"{change}//cbc:ReasonCode/text()", namespaces=NS) == ["add-wss"]
    assert root.xpath("//efac:NoticeResult/cbc:TotalAmount/text()", namespaces=NS) == ["990000.00"]
    assert "900000.00" in root.xpath(f"{change}//efbc:ChangeDescription/text()", namespaces=NS)[0]
    swedish = client.get(f"/procurements/{procurement.pk}/notices/38/preview/?lang=sv&amendment={amendment.pk}")
    assert "Ändringen" in swedish.content.decode() and "En kvällsgrupp läggs till." in swedish.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/procurements/{procurement.pk}/notices/send/", {"kind": "38", "amendment": amendment.pk})
    sent = Submission.objects.get(kind="38")
    assert (sent.status, sent.amendment_id) == ("accepted", amendment.pk) and len(fake.published) == 2
    again = client.post(f"/api/v1/procurements/{procurement.pk}/notices/submissions",
                        {"kind": "38", "amendment": amendment.pk}, content_type="application/json")
    assert again.status_code == 409 and len(fake.published) == 2
    # A second amendment of the same contract has a notice of its own.
    second = amend(official, amendment.contract)
    client.put(f"/api/v1/procurements/{procurement.pk}/notices/details",
               {**DETAILS, **modification(second, value_before="990000", value_after="1050000")},
               content_type="application/json")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/v1/procurements/{procurement.pk}/notices/submissions",
                               {"kind": "38", "amendment": second.pk}, content_type="application/json")
    assert response.status_code == 202 and Submission.objects.filter(kind="38", status="accepted").count() == 2


def test_a_ground_the_directive_does_not_announce_makes_the_notice_voluntary(client, official, amended):
    procurement, _tender, amendment = amended
    client.force_login(official)
    response = client.post(f"/procurements/{procurement.pk}/notices/", {
        **DETAILS, f"reason_code_{amendment.pk}": "mod-nons", f"value_before_{amendment.pk}": "900000",
        f"value_after_{amendment.pk}": "910000"})
    assert response.status_code == 302
    [row] = [row for row in rows(client, procurement) if row["kind"] == "38"]
    assert row["required"] is False and row["missing"] == []
    refused = client.post(f"/procurements/{procurement.pk}/notices/", {**DETAILS, f"reason_code_{amendment.pk}": "other"})
    assert refused.status_code == 422
    refused = client.post(f"/procurements/{procurement.pk}/notices/", {**DETAILS, f"value_after_{amendment.pk}": "-1"})
    assert refused.status_code == 422
    assert build.modification_of(fresh(procurement).contracts.get().amendments.get()).reason_code == "mod-nons"


def test_another_procurements_amendment_or_none_is_refused(client, official, amended):
    procurement, _tender, amendment = amended
    other_official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    other = factories.create_procurement(other_official)
    core.change_phase(other_official, other, "tendering")
    core.change_phase(other_official, other, "contract")
    foreign = amend(other_official, contracts.create_contract(other_official, other, {
        **CONTRACT, "starts_on": timezone.localdate(), "ends_on": timezone.localdate() + timedelta(days=365)}))
    client.force_login(official)
    base = f"/api/v1/procurements/{procurement.pk}/notices"
    for query in (f"?amendment={foreign.pk}", "", "?amendment=x"):
        response = client.get(f"{base}/38/xml{query}")
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "amendment", query
    response = client.post(f"{base}/submissions", {"kind": "38", "amendment": foreign.pk}, content_type="application/json")
    assert response.status_code == 422
    assert client.get(f"/procurements/{procurement.pk}/notices/38/preview/?amendment={foreign.pk}").status_code == 404
    # Details for another procurement's amendment are not taken: no field is offered for it.
    client.put(f"{base}/details", {**DETAILS, **modification(foreign)}, content_type="application/json")
    assert not ModificationDetails.objects.filter(amendment=foreign).exists()
    # Below the EU threshold there is no modification notice at all, and the amendment offers none.
    Procurement.objects.filter(pk=procurement.pk).update(estimated_value=Decimal("500000"))
    assert all(row["kind"] != "38" for row in rows(client, procurement))
    assert "#amendment-" not in client.get(f"/contracts/{amendment.contract_id}/").content.decode()
    response = client.get(f"{base}/38/xml?amendment={amendment.pk}")
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "kind"
    assert not Submission.objects.filter(kind="38").exists()


def test_the_buyers_legal_type_comes_from_its_organisation(client, official, awarded):
    procurement, tender = awarded
    ready(official, procurement, tender)
    Organisation.objects.filter(pk=procurement.authority_id).update(legal_type="")
    client.force_login(official)
    listed = {row["kind"]: row for row in rows(client, procurement)}
    assert "buyer_legal_type" in {gap["field"] for gap in listed["20"]["missing"]}
    response = client.post(f"/procurements/{procurement.pk}/notices/", {**DETAILS, "buyer_legal_type": "la"})
    assert response.status_code == 302
    procurement.authority.refresh_from_db()
    assert procurement.authority.legal_type == "la"
    xml = client.get(f"/api/v1/procurements/{procurement.pk}/notices/20/xml")
    assert xml.status_code == 200, xml.content
    xml = xml.content
    assert etree.fromstring(xml).xpath("//cbc:PartyTypeCode[@listName='buyer-legal-type']/text()",
                                       namespaces=NS) == ["la"]
    refused = client.put(f"/api/v1/procurements/{procurement.pk}/notices/details", {**DETAILS, "buyer_legal_type": "xx"},
                         content_type="application/json")
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "buyer_legal_type"

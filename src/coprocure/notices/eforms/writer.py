"""One eForms notice (``data.Notice``) as UBL 2.3 XML with the eForms extensions (SDK 1.15).

The element order follows the UBL schemas and the shape of the SDK's official examples
(cn-social_24.xml, can-social_24.xml, E3/E4_minimal.xml); docs/notices.md lists each business
term (BT-…) written here and where its value comes from.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from lxml import etree

from coprocure.domain.notice_kinds import NoticeKind

from .data import Criterion, Lot, Notice, Organisation

NS = {
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "efext": "http://data.europa.eu/p27/eforms-ubl-extensions/1",
    "efac": "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1",
    "efbc": "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1",
}
ROOTS = {
    "ContractNotice": "urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2",
    "ContractAwardNotice": "urn:oasis:names:specification:ubl:schema:xsd:ContractAwardNotice-2",
    "PriorInformationNotice": "urn:oasis:names:specification:ubl:schema:xsd:PriorInformationNotice-2",
}
# kind → (root element, NoticeTypeCode's list, notice type, regulatory domain)
SHAPES = {
    NoticeKind.PRE_MARKET_CONSULTATION: ("PriorInformationNotice", "consultation", "pmc", "other"),
    NoticeKind.PRIOR_INFORMATION: ("PriorInformationNotice", "planning", "pin-only", "other"),
    NoticeKind.CONTRACT_NOTICE_LIGHT: ("ContractNotice", "competition", "cn-social", "32014L0024"),
    NoticeKind.CONTRACT_NOTICE_NATIONAL: ("ContractNotice", "competition", "cn-standard", "other"),
    NoticeKind.AWARD_NOTICE_LIGHT: ("ContractAwardNotice", "result", "can-social", "32014L0024"),
    NoticeKind.AWARD_NOTICE_NATIONAL: ("ContractAwardNotice", "result", "can-standard", "other"),
    NoticeKind.MODIFICATION: ("ContractAwardNotice", "cont-modif", "can-modif", "32014L0024"),
}
NATIONAL_KINDS = {NoticeKind.PRE_MARKET_CONSULTATION, NoticeKind.PRIOR_INFORMATION,
                  NoticeKind.CONTRACT_NOTICE_NATIONAL, NoticeKind.AWARD_NOTICE_NATIONAL}
PLANNING_KINDS = {NoticeKind.PRE_MARKET_CONSULTATION, NoticeKind.PRIOR_INFORMATION}
AWARD_KINDS = {NoticeKind.AWARD_NOTICE_LIGHT, NoticeKind.AWARD_NOTICE_NATIONAL}
COMPETITION_KINDS = {NoticeKind.CONTRACT_NOTICE_LIGHT, NoticeKind.CONTRACT_NOTICE_NATIONAL}
# A modification notice repeats the award notice's result for the modified contract.
RESULT_KINDS = AWARD_KINDS | {NoticeKind.MODIFICATION}
TWO_STAGE = {"restricted", "neg-w-call", "comp-dial", "innovation", "oth-mult"}
LEGAL_BASIS = "Laki julkisista hankinnoista ja käyttöoikeussopimuksista (1397/2016)"


class _Builder:
    def __init__(self, root: str, language: str):
        self.root = etree.Element(f"{{{ROOTS[root]}}}{root}", nsmap={None: ROOTS[root], **NS})
        self.language = language

    @staticmethod
    def sub(parent, tag: str, text=None, **attributes):
        prefix, name = tag.split(":")
        element = etree.SubElement(parent, f"{{{NS[prefix]}}}{name}")
        for key, value in attributes.items():
            element.set(key, value)
        if text is not None:
            element.text = _format(text)
        return element

    def text(self, parent, tag: str, value: str):
        return self.sub(parent, tag, value, languageID=self.language)

    def ref(self, parent, tag: str, scheme: str, value: str):
        self.sub(self.sub(parent, tag), "cbc:ID", value, schemeName=scheme)


def _format(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime):
        return value.strftime("%H:%M:%S%z")[:-2] + ":" + value.strftime("%z")[-2:]
    if isinstance(value, date):
        return f"{value.isoformat()}Z"
    return str(value)


def _date(moment: datetime) -> str:
    offset = moment.strftime("%z")
    return f"{moment.date().isoformat()}{offset[:-2]}:{offset[-2:]}"


def _organisation(b: _Builder, parent, org: Organisation):
    company = b.sub(b.sub(parent, "efac:Organization"), "efac:Company")
    if org.website:
        b.sub(company, "cbc:WebsiteURI", org.website)
    if org.size:
        b.sub(company, "efbc:CompanySizeCode", org.size, listName="economic-operator-size")
    b.ref(company, "cac:PartyIdentification", "organization", org.id)
    b.text(b.sub(company, "cac:PartyName"), "cbc:Name", org.name)
    address = b.sub(company, "cac:PostalAddress")
    if org.street:
        b.sub(address, "cbc:StreetName", org.street)
    b.sub(address, "cbc:CityName", org.city)
    if org.postcode:
        b.sub(address, "cbc:PostalZone", org.postcode)
    if org.nuts:
        b.sub(address, "cbc:CountrySubentityCode", org.nuts, listName="nuts")
    b.sub(b.sub(address, "cac:Country"), "cbc:IdentificationCode", org.country, listName="country")
    if org.company_id:
        b.sub(b.sub(company, "cac:PartyLegalEntity"), "cbc:CompanyID", org.company_id)
    if org.email or org.phone:
        contact = b.sub(company, "cac:Contact")
        if org.phone:
            b.sub(contact, "cbc:Telephone", org.phone)
        if org.email:
            b.sub(contact, "cbc:ElectronicMail", org.email)


def _results(b: _Builder, parent, notice: Notice):
    result = b.sub(parent, "efac:NoticeResult")
    if notice.total_awarded is not None:
        b.sub(result, "cbc:TotalAmount", notice.total_awarded, currencyID="EUR")
    for number, lot in enumerate(notice.results, start=1):
        entry = b.sub(result, "efac:LotResult")
        b.sub(entry, "cbc:ID", f"RES-{number:04d}", schemeName="result")
        # A modification notice names the changed contract only: no result code, no statistics (BT-142, BT-759).
        summary = notice.kind is not NoticeKind.MODIFICATION
        if summary:
            b.sub(entry, "cbc:TenderResultCode", _result_code(lot), listName="winner-selection-status")
        if summary and not lot.received:
            # A lot nobody bid for is closed without a winner for that reason (BT-144), and
            # states no statistics.
            b.sub(b.sub(entry, "efac:DecisionReason"), "efbc:DecisionReasonCode", "no-rece",
                  listName="non-award-justification")
        # Every tender of the lot, the winner's among them (OPT-321 is named by a lot's result).
        for tender in notice.tenders:
            if tender.lot_id == lot.lot_id:
                b.ref(entry, "efac:LotTender", "tender", tender.id)
        # A lot still without a winner (open-nw) states no statistics either (BR-BT-00760-0110).
        if summary and lot.winner_tender_id:
            for code, count in (("tenders", lot.received), *lot.statistics):
                statistics = b.sub(entry, "efac:ReceivedSubmissionsStatistics")
                b.sub(statistics, "efbc:StatisticsCode", code, listName="received-submission-type")
                b.sub(statistics, "efbc:StatisticsNumeric", count)
        if lot.contract_id:
            b.ref(entry, "efac:SettledContract", "contract", lot.contract_id)
        b.ref(entry, "efac:TenderLot", "Lot", lot.lot_id)
    for tender in notice.tenders:
        entry = b.sub(result, "efac:LotTender")
        b.sub(entry, "cbc:ID", tender.id, schemeName="tender")
        if tender.value is not None:
            b.sub(b.sub(entry, "cac:LegalMonetaryTotal"), "cbc:PayableAmount", tender.value, currencyID="EUR")
        b.ref(entry, "efac:TenderingParty", "tendering-party", tender.party_id)
        b.ref(entry, "efac:TenderLot", "Lot", tender.lot_id)
        b.sub(b.sub(entry, "efac:TenderReference"), "cbc:ID", f"{notice.reference}-{tender.id}")  # BT-3201
    for lot in notice.results:
        if not lot.contract_id:
            continue
        contract = b.sub(result, "efac:SettledContract")
        b.sub(contract, "cbc:ID", lot.contract_id, schemeName="contract")
        if lot.contract_signed_on:
            # In the notice's own time zone: "Z" would put a contract made today after the notice.
            b.sub(contract, "cbc:IssueDate", _date(datetime.combine(lot.contract_signed_on, notice.issued_at.timetz())))
        b.sub(b.sub(contract, "efac:ContractReference"), "cbc:ID", lot.contract_reference)
        b.ref(contract, "efac:LotTender", "tender", lot.winner_tender_id)
    for tender in notice.tenders:
        party = b.sub(result, "efac:TenderingParty")
        b.sub(party, "cbc:ID", tender.party_id, schemeName="tendering-party")
        consortium = len(tender.organisation_ids) > 1
        for index, organisation in enumerate(tender.organisation_ids):
            tenderer = b.sub(party, "efac:Tenderer")
            b.sub(tenderer, "cbc:ID", organisation, schemeName="organization")
            if consortium:
                b.sub(tenderer, "efbc:GroupLeadIndicator", index == 0)


def _result_code(lot) -> str:
    if lot.winner_tender_id:
        return "selec-w"
    return "open-nw" if lot.received else "clos-nw"


def _modification(b: _Builder, parent, notice: Notice):
    change = notice.modification
    entry = b.sub(parent, "efac:ContractModification")
    b.sub(entry, "efbc:ChangedNoticeIdentifier", change.changed_notice, schemeName="notice-id-ref")
    b.sub(entry, "efbc:ModifiedContractIdentifier", change.contract_id, schemeName="contract")
    b.text(b.sub(entry, "efac:Change"), "efbc:ChangeDescription", change.description)
    reason = b.sub(entry, "efac:ChangeReason")
    b.sub(reason, "cbc:ReasonCode", change.reason_code, listName="modification-justification")
    b.text(reason, "efbc:ReasonDescription", change.reason)


def _extension(b: _Builder, notice: Notice):
    content = b.sub(b.sub(b.sub(b.root, "ext:UBLExtensions"), "ext:UBLExtension"), "ext:ExtensionContent")
    eforms = b.sub(content, "efext:EformsExtension")
    if notice.modification is not None:
        _modification(b, eforms, notice)
    if notice.kind in RESULT_KINDS:
        _results(b, eforms, notice)
    b.sub(b.sub(eforms, "efac:NoticeSubType"), "cbc:SubTypeCode", notice.kind.value, listName="notice-subtype")
    organisations = b.sub(eforms, "efac:Organizations")
    seen = set()
    # A planning notice names no review body, so it does not list one either (OPT-200 must be used).
    listed = [o for o in notice.organisations if notice.kind not in PLANNING_KINDS or o is not notice.review_body]
    for org in listed:
        if org.id not in seen:
            seen.add(org.id)
            # A modification notice does not state the winners' size again (BT-165).
            _organisation(b, organisations, replace(org, size="") if notice.kind is NoticeKind.MODIFICATION else org)


def _location(b: _Builder, parent, nuts: str):
    address = b.sub(b.sub(parent, "cac:RealizedLocation"), "cac:Address")
    b.sub(address, "cbc:CountrySubentityCode", nuts, listName="nuts")
    b.sub(b.sub(address, "cac:Country"), "cbc:IdentificationCode", "FIN", listName="country")


def _project(b: _Builder, parent, notice: Notice, name: str, description: str, cpv: str, nuts: str,
             value: Decimal | None, additional: tuple[str, ...] = (), reference: str = ""):
    project = b.sub(parent, "cac:ProcurementProject")
    if reference:
        b.sub(project, "cbc:ID", reference, schemeName="InternalID")
    b.text(project, "cbc:Name", name)
    b.text(project, "cbc:Description", description)
    b.sub(project, "cbc:ProcurementTypeCode", "services", listName="contract-nature")
    if value is not None and notice.kind not in RESULT_KINDS:
        b.sub(b.sub(project, "cac:RequestedTenderTotal"), "cbc:EstimatedOverallContractAmount", value, currencyID="EUR")
    b.sub(b.sub(project, "cac:MainCommodityClassification"), "cbc:ItemClassificationCode", cpv, listName="cpv")
    for code in additional:
        b.sub(b.sub(project, "cac:AdditionalCommodityClassification"), "cbc:ItemClassificationCode", code, listName="cpv")
    _location(b, project, nuts)


def _criterion(b: _Builder, parent, criterion: Criterion):
    entry = b.sub(parent, "cac:SubordinateAwardingCriterion")
    content = b.sub(b.sub(b.sub(entry, "ext:UBLExtensions"), "ext:UBLExtension"), "ext:ExtensionContent")
    parameter = b.sub(b.sub(content, "efext:EformsExtension"), "efac:AwardCriterionParameter")
    b.sub(parameter, "efbc:ParameterCode", "per-exa", listName="number-weight")
    b.sub(parameter, "efbc:ParameterNumeric", criterion.weight)
    b.sub(entry, "cbc:AwardingCriterionTypeCode", criterion.kind, listName="award-criterion-type")
    b.text(entry, "cbc:Name", criterion.name)
    b.text(entry, "cbc:Description", criterion.description or criterion.name)


def _consultation(b: _Builder, entry, notice: Notice, lot: Lot):
    """A pre-market consultation's lot: where and by when interested providers answer."""
    terms = b.sub(entry, "cac:TenderingTerms")
    b.sub(b.sub(terms, "cac:TenderRecipientParty"), "cbc:EndpointID", notice.endpoint)
    b.sub(b.sub(terms, "cac:Language"), "cbc:ID", notice.language)
    if lot.deadline is not None:
        content = b.sub(b.sub(b.sub(b.sub(entry, "cac:TenderingProcess"), "ext:UBLExtensions"), "ext:UBLExtension"),
                        "ext:ExtensionContent")
        period = b.sub(b.sub(content, "efext:EformsExtension"), "efac:AnswerReceptionPeriod")
        b.sub(period, "cbc:EndDate", _date(lot.deadline))
        b.sub(period, "cbc:EndTime", lot.deadline)


def _lot(b: _Builder, notice: Notice, lot: Lot):
    entry = b.sub(b.root, "cac:ProcurementProjectLot")
    # A prior information notice announces parts of a future procurement, not lots (BT-137-Part).
    b.sub(entry, "cbc:ID", lot.id, schemeName="Part" if lot.id.startswith("PAR-") else "Lot")
    if notice.kind is NoticeKind.PRE_MARKET_CONSULTATION:
        _consultation(b, entry, notice, lot)
    if notice.kind in RESULT_KINDS:
        appeal = b.sub(b.sub(entry, "cac:TenderingTerms"), "cac:AppealTerms")
        b.ref(b.sub(appeal, "cac:AppealReceiverParty"), "cac:PartyIdentification", "organization",
              notice.review_body.id)
    if notice.kind in COMPETITION_KINDS:
        terms = b.sub(entry, "cac:TenderingTerms")
        # CoProcure's calls are not reserved for sheltered workshops or social enterprises (BT-71, BT-736).
        reserved = b.sub(b.sub(terms, "cac:TendererQualificationRequest"), "cac:SpecificTendererRequirement")
        b.sub(reserved, "cbc:TendererRequirementTypeCode", "none", listName="reserved-procurement")
        requirement = b.sub(b.sub(terms, "cac:TendererQualificationRequest"), "cac:SpecificTendererRequirement")
        b.sub(requirement, "cbc:TendererRequirementTypeCode", "epo-procurement-document",
              listName="selection-criteria-source")
        b.sub(b.sub(terms, "cac:ContractExecutionRequirement"), "cbc:ExecutionRequirementCode", "no",
              listName="reserved-execution")
        if lot.criteria:
            criterion = b.sub(b.sub(terms, "cac:AwardingTerms"), "cac:AwardingCriterion")
            for item in lot.criteria:
                _criterion(b, criterion, item)
        if notice.tender_url:
            b.sub(b.sub(terms, "cac:TenderRecipientParty"), "cbc:EndpointID", notice.tender_url)
        appeal = b.sub(terms, "cac:AppealTerms")
        b.ref(b.sub(appeal, "cac:AppealReceiverParty"), "cac:PartyIdentification", "organization",
              notice.review_body.id)
        b.sub(b.sub(terms, "cac:Language"), "cbc:ID", notice.language)
        if lot.deadline is not None:
            # CoProcure's call has one deadline. The rules allow no deadline for bids (BT-131) in a
            # two-stage procedure's notice (BR-BT-00131-0110): there it is the deadline for
            # requests to take part (BT-1311).
            period = b.sub(b.sub(entry, "cac:TenderingProcess"), "cac:ParticipationRequestReceptionPeriod"
                           if notice.procedure in TWO_STAGE else "cac:TenderSubmissionDeadlinePeriod")
            b.sub(period, "cbc:EndDate", _date(lot.deadline))
            b.sub(period, "cbc:EndTime", lot.deadline)
    _project(b, entry, notice, lot.title, lot.description, lot.cpv, lot.nuts, lot.value, reference=lot.key)


def notice_xml(notice: Notice) -> bytes:
    root_name, list_name, notice_type, domain = SHAPES[notice.kind]
    b = _Builder(root_name, notice.language)
    _extension(b, notice)
    root = b.root
    b.sub(root, "cbc:UBLVersionID", "2.3")
    b.sub(root, "cbc:CustomizationID", "eforms-sdk-1.15")
    b.sub(root, "cbc:ID", notice.notice_id, schemeName="notice-id")
    if notice.kind not in PLANNING_KINDS:  # a planning notice precedes the procedure: no BT-04 yet
        b.sub(root, "cbc:ContractFolderID", notice.folder_id)
    b.sub(root, "cbc:IssueDate", _date(notice.issued_at))
    b.sub(root, "cbc:IssueTime", notice.issued_at)
    b.sub(root, "cbc:VersionID", "01")
    b.sub(root, "cbc:RegulatoryDomain", domain)
    b.sub(root, "cbc:NoticeTypeCode", notice_type, listName=list_name)
    b.sub(root, "cbc:NoticeLanguageCode", notice.language)
    party = b.sub(root, "cac:ContractingParty")
    if notice.kind not in NATIONAL_KINDS and notice.kind is not NoticeKind.MODIFICATION:
        b.sub(b.sub(party, "cac:ContractingPartyType"), "cbc:PartyTypeCode", notice.buyer_legal_type,
              listName="buyer-legal-type")
        b.sub(b.sub(party, "cac:ContractingActivity"), "cbc:ActivityTypeCode", notice.buyer_activity,
              listName="authority-activity")
    b.ref(b.sub(party, "cac:Party"), "cac:PartyIdentification", "organization", notice.buyer.id)
    if notice.kind in NATIONAL_KINDS or notice.kind in COMPETITION_KINDS:
        terms = b.sub(root, "cac:TenderingTerms")
        if notice.kind in NATIONAL_KINDS:
            legislation = b.sub(terms, "cac:ProcurementLegislationDocumentReference")
            b.sub(legislation, "cbc:ID", "LocalLegalBasis")
            b.text(legislation, "cbc:DocumentDescription", LEGAL_BASIS)
        if notice.kind in COMPETITION_KINDS:
            requirement = b.sub(b.sub(terms, "cac:TendererQualificationRequest"), "cac:SpecificTendererRequirement")
            b.sub(requirement, "cbc:TendererRequirementTypeCode", "epo-procurement-document",
                  listName="exclusion-grounds-source")
    if notice.kind in COMPETITION_KINDS:
        process = b.sub(root, "cac:TenderingProcess")
        if notice.procedure_features:
            b.text(process, "cbc:Description", notice.procedure_features)
        b.sub(process, "cbc:ProcedureCode", notice.procedure, listName="procurement-procedure-type")
    _project(b, root, notice, notice.title, notice.description, notice.cpv, notice.nuts, notice.value,
             notice.additional_cpv, reference=notice.reference)
    for lot in notice.lots:
        _lot(b, notice, lot)
    if notice.kind in RESULT_KINDS and notice.award_date:
        b.sub(b.sub(root, "cac:TenderResult"), "cbc:AwardDate", notice.award_date)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

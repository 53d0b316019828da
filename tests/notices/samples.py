"""Hand-built notices of every kind, for checking the writer against the SDK without a database."""

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from coprocure.domain.notice_kinds import NoticeKind
from coprocure.notices.eforms.data import Criterion, Lot, LotResult, Modification, Notice, Organisation, Tender
from coprocure.notices.reference import review_body

HELSINKI = timezone(timedelta(hours=2))
BUYER = Organisation("ORG-0001", "Pirkanmaan hyvinvointialue", "3221308-6", "Tampere", nuts="FI19B",
                     street="Hatanpään valtatie 24", postcode="33100", email="kirjaamo@pirha.fi",
                     phone="+358 3 311 611", website="https://www.pirha.fi")
LEAD = Organisation("ORG-0003", "Päihdepalvelut Kulma Oy", "1234567-1", "Tampere", size="small",
                    postcode="33200", nuts="FI19B")
MEMBER = Organisation("ORG-0004", "Kulman Tuki ry", "7654321-8", "Nokia", size="micro", postcode="37100",
                      nuts="FI19B")
# The one bid's lead is small; no bid from another EEA country or from outside the EEA.
STATISTICS = (("t-micro", 0), ("t-small", 1), ("t-med", 0), ("t-large", 0), ("t-oth-eea", 0), ("t-no-eea", 0))
CRITERIA = (
    Criterion("price", "Hinta", "Vertailuhinta", Decimal("30")),
    Criterion("quality", "Asiakkaiden osallisuus", "Miten asiakkaat osallistuvat palvelun kehittämiseen", Decimal("70")),
)


def notice(kind: NoticeKind, lots: int = 1, procedure: str = "oth-single") -> Notice:
    prefix = "PAR" if kind is NoticeKind.PRIOR_INFORMATION else "LOT"
    lot_list = tuple(
        Lot(f"{prefix}-{n:04d}", str(n), f"Osa {n}", f"Osan {n} kuvaus", "85312500", "FI19B", CRITERIA,
            Decimal("900000"), datetime(2027, 3, 1, 12, 0, tzinfo=HELSINKI))
        for n in range(1, lots + 1)
    )
    award = kind in (NoticeKind.AWARD_NOTICE_LIGHT, NoticeKind.AWARD_NOTICE_NATIONAL, NoticeKind.MODIFICATION)
    modification = Modification(
        "CON-0001", "5d0c1b2a-7e3f-4a6b-9c8d-1e2f3a4b5c6d-01", "add-wss", "Asiakasmäärä kasvoi",
        "Palveluun lisätään iltaryhmä. Arvo ennen muutosta 850000.00 €, muutoksen jälkeen 990000.00 €.",
        Decimal("850000"), Decimal("990000"),
    ) if kind is NoticeKind.MODIFICATION else None
    tenders = (
        Tender("TEN-0001", "TPA-0001", "LOT-0001", ("ORG-0003", "ORG-0004"), Decimal("850000"), True),
    ) if award else ()
    # Only the first lot had a bid: the others are closed without a winner.
    results = tuple(
        LotResult(lot.id, 1, "TEN-0001", "CON-0001", "HANK-1", date(2027, 1, 5), STATISTICS) if n == 0
        else LotResult(lot.id, 0)
        for n, lot in enumerate(lot_list)
    ) if award else ()
    if modification:  # as notices.build does: the result narrowed to the modified contract's lot
        lot_list, results = lot_list[:1], results[:1]
    return Notice(
        kind=kind, notice_id="7c1bb4a5-3f4f-4d8b-9b2e-0f7c2d3b1a01", folder_id="0b5c9d62-3d9e-4a57-9e8f-6c1f3b2a4d10",
        issued_at=datetime(2027, 1, 10, 9, 30, tzinfo=HELSINKI), language="FIN", reference="HANK-1",
        title="Päihdekuntoutus", description="Avopäihdekuntoutus Pirkanmaalla", procedure=procedure,
        cpv="85312500", additional_cpv=("85323000",), nuts="FI19B", buyer_legal_type="ra",
        buyer_activity="health", value=Decimal("900000"), buyer=BUYER, review_body=review_body(),
        lots=lot_list, tenderers=(LEAD, MEMBER) if award else (), tenders=tenders, results=results,
        award_date=date(2027, 4, 1) if award else None,
        total_awarded=Decimal("850000") if award else None,
        endpoint="https://coprocure.example.fi/procurements/1/participation/", modification=modification,
        tender_url="https://coprocure.example.fi/procurements/1/tender/", procedure_features="Kevennetty menettely",
    )

"""What one eForms notice says, as plain data built from CoProcure's models by
``notices.build``. The writer turns it into XML; the preview and the OCDS comparison read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from coprocure.domain.notice_kinds import NoticeKind


@dataclass(frozen=True)
class Organisation:
    id: str            # ORG-0001 …
    name: str
    company_id: str    # BT-501: the business ID (Y-tunnus)
    city: str
    country: str = "FIN"
    nuts: str = ""
    street: str = ""
    postcode: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    size: str = ""     # BT-165, economic-operator-size, for winners


@dataclass(frozen=True)
class Criterion:
    kind: str          # award-criterion-type: price | quality
    name: str
    description: str
    weight: Decimal    # percent, BT-541 with BT-5421 "per-exa"


@dataclass(frozen=True)
class Lot:
    id: str            # LOT-0001 …
    key: str           # the lot's id in the OCDS release
    title: str
    description: str
    cpv: str
    nuts: str
    criteria: tuple[Criterion, ...]
    value: Decimal | None = None
    deadline: datetime | None = None


@dataclass(frozen=True)
class Tender:
    """A bid as the award notice names it (LotTender), with its tendering party."""

    id: str            # TEN-0001 …
    party_id: str      # TPA-0001 …
    lot_id: str
    organisation_ids: tuple[str, ...]  # the lead first, then the consortium's members
    value: Decimal | None
    winner: bool


@dataclass(frozen=True)
class LotResult:
    lot_id: str
    received: int
    winner_tender_id: str = ""   # empty: no winner chosen
    contract_id: str = ""        # CON-0001 …
    contract_reference: str = ""
    contract_signed_on: date | None = None
    # BT-759/BT-760 beyond the count of tenders: received tenders by the tenderer's size
    # (t-micro, t-small, t-med, t-large) and origin (t-oth-eea, t-no-eea), award notices only.
    statistics: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Modification:
    """What a contract modification notice (38) adds: which contract of which earlier notice
    changed, on what ground, how, and its value before and after (without VAT)."""

    contract_id: str          # CON-0001 …, as the award notice named the contract (BT-1501(c))
    changed_notice: str       # the award notice's identifier and version, UUID-01 (BT-1501(n))
    reason_code: str          # modification-justification (BT-200)
    reason: str               # BT-201
    description: str          # BT-202, with the value before and after in words
    value_before: Decimal | None
    value_after: Decimal


@dataclass(frozen=True)
class Notice:
    kind: NoticeKind
    notice_id: str            # a UUID, BT-701
    folder_id: str            # a UUID per procurement, BT-04
    issued_at: datetime
    language: str             # ISO 639-2/B upper case: FIN, SWE, ENG
    reference: str            # the procurement's reference, BT-22
    title: str
    description: str
    procedure: str            # procurement-procedure-type
    cpv: str
    additional_cpv: tuple[str, ...]
    nuts: str
    buyer_legal_type: str
    buyer_activity: str
    value: Decimal | None
    buyer: Organisation
    review_body: Organisation
    lots: tuple[Lot, ...]
    tenderers: tuple[Organisation, ...] = ()
    tenders: tuple[Tender, ...] = ()
    results: tuple[LotResult, ...] = ()
    award_date: date | None = None
    total_awarded: Decimal | None = None
    endpoint: str = ""        # E1: where interested providers answer (BT-18)
    tender_url: str = ""      # a contract notice: where bids are submitted (BT-18)
    procedure_features: str = ""  # BT-88, the procedure in words
    modification: Modification | None = None  # 38 only
    extra: dict = field(default_factory=dict)

    @property
    def organisations(self) -> tuple[Organisation, ...]:
        return (self.buyer, self.review_body, *self.tenderers)

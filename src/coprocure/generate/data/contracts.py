"""Contracts with the winners, their key result areas and indicator values, and alliance settlements."""

from __future__ import annotations

import math
from datetime import timedelta
from decimal import Decimal

from coprocure.alliance import selectors as alliance_selectors
from coprocure.alliance.models import CostLine, CostStatus, ProviderSplit, SettlementPeriod, Statement
from coprocure.contracts.models import Contract, Indicator, Kra, Measurement, Party
from coprocure.domain import settlement
from coprocure.domain.errors import DomainError

from .common import BATCH, batched, first_of_month, insert, t


class Contracts:
    def contracts(self) -> None:
        rows, winners = [], []
        for tender in self.tenders:
            if tender.pk not in self.winners:
                continue
            p = tender.procurement
            starts = first_of_month(tender.deadline.date() + timedelta(days=30), 1)
            kind = p.intended_contract_kind or "partnership"
            rows.append(Contract(procurement=p, kind=kind, title=p.title, starts_on=starts,
                                 ends_on=starts + timedelta(days=365 * 4)))
            winners.append(self.winners[tender.pk])
        self.contract_rows = insert(Contract, rows, "contracts", self.progress)
        parties = []
        provider_names = {org.pk: org.name for org in self.providers}
        authority_names = {org.pk: org.name for org in self.authorities}
        for contract, bid in zip(self.contract_rows, winners, strict=True):
            parties.append(Party(contract=contract, organisation_id=contract.procurement.authority_id,
                                 name=authority_names[contract.procurement.authority_id], role="authority"))
            parties.append(Party(contract=contract, organisation_id=bid.lead_id, name=provider_names[bid.lead_id],
                                 role="consortium_lead" if contract.kind == "alliance" else "provider"))
            if contract.kind == "alliance":
                partner = self.rng.choice([r for r in self.representatives if r.organisation_id != bid.lead_id])
                parties.append(Party(contract=contract, organisation_id=partner.organisation_id,
                                     name=provider_names[partner.organisation_id], role="consortium_member"))
        self.parties = insert(Party, parties, "contract parties", self.progress)
        kras = insert(Kra, [
            Kra(contract=contract, name=t(*name), weight=Decimal("0.25"), ordering=n)
            for contract in self.contract_rows for n, name in enumerate((
                ("Asumisen pysyvyys", "Boendets varaktighet", "Lasting housing"),
                ("Asiakkaan kokemus", "Klientens upplevelse", "Client experience"),
                ("Työllistyminen", "Sysselsättning", "Employment"),
                ("Kustannusvaikuttavuus", "Kostnadseffektivitet", "Cost-effectiveness")))
        ], "key result areas", self.progress)
        indicators = insert(Indicator, [
            Indicator(kra=kra, code=f"kra{kra.ordering + 1}-{n + 1}", name=t(f"Mittari {n + 1}", f"Mätare {n + 1}", f"Indicator {n + 1}"),
                      unit="percent", direction="higher_is_better", baseline=Decimal("60"), minimum=Decimal("60"),
                      target=Decimal("75"), excellent=Decimal("90"), frequency="monthly", data_source="provider_report")
            for kra in kras for n in range(3)
        ], "indicators", self.progress)
        starts_of = {contract.pk: contract.starts_on for contract in self.contract_rows}
        contract_of = {kra.pk: kra.contract_id for kra in kras}
        each, extra = divmod(self.scale.measurements, max(len(indicators), 1))

        def values(chunk: list[Indicator]) -> list[Measurement]:
            rows = []
            for indicator in chunk:
                first = starts_of[contract_of[indicator.kra_id]]
                level = self.rng.uniform(60, 85)
                for month in range(each + (indicator.pk in bonus)):
                    level = min(100, max(0, level + self.rng.uniform(-3, 3.5)))
                    rows.append(Measurement(indicator=indicator, period_start=first_of_month(first, month),
                                            period_end=first_of_month(first, month + 1) - timedelta(days=1),
                                            value=Decimal(f"{level:.1f}"), source="api"))
            return Measurement.objects.bulk_create(rows, batch_size=BATCH)

        # Written a few hundred indicators at a time: national scale has two million values.
        bonus = {indicator.pk for indicator in indicators[:extra]}
        for _chunk in self.progress("indicator values", (values(chunk) for chunk in batched(indicators, 500)),
                                    self.scale.measurements):
            pass
        self.counts.update(contracts=len(self.contract_rows), measurements=self.scale.measurements)

    def alliance(self) -> None:
        alliances = [c for c in self.contract_rows if c.kind == "alliance"]
        officials = {c.pk: self.officials[c.procurement.authority_id] for c in alliances}
        providers = {}
        for party in self.parties:
            if party.role != "authority":
                providers.setdefault(party.contract_id, []).append(party)
        # Quarterly, as alliances settle: sixteen quarters over the four contract years.
        periods = insert(SettlementPeriod, [
            SettlementPeriod(contract=c, label=f"{first_of_month(c.starts_on, 3 * n):%Y-%m}",
                             starts_on=first_of_month(c.starts_on, 3 * n),
                             ends_on=first_of_month(c.starts_on, 3 * n + 3) - timedelta(days=1),
                             target_cost=Decimal("500000"), fee_kind="target_rate", fee_amount=Decimal("0.06"),
                             gain_share=Decimal("0.5"), pain_share=Decimal("0.5"), gain_cap=Decimal("150000"),
                             pain_cap=Decimal("150000"), kra_bonus_pool=Decimal("80000"), kra_sanction_pool=Decimal("60000"))
            for c in alliances for n in range(16)
        ], "settlement periods", self.progress)
        insert(ProviderSplit, [
            ProviderSplit(period=period, party=party, percent=Decimal(share))
            for period in periods for party, share in zip(providers[period.contract_id], ("60", "40"), strict=True)
        ], "provider splits", self.progress)
        lines = []
        each = math.ceil(self.scale.cost_lines / max(len(periods), 1))
        for period in periods:
            settled = period.ends_on < self.today
            for n in range(each):
                if len(lines) >= self.scale.cost_lines:
                    break
                party = providers[period.contract_id][n % 2]
                status = CostStatus.APPROVED if settled else self.rng.choice(list(CostStatus))
                lines.append(CostLine(
                    period=period, party=party, amount=Decimal(self.rng.randrange(2_000, 2_000_000_00 // max(each, 1), 100)) / 100,
                    category=self.rng.choice(["Henkilöstö", "Toimitilat", "Matkat", "Koulutus"]),
                    evidence=f"Lasku {period.label}-{n + 1}", status=status,
                    reason="Ei sovittu kustannuslaji." if status == CostStatus.REJECTED else "",
                    reported_by=None, decided_by=officials[period.contract_id] if status != CostStatus.REPORTED else None,
                    decided_at=self.now if status != CostStatus.REPORTED else None))
        insert(CostLine, lines, "cost lines", self.progress)
        statements = []
        settled = [p for p in periods if p.ends_on < self.today]
        for period in self.progress("settlement statements", settled, len(settled)):
            try:
                document = settlement.to_json_dict(alliance_selectors.draft(alliance_selectors.period_page(period.pk)).settle())
            except DomainError:
                continue  # a period whose figures cannot be settled stays a draft, as in the app
            statements.append(Statement(period=period, document=document, approved_by=officials[period.contract_id]))
        Statement.objects.bulk_create(statements)
        self.counts.update(settlement_periods=len(periods), cost_lines=len(lines), statements=len(statements))

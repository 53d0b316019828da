"""Procurements with their target groups, the authority's roles in them and the phases they went through."""

from __future__ import annotations

from decimal import Decimal

from coprocure.core.models import Phase, PhaseChange, Procurement, ProcurementRole

from .common import AREAS, BATCH, PROCEDURES, insert, t


class Procurements:
    def procurements(self) -> None:
        rows = []
        for i in range(self.scale.procurements):
            authority = self.authorities[i % len(self.authorities)]
            area = self.rng.choice(list(AREAS))
            (fi, sv, en), _class, _group = AREAS[area]
            year = 2024 + self.rng.randint(0, 2)
            official = self.officials[authority.pk]
            procedure, contract_kind = self.rng.choice(PROCEDURES)
            rows.append(Procurement(
                reference=f"GEN-{i}-{self.rng.getrandbits(32):08x}", authority=authority,
                title=t(f"{fi} {year}", f"{sv} {year}", f"{en} {year}"),
                summary=t(f"{authority.name} hankkii palvelun yhdessä sen käyttäjien kanssa.",
                          f"{authority.name} upphandlar tjänsten tillsammans med användarna.",
                          f"{authority.name} procures the service together with the people who use it."),
                plain_summary=t("Kerro meille, mikä auttaa sinua.", "Berätta för oss vad som hjälper dig.", "Tell us what helps you."),
                service_area=area, procedure=procedure, intended_contract_kind=contract_kind,
                estimated_value=Decimal(self.rng.randrange(100_000, 20_000_000, 1000)), phase=self.pick_phase(),
                is_public=self.rng.random() < 0.95, accountable_official=official, created_by=official))
        self.procurement_rows = insert(Procurement, rows, "procurements", self.progress)
        for procurement in self.procurement_rows:
            procurement.reference = procurement.numbered_reference()
        Procurement.objects.bulk_update(self.procurement_rows, ["reference"], batch_size=BATCH)
        through = Procurement.target_groups.through
        roles, changes, tags = [], [], []
        order = [Phase.PREPARATION, Phase.TENDERING, Phase.CONTRACT, Phase.CLOSED]
        for procurement in self.procurement_rows:
            group = AREAS[procurement.service_area][2]
            if group in self.groups:
                tags.append(through(procurement_id=procurement.pk, targetgroup_id=self.groups[group].pk))
            roles += [ProcurementRole(procurement=procurement, user=self.officials[procurement.authority_id], role="official"),
                      ProcurementRole(procurement=procurement, user=self.staff[procurement.authority_id], role="staff")]
            reached = order.index(procurement.phase)
            changes += [PhaseChange(procurement=procurement, source=order[n], target=order[n + 1],
                                    changed_by=self.officials[procurement.authority_id]) for n in range(reached)]
        through.objects.bulk_create(tags)
        insert(ProcurementRole, roles, "roles", self.progress)
        insert(PhaseChange, changes, "phase changes", self.progress)
        self.counts["procurements"] = len(self.procurement_rows)

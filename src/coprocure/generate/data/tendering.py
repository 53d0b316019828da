"""Objectives, tenders with their quality criteria, and bids sealed as a bidder's are."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from coprocure.core.models import Phase
from coprocure.tendering import sealing
from coprocure.tendering.models import Bid, Objective, QualityCriterion, Tender

from .common import insert, t


class Tendering:
    def tendering(self) -> None:
        tendered = [p for p in self.procurement_rows if p.phase != Phase.PREPARATION]
        insight_of = {}
        for insight in self.insights:
            insight_of.setdefault(insight.procurement_id, []).append(insight)
        objectives = insert(Objective, [
            Objective(procurement=p, statement=t(*said), agreed_on=self.today - timedelta(days=200),
                      agreed_how=t("Sovittiin asiakasraadissa.", "Överenskommet i klientpanelen.", "Agreed in the customer panel."))
            for p in tendered for said in (
                ("Asiakas saa apua viikon sisällä.", "Klienten får hjälp inom en vecka.", "Clients get help within a week."),
                ("Asiakas tapaa saman työntekijän.", "Klienten träffar samma arbetare.", "Clients meet the same worker."))
        ], "objectives", self.progress)
        through = Objective.insights.through
        through.objects.bulk_create([through(objective_id=o.pk, insight_id=insight_of[o.procurement_id][n % 2].pk)
                                     for n, o in enumerate(objectives)])
        tenders = []
        for p in tendered:
            public, wrapped = sealing.new_tender_keys()
            opened = p.phase in (Phase.CONTRACT, Phase.CLOSED)
            deadline = self.now - timedelta(days=self.rng.randint(60, 700)) if opened else self.now + timedelta(days=self.rng.randint(5, 60))
            tenders.append(Tender(
                procurement=p, service_description=t("Palvelukuvaus: katso tavoitteet.", "Tjänstebeskrivning: se målen.",
                                                     "Service description: see the objectives."),
                deadline=deadline, price_weight=Decimal("40"), published_at=deadline - timedelta(days=45),
                public_key=public, wrapped_private_key=wrapped, opened_at=deadline + timedelta(days=1) if opened else None,
                opened_by=self.officials[p.authority_id] if opened else None))
        tenders = insert(Tender, tenders, "tenders", self.progress)
        criteria = insert(QualityCriterion, [
            QualityCriterion(tender=tender, name=t(*name), weight=Decimal("30"), ordering=n,
                             levels={"0": t("Ei kuvattu", "Inte beskrivet", "Not described"),
                                     "5": t("Erinomainen", "Utmärkt", "Excellent")})
            for tender in tenders for n, name in enumerate((("Kokemusasiantuntijoiden osuus", "Erfarenhetsexperternas roll", "Experts by experience"),
                                                           ("Palvelun jatkuvuus", "Tjänstens kontinuitet", "Continuity of care")))
        ], "quality criteria", self.progress)
        objective_of = {}
        for objective in objectives:
            objective_of.setdefault(objective.procurement_id, []).append(objective)
        procurement_of = {tender.pk: tender.procurement_id for tender in tenders}
        through = QualityCriterion.objectives.through
        through.objects.bulk_create([
            through(qualitycriterion_id=c.pk, objective_id=objective_of[procurement_of[c.tender_id]][c.ordering].pk)
            for c in criteria])
        self.bids(tenders, criteria)
        self.tenders = tenders
        self.counts.update(tenders=len(tenders), objectives=len(objectives))

    def bids(self, tenders: list[Tender], criteria: list[QualityCriterion]) -> None:
        keys = {}
        for criterion in criteria:
            keys.setdefault(criterion.tender_id, []).append(criterion.key)
        rows, contents = [], []
        for tender in tenders:
            for representative in self.rng.sample(self.representatives, min(3, len(self.representatives))):
                content = {"price": str(Decimal(self.rng.randrange(50_000_000, 900_000_000, 100)) / 100),
                           "answers": {key: "Kuvaus toteutuksesta ja siitä, miten käyttäjät osallistuvat." for key in keys[tender.pk]}}
                rows.append(Bid(tender=tender, lead_id=representative.organisation_id, submitted_by=representative,
                                submitted_at=tender.deadline - timedelta(days=self.rng.randint(1, 20)), sealed_content=b""))
                contents.append(content)
        bids = insert(Bid, rows, "bids", self.progress)
        by_tender = {tender.pk: tender for tender in tenders}
        for bid, content in zip(bids, contents, strict=True):
            tender = by_tender[bid.tender_id]
            bid.sealed_content = sealing.seal(bytes(tender.public_key), tender.pk, bid.pk, content)
            if tender.opened_at:
                bid.price, bid.answers = Decimal(content["price"]), content["answers"]
        Bid.objects.bulk_update(bids, ["sealed_content", "price", "answers"], batch_size=1000)
        self.winners = {}
        for bid in bids:
            if by_tender[bid.tender_id].opened_at:
                self.winners.setdefault(bid.tender_id, bid)
        self.counts["bids"] = len(bids)

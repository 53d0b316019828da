"""The contract shows what it works towards: the tender's objectives and quality criteria, on
its page and in the API, each criterion with the objectives it serves."""

from coprocure.contracts.award import conclude_award
from coprocure.tendering.models import QualityCriterion

from ..tendering.test_award_contract import CONTRACT, awarded, dates


def test_the_contract_carries_the_tenders_objectives_and_criteria(client, official, procurement):
    decision, _member = awarded(official, procurement)
    contract = conclude_award(official, decision, {**CONTRACT, **dates()})
    criterion = QualityCriterion.objects.filter(tender__procurement=procurement, objectives__isnull=False).first()
    objective = criterion.objectives.order_by("pk").first()

    page = client.get(f"/contracts/{contract.pk}/").content.decode()
    assert "Mihin sopimuksella pyritään" in page
    assert objective.statement["fi"]["text"] in page and criterion.name["fi"]["text"] in page
    assert f'href="#objective-{objective.pk}"' in page  # the criterion links to the objective it serves

    body = client.get(f"/api/v1/contracts/{contract.pk}").json()
    assert objective.pk in [item["id"] for item in body["objectives"]]
    assert len(body["objectives"]) == procurement.objectives.count()
    served = {item["id"]: item["objectives"] for item in body["criteria"]}
    assert sorted(served[criterion.pk]) == sorted(criterion.objectives.values_list("pk", flat=True))
    assert sum(float(item["weight"]) for item in body["criteria"]) == float(
        sum(c.weight for c in QualityCriterion.objects.filter(tender__procurement=procurement)))


def test_a_contract_without_a_tender_says_so(client, official, contract):
    page = client.get(f"/contracts/{contract.pk}/").content.decode()
    assert "Hankinnalla ei ole palvelussa tavoitteita eikä laatukriteerejä." in page
    body = client.get(f"/api/v1/contracts/{contract.pk}").json()
    assert (body["objectives"], body["criteria"]) == ([], [])

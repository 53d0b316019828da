"""The demo's light-regime procedure is published, keeps every rule and asks for requests to participate."""

from django.core.management import call_command

from coprocure.core.models import Procurement
from coprocure.procedures.models import ProcedureVersion, Stage


def test_the_demo_publishes_a_composed_light_procedure(reference_data):
    call_command("demo", verbosity=0)
    older = Procurement.objects.get(procedure="light")
    stages = list(Stage.objects.filter(procurement=older))
    assert [s.kind for s in stages] == ["participation_requests", "negotiation_round", "negotiation_round",
                                        "final_tenders"]
    assert ProcedureVersion.objects.filter(procurement=older, number=1).exists()
    assert stages[0].call.requirements.count() == 2 and stages[0].call.criteria.count() == 1
    housing = Procurement.objects.get(intended_contract_kind="alliance")
    assert housing.procedure == "negotiated"

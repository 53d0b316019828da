import pytest
from django.core.management import call_command

from coprocure.core.models import Procurement
from coprocure.evaluation import selectors
from coprocure.evaluation.models import SelfAssessment

from .conftest import report_pdf


@pytest.mark.django_db
def test_both_demo_procurements_have_a_complete_report(client, reference_data):
    call_command("demo")
    assert SelfAssessment.objects.count() == 2
    for procurement in Procurement.objects.filter(self_assessment__isnull=False):
        assert selectors.report(procurement)["missing"] == []
    for procurement in Procurement.objects.filter(self_assessment__isnull=False):
        report = selectors.report(procurement)
        rounds = report["experience"]["rounds"]
        assert len(rounds) == 2
        assert all(score["mean"] is not None for r in rounds for score in r["scores"])
        assert all(d["change"] is not None for phase in report["experience"]["changes"] for d in phase["dimensions"]
                   if len([r for r in rounds if r["phase"] == phase["phase"]]) > 1)
        assert report["assessment"] is not None
        assert report["outcomes"]["indicators"]
        for language in ("fi", "sv", "en"):
            prefix = "" if language == "fi" else f"/{language}"
            assert client.get(f"{prefix}/procurements/{procurement.pk}/evaluation/").status_code == 200
        assert report_pdf(client, f"/procurements/{procurement.pk}/evaluation/report.pdf").startswith(b"%PDF")

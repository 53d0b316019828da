import json

from django.core.management import call_command

from coprocure.domain import scoring
from coprocure.tendering.models import AwardDecision, Tender


def test_demo_shows_the_golden_thread_and_a_published_recomputable_award(db, client, tmp_path, capsys):
    call_command("demo")
    tender = Tender.objects.get(procurement__title__fi__text="Innovatiiviset päihdepalvelut aikuisille")
    assert all(c.objectives.filter(insights__isnull=False).exists() for c in tender.criteria.all())
    decision = AwardDecision.objects.get(tender=tender)
    assert decision.published_at and decision.winner.members.count() == 2
    assert decision.standstill_ends_on.isoformat() == "2026-03-23"
    complaint = decision.complaints.get()
    assert complaint.outcome == "rejected"
    assert decision.decided_on < complaint.filed_on < complaint.answered_on <= decision.standstill_ends_on
    timeline = client.get(f"/api/v1/tenders/{tender.pk}/complaints").json()
    assert timeline["complaints"][0]["kind"] == "rectification_request"
    award_page = client.get(f"/tenders/{tender.pk}/award/").content.decode()
    assert "Hankintaoikaisuvaatimus" in award_page and "päätös pysyy" in award_page
    # The decision carries its instructions for rectification and appeal, in Finnish and Swedish.
    assert "Radanrakentajantie 5, 00520 Helsinki" in award_page and "markkinaoikeus@oikeus.fi" in award_page
    assert "viimeistään 23.3.2026" in award_page and "senast 2026-03-23" in award_page
    assert {version["lang"] for version in timeline["instructions"]} == {"fi", "sv"}

    page = client.get(f"/procurements/{tender.procurement_id}/tender/").content.decode()
    assert "Kokemusasiantuntijat ymmärtävät" in page and "Kokemusasiantuntijuus" in page
    assert "auki joka päivä klo 8–22" in page and "arkisin klo 8–16" not in page  # the current version
    changes = client.get(f"/tenders/{tender.pk}/documents/service_description/versions/2/").content.decode()
    assert "<del>" in changes and "<ins>" in changes
    body = client.get(f"/api/v1/tenders/{tender.pk}/comparison").json()
    assert len({s["evaluator"] for e in body["evaluations"] for s in e["scores"]}) == 2
    assert scoring.recompute(body["comparison"])[1]
    published = tmp_path / "award.json"
    published.write_text(json.dumps(body))
    capsys.readouterr()
    call_command("recompute-award", str(published))
    assert "matches" in capsys.readouterr().out

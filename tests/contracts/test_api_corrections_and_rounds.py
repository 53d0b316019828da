"""The API does what the correction and survey-round pages do, with the same rules and messages."""

from datetime import date
from decimal import Decimal

from coprocure.audit.models import AuditEntry
from coprocure.contracts import services
from coprocure.contracts.models import ContractDocument, Indicator, Kra, Measurement

from .. import factories
from .test_survey_indicators import answer, likert, rated  # noqa: F401 (fixtures)

JSON = "application/json"


def test_records_are_corrected_and_removed_through_the_api(client, official, contract, indicator):
    document = services.add_document(official, contract, {"title": "Sopimus", "url": "https://example.org/a.pdf"})
    client.force_login(official)
    response = client.put(f"/api/v1/contract-documents/{document.pk}",
                          {"title": "Sopimus (allekirjoitettu)", "url": "https://example.org/b.pdf"}, content_type=JSON)
    assert response.status_code == 200 and response.json()["title"] == "Sopimus (allekirjoitettu)"
    assert AuditEntry.objects.filter(action="contracts.contractdocument_edit").count() == 1
    bad = client.put(f"/api/v1/contract-documents/{document.pk}", {"title": "", "url": "ei osoite"}, content_type=JSON)
    assert bad.status_code == 422 and {e["field"] for e in bad.json()["errors"]} == {"title", "url"}
    assert client.delete(f"/api/v1/contract-documents/{document.pk}").status_code == 204
    assert not ContractDocument.objects.exists()
    # A KRA whose indicator has results stays, and the refusal says why.
    services.report_measurements(official, contract, [["mittari", "jakso", "arvo"], ["pysyvyys", "2025-01", "75"]],
                                 source="ui")
    refused = client.delete(f"/api/v1/kras/{indicator.kra.pk}")
    assert refused.status_code == 409 and refused.json()["errors"][0]["code"] == "kra_has_measurements"
    assert Kra.objects.filter(pk=indicator.kra.pk).exists()
    renamed = client.put(f"/api/v1/kras/{indicator.kra.pk}", {"name": {"fi": "Pysyvä asuminen"}, "weight": "0.5"},
                         content_type=JSON)
    assert renamed.status_code == 200 and renamed.json()["name"]["fi"]["text"] == "Pysyvä asuminen"


def test_only_the_contracts_staff_correct_records(client, contract, indicator):
    client.force_login(factories.UserFactory(organisation=factories.AuthorityFactory(), position="official"))
    assert client.delete(f"/api/v1/indicators/{indicator.pk}").status_code == 403
    assert Indicator.objects.filter(pk=indicator.pk).exists()


def test_survey_rounds_through_the_api(client, official, rated, likert):  # noqa: F811 (fixtures)
    client.force_login(official)
    linked = client.post(f"/api/v1/indicators/{rated.pk}/survey-rounds",
                         {"question": likert.pk, "period_start": "2025-03-10"}, content_type=JSON)
    assert linked.status_code == 201
    assert (linked.json()["period_start"], linked.json()["period_end"]) == ("2025-03-01", "2025-03-31")
    answer(likert, [4, 4, 4], date(2025, 3, 5))
    rounds = client.get(f"/api/v1/indicators/{rated.pk}/survey-rounds").json()
    assert (rounds[0]["answers"], rounds[0]["value"]) == (3, None)  # fewer than k: no value shown
    too_few = client.post(f"/api/v1/indicators/{rated.pk}/survey-measurements", {"period_start": "2025-03-01"},
                          content_type=JSON)
    assert too_few.status_code == 409 and not Measurement.objects.exists()
    answer(likert, [5, 5], date(2025, 3, 6))
    # Three 4s and two 5s, both hidden on the results page: the mean 4.4 would tell them.
    revealing = client.post(f"/api/v1/indicators/{rated.pk}/survey-measurements", {"period_start": "2025-03-01"},
                            content_type=JSON)
    assert revealing.status_code == 409 and revealing.json()["errors"][0]["code"] == "survey_mean_would_reveal"
    answer(likert, [4, 4, 5, 5, 5], date(2025, 3, 7))
    stored = client.post(f"/api/v1/indicators/{rated.pk}/survey-measurements", {"period_start": "2025-03-01"},
                         content_type=JSON)
    assert stored.status_code == 201 and Decimal(stored.json()["value"]) == Decimal("4.5")
    following = client.post(f"/api/v1/indicators/{rated.pk}/survey-rounds/next")
    assert following.status_code == 201 and following.json()["period_start"] == "2025-04-01"
    assert following.json()["survey"] != linked.json()["survey"]

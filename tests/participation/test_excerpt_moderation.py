import pytest
from django.urls import reverse

from coprocure.audit.models import AuditEntry
from coprocure.errors import ServiceError
from coprocure.participation import services
from coprocure.participation.models import Insight

from ..factories import text


@pytest.fixture
def insight(official, procurement):
    return services.create_insight(official, procurement, {
        "statement": text("Yksinäisyys"), "excerpts": ["Yksinäisyys on pahinta.", "Naapurin Liisa juo ja huutaa."],
    })


def test_a_hidden_part_of_a_quotation_never_reaches_the_page_or_the_api(client, official, procurement, insight):
    client.force_login(official)
    reply = client.post(reverse("excerpt_redact", args=[insight.pk]),
                        {"excerpt": "1", "passage": "Liisa juo", "reason": "health_information"})
    assert reply.status_code == 302
    client.logout()
    page = client.get(reverse("participation_you_said_we_did", args=[procurement.pk])).content.decode()
    assert "Yksinäisyys on pahinta." in page and "Liisa" not in page
    assert "Naapurin [poistettu moderoinnissa: terveystieto] ja huutaa." in page
    api = client.get(f"/api/v1/procurements/{procurement.pk}/insights").json()
    assert api[0]["excerpts"][1] == "Naapurin [poistettu moderoinnissa: terveystieto] ja huutaa."
    stored = Insight.objects.get()
    assert stored.excerpts[1] == "Naapurin Liisa juo ja huutaa."
    assert AuditEntry.objects.filter(action="participation.excerpt_redact").count() == 1


def test_a_range_outside_the_quotation_or_an_unknown_quotation_is_refused(client, official, insight):
    with pytest.raises(ServiceError) as refused:
        services.redact_excerpt(official, insight, {"excerpt": 0, "start": 5, "end": 99, "reason": "off_topic"})
    assert "end" in refused.value.errors
    with pytest.raises(ServiceError) as unknown:
        services.redact_excerpt(official, insight, {"excerpt": 2, "start": 0, "end": 1, "reason": "off_topic"})
    assert "excerpt" in unknown.value.errors
    client.force_login(official)
    reply = client.post(f"/api/v1/insights/{insight.pk}/redactions",
                        {"excerpt": 0, "start": 0, "end": 500, "reason": "off_topic"}, content_type="application/json")
    assert reply.status_code == 422 and reply.json()["errors"][0]["code"] == "redaction_out_of_range"
    assert Insight.objects.get().redactions == []


def test_redacting_a_quotation_through_the_api(client, official, insight):
    client.force_login(official)
    reply = client.post(f"/api/v1/insights/{insight.pk}/redactions",
                        {"excerpt": 1, "start": 9, "end": 14, "reason": "personal_data"}, content_type="application/json")
    assert reply.status_code == 201
    assert reply.json()["excerpts"][1] == "Naapurin [poistettu moderoinnissa: henkilötieto] juo ja huutaa."

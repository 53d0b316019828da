import pytest

from coprocure.audit.models import AuditEntry
from coprocure.errors import ServiceError
from coprocure.participation import services
from coprocure.participation.models import Insight

from ..factories import text


def test_insight_excerpts_are_redacted_and_audited(procurement, official):
    insight = services.create_insight(official, procurement, {
        "statement": text("Yhteisö ja vertaistuki auttavat toipumaan."),
        "excerpts": ["Soita minulle 040 123 4567, niin kerron lisää", "  "],
        "themes": ["yhteisö"],
    })
    assert insight.excerpts == ["Soita minulle [puhelinnumero poistettu], niin kerron lisää"]
    assert AuditEntry.objects.filter(action="participation.insight_create", object_id=str(insight.pk)).exists()


def test_not_taking_up_an_insight_needs_a_public_reason(procurement, official):
    insight = services.create_insight(official, procurement, {"statement": text("Toive")})
    with pytest.raises(ServiceError) as raised:
        services.decide_insight(official, insight, "not_taken_up", {})
    assert "status_reason" in raised.value.errors
    assert Insight.objects.get().status == "open"
    services.decide_insight(official, insight, "not_taken_up", text("Laki ei salli tätä."))
    assert Insight.objects.get().status == "not_taken_up"

import pytest

from coprocure.audit.models import AuditEntry
from coprocure.core import services
from coprocure.errors import ServiceError


def test_advance_one_phase_records_history_and_audit(procurement, official):
    services.change_phase(official, procurement, "tendering")
    procurement.refresh_from_db()
    assert procurement.phase == "tendering"
    assert list(procurement.phase_changes.values_list("source", "target")) == [("preparation", "tendering")]
    entry = AuditEntry.objects.get(action="procurement.phase_change")
    assert (entry.before, entry.after) == ({"phase": "preparation"}, {"phase": "tendering", "reason": ""})


def test_skip_is_refused_with_conflict_and_nothing_changes(procurement, official):
    with pytest.raises(ServiceError) as raised:
        services.change_phase(official, procurement, "contract")
    assert raised.value.status == 409
    assert raised.value.errors["target"][0][0] == "phase_skipped"
    procurement.refresh_from_db()
    assert procurement.phase == "preparation"
    assert not procurement.phase_changes.exists()


def test_going_back_needs_reason(procurement, official):
    services.change_phase(official, procurement, "tendering")
    with pytest.raises(ServiceError):
        services.change_phase(official, procurement, "preparation")
    services.change_phase(official, procurement, "preparation", "Tarjouspyyntö keskeytettiin")
    procurement.refresh_from_db()
    assert procurement.phase == "preparation"
    assert procurement.phase_changes.last().reason == "Tarjouspyyntö keskeytettiin"

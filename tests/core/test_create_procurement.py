import pytest
from django.core.exceptions import PermissionDenied

from coprocure.audit.models import AuditEntry
from coprocure.core.models import Procurement, ProcurementRole
from coprocure.errors import ServiceError

from .. import factories


def test_official_creates_procurement_and_becomes_its_official(official):
    procurement = factories.create_procurement(official, accountable_official=official)
    assert procurement.reference.startswith("CP-")
    assert procurement.phase == "preparation"
    assert ProcurementRole.objects.filter(procurement=procurement, user=official, role="official").exists()
    entry = AuditEntry.objects.get(action="procurement.create")
    assert entry.object_id == str(procurement.pk)
    assert entry.after["title"]["fi"]["text"] == "Päihdepalvelut"


def test_people_outside_authority_cannot_create(db):
    provider_rep = factories.UserFactory(organisation=factories.ProviderFactory(), position="representative")
    with pytest.raises(PermissionDenied):
        factories.create_procurement(provider_rep)
    assert not Procurement.objects.exists()


@pytest.mark.parametrize("who", ["staff", "expert", "other_official"])
def test_non_official_cannot_be_accountable_and_nothing_is_written(official, staff, who):
    candidate = {
        "staff": staff,
        "expert": factories.UserFactory(),
        "other_official": factories.UserFactory(organisation=factories.AuthorityFactory(), position="official"),
    }[who]
    with pytest.raises(ServiceError) as raised:
        factories.create_procurement(official, accountable_official=candidate)
    assert "accountable_official" in raised.value.errors
    assert not Procurement.objects.exists()
    assert not AuditEntry.objects.exists()


def test_staff_can_edit_but_not_change_phase(procurement, staff):
    from coprocure.core import services

    services.assign_role(procurement.accountable_official or procurement.created_by, procurement, staff, "staff")
    data = factories.procurement_data(title=factories.text("Uusi nimi"))
    services.update_procurement(staff, procurement, data)
    procurement.refresh_from_db()
    assert procurement.title["fi"]["text"] == "Uusi nimi"
    with pytest.raises(PermissionDenied):
        services.change_phase(staff, procurement, "tendering")

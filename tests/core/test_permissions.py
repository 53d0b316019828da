"""Who may do what with a procurement, walked role by role through its phases."""

import pytest
from django.contrib.auth.models import AnonymousUser

from coprocure.core import services

from .. import factories

ROLES = ["anonymous", "outsider", "official", "staff", "expert_by_experience", "provider_representative", "site_admin"]
# permission -> the roles that hold it while the procurement is open (closed: change/assign refused)
EXPECTED = {
    "procurement.view": {"anonymous", "outsider", "official", "staff", "expert_by_experience", "provider_representative", "site_admin"},
    "procurement.edit": {"official", "staff"},
    "procurement.change_phase": {"official"},
    "procurement.assign_role": {"official"},
    "procurement.view_roles": {"official", "staff", "site_admin"},
}


@pytest.fixture
def people(procurement, official, staff):
    services.assign_role(official, procurement, staff, "staff")
    expert = factories.UserFactory()
    services.assign_role(official, procurement, expert, "expert_by_experience")
    rep = factories.UserFactory(organisation=factories.ProviderFactory(), position="representative")
    services.assign_role(official, procurement, rep, "provider_representative")
    return {
        "anonymous": AnonymousUser(),
        "outsider": factories.UserFactory(organisation=factories.AuthorityFactory(), position="official"),
        "official": official,
        "staff": staff,
        "expert_by_experience": expert,
        "provider_representative": rep,
        "site_admin": factories.UserFactory(is_superuser=True),
    }


@pytest.mark.parametrize("phase_path", [[], ["tendering"], ["tendering", "contract"], ["tendering", "contract", "closed"]])
def test_role_by_phase_matrix(procurement, official, people, phase_path):
    for phase in phase_path:
        services.change_phase(official, procurement, phase)
    procurement.refresh_from_db()
    closed = procurement.phase == "closed"
    for permission, holders in EXPECTED.items():
        for role in ROLES:
            user = people[role]
            if hasattr(user, "_procurement_roles"):
                del user._procurement_roles
            expected = role in holders and not (closed and permission in {"procurement.edit", "procurement.assign_role"})
            assert user.has_perm(permission, procurement) is expected, (permission, role, procurement.phase)


def test_private_procurement_is_hidden_from_public_and_outsiders(official, people):
    private = factories.create_procurement(official, is_public=False)
    assert not people["anonymous"].has_perm("procurement.view", private)
    assert not people["outsider"].has_perm("procurement.view", private)
    assert official.has_perm("procurement.view", private)

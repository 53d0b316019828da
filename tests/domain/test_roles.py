import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.errors import DomainError
from coprocure.domain.roles import Person, Role, check_accountable, check_role, parse_role

AUTHORITY = 1


@given(st.integers(min_value=1, max_value=5) | st.none(), st.booleans())
def test_only_officials_of_the_authority_itself_can_be_accountable(organisation_id, is_official):
    person = Person(organisation_id=organisation_id, is_official=is_official)
    allowed = organisation_id == AUTHORITY and is_official
    try:
        check_accountable(person, AUTHORITY)
    except DomainError as error:
        assert not allowed
        assert error.field == "accountable_official"
    else:
        assert allowed


def test_expert_by_experience_without_employer_is_refused_with_reason():
    with pytest.raises(DomainError) as raised:
        check_accountable(Person(organisation_id=None, is_official=False), AUTHORITY)
    assert raised.value.code == "accountable_not_of_authority"


def test_staff_member_of_the_authority_is_refused_as_not_official():
    with pytest.raises(DomainError) as raised:
        check_accountable(Person(organisation_id=AUTHORITY, is_official=False), AUTHORITY)
    assert raised.value.code == "accountable_not_official"


def test_unknown_role():
    with pytest.raises(DomainError) as raised:
        parse_role("boss")
    assert raised.value.code == "role_unknown"


def test_authority_roles_stay_with_the_authority():
    provider_rep = Person(organisation_id=7, is_official=False)
    with pytest.raises(DomainError):
        check_role(Role.STAFF, provider_rep, AUTHORITY)
    with pytest.raises(DomainError) as raised:
        check_role(Role.OFFICIAL, Person(organisation_id=AUTHORITY, is_official=False), AUTHORITY)
    assert raised.value.code == "role_requires_official"
    check_role(Role.EXPERT_BY_EXPERIENCE, Person(organisation_id=None, is_official=False), AUTHORITY)

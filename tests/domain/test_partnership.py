import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain import partnership
from coprocure.domain.errors import DomainError

AREAS = sorted(partnership.SERVICE_CLASSES)
CLASSES = sorted({code for codes in partnership.SERVICE_CLASSES.values() for code in codes} | {"P99.9"})
municipalities = st.sampled_from(["Tampere", "Espoo", "Vaasa", "Närpes"])


@given(st.sampled_from(CLASSES), st.lists(municipalities), st.sampled_from(AREAS), municipalities)
def test_a_service_in_another_class_never_matches(service_class, areas, service_area, municipality):
    if service_class not in partnership.SERVICE_CLASSES[service_area]:
        assert not partnership.matches(service_class, areas, service_area, municipality)


@given(st.sampled_from(AREAS), municipalities, st.lists(municipalities))
def test_a_matching_class_matches_exactly_where_the_authority_is(service_area, municipality, areas):
    for service_class in partnership.SERVICE_CLASSES[service_area]:
        assert partnership.matches(service_class, areas, service_area, municipality) == (municipality in areas)


@given(st.sampled_from(AREAS), st.lists(municipalities))
def test_an_authority_without_a_home_municipality_does_not_restrict_the_area(service_area, areas):
    for service_class in partnership.SERVICE_CLASSES[service_area]:
        assert partnership.matches(service_class, areas, service_area, "  ")


def test_municipality_names_compare_without_case_or_extra_spaces():
    assert partnership.matches("P10.2", [" tampere "], "older_people", "Tampere")
    assert not partnership.matches("P10.2", ["Tampere"], "other", "Tampere")


def test_seat_roles_follow_the_kind_of_organisation():
    assert partnership.seat_role("authority") == partnership.AUTHORITY
    assert partnership.seat_role("user_association") == partnership.USER_REPRESENTATIVE
    for kind in ("company", "association", "foundation", "social_enterprise"):
        assert partnership.seat_role(kind) == partnership.PROVIDER


@given(st.sampled_from(["preparation", "tendering", "contract", "closed"]))
def test_interest_is_expressed_only_while_the_procurement_is_open(phase):
    if phase in {"preparation", "tendering"}:
        partnership.check_open_for_interest(phase)
    else:
        with pytest.raises(DomainError) as raised:
            partnership.check_open_for_interest(phase)
        assert raised.value.code == "interest_phase_closed"


@given(st.booleans(), st.integers(min_value=0, max_value=20))
def test_a_consortium_is_formed_once_and_never_alone(formed, accepted):
    if not formed and accepted >= 1:
        partnership.check_can_form(formed, accepted)
        return
    with pytest.raises(DomainError) as raised:
        partnership.check_can_form(formed, accepted)
    assert raised.value.code == ("consortium_already_formed" if formed else "consortium_needs_member")

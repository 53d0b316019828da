"""The alliance's development phase as pure rules (issue 21 item 7): versions only grow, the
switch to the service phase needs the newest draft of every element agreed by every party,
nothing changes after it, and settlements wait for it."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain import development, visibility
from coprocure.domain.alliance import POSITIONS
from coprocure.domain.errors import DomainError
from coprocure.domain.kra_levels import Direction, Kra

PARTIES = st.lists(st.text(alphabet="abcdefgh0123456789", min_size=1, max_size=4), min_size=1, max_size=6, unique=True)


def refused(code, run, *args):
    with pytest.raises(DomainError) as error:
        run(*args)
    assert error.value.code == code
    return error.value


@given(st.sets(st.integers(min_value=1, max_value=999), max_size=12))
def test_a_new_version_is_greater_than_every_earlier_one(versions):
    new = development.next_version(versions)
    assert all(new > version for version in versions)
    assert new == (max(versions) + 1 if versions else 1)


@given(st.integers(min_value=1, max_value=30))
def test_versions_proposed_one_after_another_count_up_without_gaps(proposals):
    versions = []
    for _proposal in range(proposals):
        versions.append(development.next_version(versions))
    assert versions == list(range(1, len(versions) + 1))


@given(PARTIES, st.data())
def test_the_service_phase_begins_only_when_every_element_is_agreed_by_every_party(parties, data):
    latest = {}
    for element in development.ELEMENTS:
        if data.draw(st.booleans(), label=f"{element} proposed"):
            positions = {party: data.draw(st.sampled_from(POSITIONS + ("",))) for party in parties}
            latest[element] = development.Latest(data.draw(st.integers(1, 9)), positions)
    complete = all(element in latest and development.is_agreed(parties, latest[element].positions)
                   for element in development.ELEMENTS)
    if complete:
        development.check_freeze(False, parties, latest)
        assert all(set(draft.positions.values()) == {"supports"} for draft in latest.values())
    else:
        error = refused_any(development.check_freeze, False, parties, latest)
        assert error.code in {"development_element_missing", "development_element_not_agreed"}
        assert error.field in development.ELEMENTS


def refused_any(run, *args):
    with pytest.raises(DomainError) as error:
        run(*args)
    return error.value


@given(PARTIES, st.data())
def test_one_missing_position_is_enough_to_keep_the_development_phase_open(parties, data):
    missing = data.draw(st.sampled_from(parties))
    agreed = {party: "supports" for party in parties}
    latest = {element: development.Latest(1, agreed) for element in development.ELEMENTS}
    element = data.draw(st.sampled_from(development.ELEMENTS))
    latest[element] = development.Latest(2, {party: "supports" for party in parties if party != missing})
    error = refused("development_element_not_agreed", development.check_freeze, False, parties, latest)
    assert error.field == element and error.params == {"version": 2}


def test_nothing_changes_after_the_switch_and_no_settlement_before_it():
    agreed = {element: development.Latest(1, {"a": "supports"}) for element in development.ELEMENTS}
    refused("development_frozen", development.check_freeze, True, ["a"], agreed)
    refused("development_frozen", development.check_open, True)
    development.check_open(False)
    refused("development_not_frozen", development.check_service_phase, False)
    development.check_service_phase(True)
    assert not development.is_agreed([], {})


@given(st.decimals(min_value=1, max_value=10**9, places=2), st.decimals(min_value=0, max_value=10**9, places=2))
def test_a_settlement_period_uses_the_agreed_target_cost(agreed, given_cost):
    assert development.period_target_cost(agreed, None) == agreed
    if given_cost == agreed:
        assert development.period_target_cost(agreed, given_cost) == agreed
    else:
        refused("development_target_cost_differs", development.period_target_cost, agreed, given_cost)


def kra(code, weight, minimum=70, target=80, excellent=90, direction=Direction.HIGHER_IS_BETTER):
    return Kra(code, Decimal(weight), direction, Decimal(minimum), Decimal(target), Decimal(excellent))


def test_draft_kras_follow_the_settlements_kra_rules():
    development.check_draft_kras([kra("a", "0.6"), kra("b", "0.4")])
    refused("development_kras_empty", development.check_draft_kras, [])
    refused("kra_weights_not_1", development.check_draft_kras, [kra("a", "0.6"), kra("b", "0.3")])
    refused("duplicate_kra", development.check_draft_kras, [kra("a", "0.5"), kra("a", "0.5")])
    refused("kra_levels_order", development.check_draft_kras, [kra("a", "1", minimum=90, excellent=70)])
    refused("kra_weight_negative", development.check_draft_kras, [kra("a", "1.5"), kra("b", "-0.5")])
    refused("development_target_cost_invalid", development.check_target_cost, Decimal(0))
    refused("development_target_cost_invalid", development.check_target_cost, Decimal("NaN"))
    refused("development_operating_model_empty", development.check_operating_model, "  \n ")


@given(st.booleans(), st.booleans(), st.booleans())
def test_a_draft_is_the_parties_until_it_is_agreed_and_in_force(published, staff, party):
    facts = visibility.Facts(published=published, viewer_is_staff=staff, viewer_is_party=party)
    for field in ("target_cost", "kras", "text", "note"):
        protection = visibility.protection_of("alliance.developmentdraft", field)
        assert visibility.may_show(protection, facts) == (published or staff or party)

"""The visibility rules: deny by default, and each protection lifts only on its own condition."""

from dataclasses import fields

from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.visibility import RULES, Facts, Protection, may_show, protection_of

facts = st.builds(Facts, **{f.name: st.booleans() for f in fields(Facts) if f.type == "bool"},
                  group_size=st.integers(0, 20), k=st.integers(1, 10))


@given(facts)
def test_a_sealed_bid_is_shown_to_no_one_before_the_opening(found):
    if not found.opened:
        assert not may_show(Protection.SEALED, found)


@given(facts)
def test_personal_data_reaches_only_its_owner_and_the_procurements_staff(found):
    assert may_show(Protection.PERSONAL, found) == (found.viewer_is_owner or found.viewer_is_staff)


@given(facts)
def test_a_figure_from_fewer_than_k_people_is_never_shown(found):
    assert may_show(Protection.SUPPRESSED, found) == (found.group_size >= found.k)


@given(facts)
def test_a_redacted_part_is_shown_to_no_one(found):
    if found.redacted_part:
        assert not may_show(Protection.REDACTED, found)


@given(facts)
def test_confidential_and_embargoed_values_reach_strangers_only_when_public(found):
    stranger = Facts(**{**found.__dict__, "viewer_is_staff": False, "viewer_is_owner": False})
    assert may_show(Protection.CONFIDENTIAL, stranger) == (not found.confidential)
    assert may_show(Protection.EMBARGOED, stranger) == found.published


def test_every_rule_names_a_known_protection_and_unlisted_fields_are_open():
    assert {rule for rule in RULES.values()} <= set(Protection)
    assert protection_of("tendering.bid", "price") is Protection.SEALED
    assert protection_of("followup.followupcontact", "phone") is Protection.PERSONAL
    assert protection_of("core.organisation", "name") is None

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain import alliance
from coprocure.domain.errors import DomainError

PARTIES = st.lists(st.text(alphabet="abcdefgh0123456789", min_size=1, max_size=4), min_size=1, max_size=6, unique=True)


@given(PARTIES, st.sampled_from(alliance.MATTERS), st.data())
def test_a_commercial_matter_needs_every_party_to_support_it(parties, matter, data):
    positions = {party: data.draw(st.sampled_from(alliance.POSITIONS)) for party in parties}
    unanimous = all(position == "supports" for position in positions.values())
    if matter in alliance.COMMERCIAL and not unanimous:
        with pytest.raises(DomainError) as refused:
            alliance.check_leadership(matter, parties, positions)
        assert refused.value.code == "leadership_not_unanimous"
    else:
        alliance.check_leadership(matter, parties, positions)


@given(PARTIES, st.sampled_from(alliance.MATTERS), st.data())
def test_a_party_without_a_position_is_refused_whatever_the_matter(parties, matter, data):
    missing = data.draw(st.sampled_from(parties))
    positions = {party: "supports" for party in parties if party != missing}
    with pytest.raises(DomainError) as refused:
        alliance.check_leadership(matter, parties, positions)
    assert refused.value.code == "leadership_position_missing"
    assert refused.value.field == f"position_{missing}"


@given(st.lists(st.text(alphabet="abcXYZ ", max_size=12), max_size=8))
def test_categories_are_parsed_one_per_line_and_never_twice(lines):
    try:
        categories = alliance.parse_categories("\n".join(lines))
    except DomainError as error:
        assert error.code == "cost_category_duplicate"
        return
    assert len({name.casefold() for name in categories}) == len(categories)
    assert all(name and name == " ".join(name.split()) for name in categories)


@given(st.text(min_size=1, max_size=10), st.lists(st.text(min_size=1, max_size=10), max_size=5))
def test_a_cost_counts_only_in_an_agreed_category(category, agreed):
    if category in agreed:
        alliance.check_cost_category(category, agreed)
    else:
        with pytest.raises(DomainError):
            alliance.check_cost_category(category, agreed)


def test_a_statement_waits_for_the_audit_report():
    with pytest.raises(DomainError) as refused:
        alliance.check_audited(0)
    assert refused.value.code == "settlement_audit_missing"
    alliance.check_audited(1)

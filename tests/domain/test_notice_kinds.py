"""Which eForms notice a procurement needs (issue 22 item 2): thresholds of the Procurement
Act 1397/2016 s. 25 and Directive 2014/24/EU art. 4(d) for social and health services."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.errors import DomainError
from coprocure.domain.notice_kinds import (
    EU_THRESHOLD, NATIONAL_THRESHOLD, STAGE_OF, ModificationReason, NoticeKind, Regime, Stage, check_kind, notice_for,
    regime,
)

values = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


def test_thresholds_are_the_laws():
    assert NATIONAL_THRESHOLD == Decimal("400000")
    assert EU_THRESHOLD == Decimal("750000")


@pytest.mark.parametrize("value, expected", [
    ("0", Regime.BELOW), ("399999.99", Regime.BELOW), ("400000", Regime.NATIONAL),
    ("749999.99", Regime.NATIONAL), ("750000", Regime.EU), ("12000000", Regime.EU),
])
def test_regime_at_the_edges(value, expected):
    assert regime(Decimal(value)) is expected


@given(values, values)
def test_regime_is_monotonic(a, b):
    order = [Regime.BELOW, Regime.NATIONAL, Regime.EU]
    low, high = sorted((a, b))
    assert order.index(regime(low)) <= order.index(regime(high))


@given(values, st.sampled_from(list(Stage)))
def test_the_notice_chosen_is_accepted_by_the_check(value, stage):
    need = notice_for(value, stage)
    if need is not None:
        assert STAGE_OF[need.kind] is stage
        assert check_kind(need.kind.value, value) is need.kind


@given(values)
def test_eu_notices_exactly_from_the_eu_threshold(value):
    competition = notice_for(value, Stage.COMPETITION).kind
    award = notice_for(value, Stage.AWARD).kind
    if value >= EU_THRESHOLD:
        assert (competition, award) == (NoticeKind.CONTRACT_NOTICE_LIGHT, NoticeKind.AWARD_NOTICE_LIGHT)
        assert notice_for(value, Stage.MODIFICATION).required
    else:
        assert (competition, award) == (NoticeKind.CONTRACT_NOTICE_NATIONAL, NoticeKind.AWARD_NOTICE_NATIONAL)
        assert notice_for(value, Stage.MODIFICATION) is None


@given(values)
def test_a_national_contract_notice_is_required_only_from_the_national_threshold(value):
    assert notice_for(value, Stage.COMPETITION).required is (value >= NATIONAL_THRESHOLD)


@given(values, st.sampled_from([NoticeKind.CONTRACT_NOTICE_LIGHT, NoticeKind.CONTRACT_NOTICE_NATIONAL,
                                NoticeKind.AWARD_NOTICE_LIGHT, NoticeKind.AWARD_NOTICE_NATIONAL]))
def test_a_notice_of_the_other_regime_is_refused(value, kind):
    eu_kind = kind in (NoticeKind.CONTRACT_NOTICE_LIGHT, NoticeKind.AWARD_NOTICE_LIGHT)
    if eu_kind == (value >= EU_THRESHOLD):
        assert check_kind(kind.value, value) is kind
    else:
        with pytest.raises(DomainError) as error:
            check_kind(kind.value, value)
        assert (error.value.code, error.value.field) == ("notice_kind_wrong_regime", "kind")


def test_without_a_value_no_notice_can_be_chosen():
    with pytest.raises(DomainError) as error:
        notice_for(None, Stage.COMPETITION)
    assert error.value.field == "estimated_value"


def test_unknown_kind_is_refused():
    with pytest.raises(DomainError) as error:
        check_kind("29", Decimal("1000000"))
    assert error.value.code == "notice_kind_unknown"


@given(values, st.sampled_from([NoticeKind.PRE_MARKET_CONSULTATION, NoticeKind.PRIOR_INFORMATION]),
       st.sampled_from(["preparation", "tendering", "contract", "closed"]))
def test_planning_notices_only_while_the_procurement_is_prepared(value, kind, phase):
    if phase == "preparation":
        assert check_kind(kind.value, value, phase) is kind
    else:
        with pytest.raises(DomainError) as error:
            check_kind(kind.value, value, phase)
        assert (error.value.code, error.value.field) == ("notice_kind_wrong_phase", "kind")


@given(values, st.sampled_from(list(ModificationReason)))
def test_a_modification_notice_is_required_for_added_services_and_unforeseeable_circumstances(value, reason):
    need = notice_for(value, Stage.MODIFICATION, reason.value)
    if value < EU_THRESHOLD:
        assert need is None
    else:
        assert need.kind is NoticeKind.MODIFICATION
        assert need.required is (reason in (ModificationReason.ADDITIONAL, ModificationReason.UNFORESEEABLE))


def test_an_unknown_ground_of_modification_is_refused():
    with pytest.raises(DomainError) as error:
        notice_for(EU_THRESHOLD, Stage.MODIFICATION, "other")
    assert (error.value.code, error.value.field) == ("notice_modification_reason_unknown", "reason_code")

"""Every notice kind CoProcure writes passes the eForms SDK's XSDs and the static schematron of
its subtype with no failed assert (issue 22 item 3), with one lot and with several; and the
checker itself catches the SDK's deliberately invalid example."""

from pathlib import Path

import pytest

from coprocure.domain.notice_kinds import NoticeKind
from coprocure.notices.eforms.writer import notice_xml
from coprocure.notices.validation import SDK, xsd_errors

from .samples import notice

BUILT = [NoticeKind.PRE_MARKET_CONSULTATION, NoticeKind.PRIOR_INFORMATION, NoticeKind.CONTRACT_NOTICE_LIGHT, NoticeKind.CONTRACT_NOTICE_NATIONAL,
         NoticeKind.AWARD_NOTICE_LIGHT, NoticeKind.AWARD_NOTICE_NATIONAL, NoticeKind.MODIFICATION]
INVALID = Path(__file__).parent / "INVALID_cn_24_stage-2.xml"


@pytest.mark.parametrize("lots", [1, 3])
@pytest.mark.parametrize("kind", BUILT, ids=lambda kind: kind.value)
def test_every_kind_is_valid(eforms_rules, kind, lots):
    assert eforms_rules(notice_xml(notice(kind, lots))) == []


@pytest.mark.parametrize("procedure", ["open", "restricted", "neg-w-call", "comp-dial", "innovation"])
def test_every_procedure_of_the_eu_notices_is_valid(eforms_rules, procedure):
    for kind in (NoticeKind.CONTRACT_NOTICE_LIGHT, NoticeKind.AWARD_NOTICE_LIGHT):
        assert eforms_rules(notice_xml(notice(kind, 2, procedure))) == [], kind


def test_the_checker_finds_the_sdks_invalid_example(eforms_rules):
    problems = eforms_rules(INVALID.read_bytes())
    assert len(problems) > 10
    assert all(problem.rule and problem.location for problem in problems)


def test_an_element_out_of_place_fails_the_xsd():
    xml = notice_xml(notice(NoticeKind.CONTRACT_NOTICE_LIGHT)).replace(
        b"<cbc:UBLVersionID>2.3</cbc:UBLVersionID>", b"<cbc:UBLVersionID>2.3</cbc:UBLVersionID><cbc:Note>x</cbc:Note>")
    assert xsd_errors(xml)


def test_the_sdk_copy_keeps_its_licence():
    assert "Attribution 4.0" in (SDK / "LICENSE").read_text()

"""The schematron check itself (docs/notices.md, "Validation, offline"): as SchXslt2 transpiles
it, a pattern whose rule fired on an element never fired below it, so a notice could lack a
mandatory element and still pass. The project's copy of the transpiler is corrected; these
tests hold it to finding such a gap while passing the SDK's own valid examples."""

import re
from pathlib import Path

import pytest

from coprocure.domain.notice_kinds import NoticeKind
from coprocure.notices import validation
from coprocure.notices.eforms.writer import notice_xml

from .conftest import SUBTYPES
from .samples import notice

OFFICIAL = Path(__file__).parent / "official"
INVALID = Path(__file__).parent / "INVALID_cn_24_stage-2.xml"


def rules(problems) -> set[str]:
    return {problem.rule for problem in problems}


def test_a_modification_notice_without_the_notice_it_changes_fails(eforms_rules):
    valid = notice_xml(notice(NoticeKind.MODIFICATION))
    without = re.sub(rb"<efbc:ChangedNoticeIdentifier[^>]*>[^<]*</efbc:ChangedNoticeIdentifier>", b"", valid)
    assert without != valid and validation.xsd_errors(without) == []
    assert eforms_rules(valid) == []
    failed = eforms_rules(without)
    assert failed and all("ContractModification" in problem.location for problem in failed)


def test_a_tenderer_without_a_postcode_fails_below_the_organisations_fired_rules(eforms_rules):
    valid = notice_xml(notice(NoticeKind.AWARD_NOTICE_LIGHT))
    without = valid.replace(b"<cbc:PostalZone>33200</cbc:PostalZone>", b"", 1)
    assert without != valid
    assert "BR-BT-00512-0042" in rules(eforms_rules(without))


@pytest.mark.parametrize("name", ["E1_minimal.xml", "E2_minimal.xml", "E3_minimal.xml", "E4_minimal.xml"])
def test_the_sdks_valid_examples_pass(eforms_rules, name):
    assert eforms_rules((OFFICIAL / name).read_bytes()) == []


def test_the_sdks_invalid_example_fails_more_rules_than_the_uncorrected_check_found(eforms_rules):
    assert len(eforms_rules(INVALID.read_bytes())) >= 85  # the stylesheet as transpiled found 78


def test_a_stylesheet_cached_before_the_correction_is_not_used(tmp_path, monkeypatch):
    """The cache key covers the transpiler: a stylesheet transpiled by SchXslt2 as released
    (without the correction) is never read, and the compiled one starts every child with no
    fired pattern in each pattern's default template."""
    compiled = validation.compiled_schematron(SUBTYPES)
    assert validation._rules_hash() in compiled.name
    released = re.sub(r'\s*<alias:with-param name="Q\{\{http://dmaus.name/ns/2023/schxslt\}\}pattern"[^>]*select="\(\)"/>',
                      "", validation.TRANSPILER.read_text(encoding="utf-8"))
    assert released != validation.TRANSPILER.read_text(encoding="utf-8")
    monkeypatch.setattr(validation, "TRANSPILER", tmp_path / "transpile.xsl")
    validation.TRANSPILER.write_text(released, encoding="utf-8")
    assert validation._rules_hash() not in compiled.name
    defaults = re.findall(r'<template match="\*" mode="group\.[^"]+" priority="-10">.*?</template>',
                          compiled.read_text(encoding="utf-8"), re.S)
    assert defaults and all(d.count('tunnel="yes" select="()"') == 2 for d in defaults)

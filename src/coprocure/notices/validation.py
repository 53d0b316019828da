"""Checking a notice against the eForms SDK's own rules, offline.

The XSDs (lxml) are checked at run time before a notice is sent. The static schematron needs
XPath 2, which lxml lacks, so it runs through SaxonC-HE (``saxonche``, a dev dependency): the
schematron is transpiled to XSLT with SchXslt2 and the result kept in a cache keyed by the
rules' hash and the subtypes (``COPROCURE_EFORMS_CACHE``, by default ~/.cache/coprocure).

Only the rules of the subtypes asked for are compiled: complete-validation.sch has one phase per
subtype (``eforms-20``…), as the TED validator applies it, and a phase made here of their union
shares the rules common to all subtypes, so Saxon compiles a fraction of the whole (the whole
takes minutes). docs/notices.md has the measured times.

The project's copy of SchXslt2's transpile.xsl carries one marked correction: as released, a
pattern whose rule fired on an element never fired below it, so most of the rules never ran.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

SDK = Path(__file__).resolve().parent / "sdk"
SCHEMATRON = SDK / "schematron" / "complete-validation.sch"
TRANSPILER = SDK / "schxslt2" / "transpile.xsl"
MAINDOC = {
    "ContractNotice": SDK / "schemas" / "maindoc" / "UBL-ContractNotice-2.3.xsd",
    "ContractAwardNotice": SDK / "schemas" / "maindoc" / "UBL-ContractAwardNotice-2.3.xsd",
    "PriorInformationNotice": SDK / "schemas" / "maindoc" / "UBL-PriorInformationNotice-2.3.xsd",
}
SCH = "{http://purl.oclc.org/dsdl/schematron}"
SVRL = "{http://purl.oclc.org/dsdl/svrl}"
PHASE = "coprocure"


@dataclass(frozen=True)
class Violation:
    rule: str
    location: str
    text: str


@lru_cache(maxsize=None)
def _schema(root_name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(MAINDOC[root_name])))


def xsd_errors(xml: bytes) -> list[Violation]:
    root = etree.fromstring(xml)
    name = etree.QName(root).localname
    if name not in MAINDOC:
        return [Violation("XSD", "/", f"unknown root element {name}")]
    schema = _schema(name)
    if schema.validate(root):
        return []
    return [Violation("XSD", f"line {e.line}", e.message) for e in schema.error_log]


def cache_dir() -> Path:
    return Path(os.environ.get("COPROCURE_EFORMS_CACHE", Path.home() / ".cache" / "coprocure"))


def _union_schematron(subtypes: tuple[str, ...]) -> bytes:
    """complete-validation.sch with one more phase: the patterns of every subtype's phase."""
    tree = etree.parse(str(SCHEMATRON))
    root = tree.getroot()
    active = []
    for subtype in subtypes:
        phase = root.find(f"{SCH}phase[@id='eforms-{subtype}']")
        if phase is None:
            raise ValueError(f"no eForms phase for subtype {subtype}")
        active += [a.get("pattern") for a in phase.findall(f"{SCH}active") if a.get("pattern") not in active]
    union = etree.Element(f"{SCH}phase", id=PHASE)
    for pattern in active:
        etree.SubElement(union, f"{SCH}active", pattern=pattern)
    root.find(f"{SCH}phase").addprevious(union)
    for include in root.iter(f"{SCH}include"):  # the copy lives elsewhere: point at the SDK's files
        include.set("href", (SCHEMATRON.parent / include.get("href")).as_uri())
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def compiled_schematron(subtypes: tuple[str, ...]) -> Path:
    """The rules of these subtypes as XSLT, transpiled on first use and kept for later sessions."""
    name = "-".join(sorted(subtypes))
    target = cache_dir() / f"eforms-schematron-{_rules_hash()}-{name}.xsl"
    if target.exists():
        return target
    from saxonche import PySaxonProcessor

    target.parent.mkdir(parents=True, exist_ok=True)
    source = target.with_suffix(f".{os.getpid()}.sch")
    source.write_bytes(_union_schematron(tuple(sorted(subtypes))))
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    try:
        with PySaxonProcessor(license=False) as proc:
            transpiler = proc.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(TRANSPILER))
            transpiler.set_parameter("{http://dmaus.name/ns/2023/schxslt}phase", proc.make_string_value(PHASE))
            transpiler.transform_to_file(source_file=str(source), output_file=str(partial))
        partial.replace(target)  # atomic: a parallel session never reads half a stylesheet
    finally:
        source.unlink(missing_ok=True)
        partial.unlink(missing_ok=True)
    return target


_RUNNERS: dict[tuple[str, ...], "SchematronRunner"] = {}


def runner(subtypes: tuple[str, ...]) -> "SchematronRunner":
    """One runner per set of subtypes in this process: compiling the stylesheet takes a while."""
    key = tuple(sorted(subtypes))
    if key not in _RUNNERS:
        _RUNNERS[key] = SchematronRunner(key)
    return _RUNNERS[key]


def _rules_hash() -> str:
    """The rules and the transpiler: a stylesheet cached before either changed (before the
    transpiler's correction, say) is never used again."""
    digest = hashlib.sha256()
    digest.update(TRANSPILER.read_bytes())
    for sch in sorted((SDK / "schematron").glob("*.sch")):
        digest.update(sch.read_bytes())
    return digest.hexdigest()[:16]


def schematron_errors(xml: bytes, subtype: str) -> list[Violation] | None:
    """The schematron's failed asserts for a notice of this subtype, or None when the rules
    cannot run here: saxonche (a dev dependency) is not installed, or no stylesheet with this
    subtype's rules was transpiled on this machine (the tests leave one in the cache). Loading a
    cached stylesheet takes seconds to a minute once per process, so only the sending task
    calls this, never a request."""
    for subtypes, loaded in _RUNNERS.items():
        if subtype in subtypes:
            return loaded.failed_asserts(xml)
    if importlib.util.find_spec("saxonche") is None:
        return None
    prefix = f"eforms-schematron-{_rules_hash()}-"
    for path in sorted(cache_dir().glob(f"{prefix}*.xsl")):
        subtypes = tuple(path.stem.removeprefix(prefix).split("-"))
        if subtype in subtypes:
            return runner(subtypes).failed_asserts(xml)
    return None


class SchematronRunner:
    """One Saxon processor and compiled stylesheet, reused for many notices of these subtypes."""

    def __init__(self, subtypes: tuple[str, ...]):
        from saxonche import PySaxonProcessor

        self.subtypes = tuple(subtypes)
        self._proc = PySaxonProcessor(license=False)
        self._exec = self._proc.new_xslt30_processor().compile_stylesheet(
            stylesheet_file=str(compiled_schematron(self.subtypes))
        )

    def failed_asserts(self, xml: bytes) -> list[Violation]:
        node = self._proc.parse_xml(xml_text=xml.decode("utf-8"))
        svrl = self._exec.transform_to_string(xdm_node=node)
        report = etree.fromstring(svrl.encode("utf-8"))
        return [
            Violation(
                f.get("id") or "",
                f.get("location") or "",
                " ".join((f.findtext(f"{SVRL}text") or "").split()),
            )
            for f in report.iter(f"{SVRL}failed-assert")
        ]

    def violations(self, xml: bytes) -> list[Violation]:
        return xsd_errors(xml) + self.failed_asserts(xml)

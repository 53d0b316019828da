import pytest

from coprocure.notices.validation import SchematronRunner

# The subtypes CoProcure writes, and 16 for the SDK's deliberately invalid example.
SUBTYPES = ("16", "20", "33", "E1", "E2", "E3", "E4")


@pytest.fixture(scope="session")
def eforms_rules():
    """XSD and schematron violations of a notice. The rules of these subtypes are transpiled once
    per machine (cached, docs/notices.md) and compiled once per test session."""
    runner = SchematronRunner(SUBTYPES)
    return lambda xml, subtype=None: runner.violations(xml)

import pytest
from django.test import override_settings

from coprocure.core.models import Organisation
from coprocure.notices import validation

from ..tendering.conftest import published_award
from .fake_service import FakeNoticeService
from .helpers import service_settings

# The subtypes CoProcure writes, and 16 for the SDK's deliberately invalid example.
SUBTYPES = ("16", "20", "33", "38", "E1", "E2", "E3", "E4")


@pytest.fixture(scope="session")
def eforms_rules():
    """XSD and schematron violations of a notice. The rules of these subtypes are transpiled once
    per machine (cached, docs/notices.md) and compiled once per test session; the sending task's
    own schematron check finds the same compiled rules (validation.runner)."""
    runner = validation.runner(SUBTYPES)
    return lambda xml, subtype=None: runner.violations(xml)


@pytest.fixture
def awarded(official, procurement):
    """A procurement above the EU threshold with a published award; its authority registered
    with a business ID and a legal type."""
    tender = published_award(official, procurement)
    Organisation.objects.filter(pk=procurement.authority_id).update(business_id="0201256-6", legal_type="ra")
    return procurement, tender


@pytest.fixture
def fake(eforms_rules):
    with FakeNoticeService(eforms_rules) as service:
        with override_settings(COPROCURE_NOTICE_SERVICE=service_settings(service.url)):
            yield service

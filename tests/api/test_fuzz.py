"""Schemathesis walks every operation of /api/v1/openapi.json with generated input, signed in
as an official with a token: no response may be a server error, and every response must match
the documented schema. Bounded per operation so the suite stays fast."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from coprocure.api.models import ApiToken

# What the API promises: never a server error, only documented status codes and content types,
# and bodies that match the documented schemas. (Whether a schema-valid request may still be
# refused by a business rule is not checked: the forms are stricter than the JSON schema.)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# File uploads are fuzzed with schema-valid multipart bodies only: schemathesis cannot put its
# deliberately malformed bodies into a multipart request at all (it fails before sending).
# Arbitrary bytes as the file are covered there and by the spreadsheet reader's property test.
UPLOADS = r"/(organisations/imports?|contracts/\{pk\}/measurements/(upload|imports))$"

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application()).exclude(path_regex=UPLOADS)
uploads = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application()).include(path_regex=UPLOADS)
uploads.config.generation.update(modes=[schemathesis.GenerationMode.POSITIVE])


@pytest.fixture
def token(official, procurement):
    return ApiToken.issue(official, "fuzz")[1]


@pytest.fixture(autouse=True)
def keep_test_connection():
    """The WSGI handler closes the database connection after each request; inside a test that
    connection holds the test's transaction, so keep it open as Django's own test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@pytest.mark.django_db
def test_api_answers_every_generated_request_as_documented(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)


@uploads.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@pytest.mark.django_db
def test_uploads_answer_every_generated_file_as_documented(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

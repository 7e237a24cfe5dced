"""The API as a contract: a bounded schemathesis run over every operation of the OpenAPI document (fixed
seed, a few examples each), through the WSGI application: no server error, no answer the document does not
declare, no body that breaks its declared schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from skillcluster.api import api
from skillcluster.tenancy.services import api_token_create

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
schema.app = get_wsgi_application()  # calls go through the whole Django stack, in this process, on the test database
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture
def token(world):
    """The owner's API token; meanwhile requests keep the test's database connection, as Django's own test
    client does (closing it at the end of each request would end the test's transaction on PostgreSQL)."""
    _, secret = api_token_create(person=world.owner, name="contract")
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield secret
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=3, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_to_its_contract(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

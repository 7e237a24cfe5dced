"""The API as a contract: a bounded schemathesis run over every operation of the OpenAPI document (fixed
seed, a few examples each), through the WSGI application: no server error, no answer the document does not
declare, no body that breaks its declared schema."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from skillcluster.api import api
from skillcluster.tenancy.services import api_token_create

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
schema.app = get_wsgi_application()  # calls go through the whole Django stack, in this process, on the test database
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture
def token(world) -> str:
    _, secret = api_token_create(person=world.owner, name="contract")
    return secret


@schema.parametrize()
@settings(max_examples=3, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_to_its_contract(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

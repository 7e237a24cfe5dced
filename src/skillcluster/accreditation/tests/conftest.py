"""Fixtures for the Django side of accreditation: the issuer secret and claims at each stage."""

import pytest

from skillcluster.accreditation.tests.builders import issued


@pytest.fixture(autouse=True)
def _credential_settings(settings):
    settings.CREDENTIAL_KEY_SECRET = "test-credential-key-secret"
    settings.CREDENTIAL_DID_WEB_DOMAIN = ""
    settings.SITE_URL = "https://skills.example.org"


@pytest.fixture
def credential(world):
    return issued(world)

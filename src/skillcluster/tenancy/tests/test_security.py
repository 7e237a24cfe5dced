"""Throttles, limits and headers on the public surface (production & security)."""

import json

from django.core import mail
from django.test import Client

from skillcluster.tenancy.tests.factories import PASSWORD


def _login(client: Client, email: str, password: str):
    return client.post("/accounts/login/", {"username": email, "password": password})


def test_five_wrong_passwords_pause_logging_in_to_that_account_from_that_address(world):
    client = Client()
    codes = [_login(client, "owner@example.org", "wrong-password").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 200, 429]  # the fifth wrong password pauses it
    locked = _login(client, "owner@example.org", PASSWORD)
    assert locked.status_code == 429
    assert "Login paused for 15 minutes" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert _login(Client(), "employee@example.org", PASSWORD).status_code == 302  # other accounts carry on


def test_password_reset_mails_are_throttled(world):
    client = Client()
    answers = [client.post("/accounts/password_reset/", {"email": "owner@example.org"}).status_code for _ in range(5)]
    assert answers == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3


def test_public_verification_is_throttled(db):
    client = Client()
    body = json.dumps({"not": "a credential"})
    codes = [
        client.post("/api/v1/credentials/verify", body, content_type="application/json").status_code for _ in range(31)
    ]
    assert codes[:30] == [200] * 30
    assert codes[30] == 429


def test_a_body_over_the_limit_is_refused_unread(world, client_for, settings):
    settings.MAX_REQUEST_BYTES = 1000
    response = client_for(world.owner).post(
        "/api/v1/credentials/claims", json.dumps({"title": "x" * 2000}), content_type="application/json"
    )
    assert response.status_code == 413


def test_pages_carry_a_content_security_policy_without_inline_script(db):
    response = Client().get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert "<script>" not in response.content.decode()  # no inline script to allow


def test_a_page_body_over_the_limit_gets_a_page_saying_so(db, settings):
    settings.MAX_REQUEST_BYTES = 1000
    response = Client().generic(
        "POST", "/accounts/login/", b"x" * 5000, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert "The request is larger than 0 KB" not in response.content.decode()
    assert "larger than" in response.content.decode()

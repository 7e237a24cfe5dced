"""Statement requests: a person of the cluster answers logged in as themselves; a confirmer outside the
platform answers through a signed, single-use, expiring link, and the assessors see the statement as external."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from skillcluster.accreditation.models import Statement, StatementRequest
from skillcluster.accreditation.services.statements import (
    request_from_token,
    request_token,
    statement_request_answer,
    statement_request_create,
)
from skillcluster.accreditation.tests.builders import make_claim


@pytest.fixture
def external(world) -> StatementRequest:
    claim = make_claim(world)
    return statement_request_create(claim=claim, about="Fitted 40 pairs for our shop", relation="customer",
                                    name="Ugo Neri", email="ugo@shop.example")  # fmt: skip


def test_the_link_works_once_and_the_statement_keeps_who_confirmed(world, external, client_for):
    url = reverse("statement_request", args=[request_token(external)])
    page = client_for(None).get(url)
    assert page.status_code == 200
    assert "Fitted 40 pairs for our shop" in page.content.decode()
    answered = client_for(None).post(url, {"text": "She fitted every pair herself."})
    assert answered.status_code == 200
    assert "Thank you" in answered.content.decode()
    statement = Statement.objects.get()
    assert (statement.author, statement.external_name, statement.external_email, statement.relation) == (
        None, "Ugo Neri", "ugo@shop.example", "customer",
    )  # fmt: skip
    again = client_for(None).post(url, {"text": "Twice"})
    assert again.status_code == 410
    assert "used already" in again.content.decode()
    claim_page = client_for(world.employee).get(reverse("claim_detail", args=[external.claim.pk])).content.decode()
    assert "Ugo Neri" in claim_page
    assert "external · ugo@shop.example" in claim_page


def test_a_forged_expired_or_empty_answer_is_refused(world, external):
    token = request_token(external)
    with pytest.raises(ValidationError, match="not valid"):
        request_from_token(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    external.nonce = "0" * 32  # a link issued before the request was re-issued
    external.save()
    with pytest.raises(ValidationError, match="not valid"):
        request_from_token(token)
    fresh = request_token(external)
    later = timezone.now() + dt.timedelta(days=31)
    with pytest.raises(ValidationError, match="expired on"):
        request_from_token(fresh, now=later)
    with pytest.raises(ValidationError, match="Write what you saw"):
        statement_request_answer(request=external, text="  ", author=None)
    assert Statement.objects.count() == 0


def test_a_request_to_a_person_is_answered_by_them_logged_in_only(world, client_for):
    claim = make_claim(world)
    ask = statement_request_create(claim=claim, about="Session of 3 May", relation="mentor", person=world.manager)
    assert (ask.name, ask.email) == (world.manager.full_name, world.manager.email)
    url = reverse("statement_request", args=[request_token(ask)])
    assert client_for(None).get(url)["Location"].startswith("/accounts/login/")
    assert client_for(world.owner).get(url).status_code == 302
    with pytest.raises(ValidationError, match="log in as them"):
        statement_request_answer(request=ask, text="Seen", author=world.owner)
    assert client_for(world.manager).post(url, {"text": "I taught her the grading."}).status_code == 200
    assert Statement.objects.get().author == world.manager
    with pytest.raises(ValidationError, match="cannot confirm your own claim"):
        statement_request_create(claim=claim, about="x", relation="mentor", person=world.employee)

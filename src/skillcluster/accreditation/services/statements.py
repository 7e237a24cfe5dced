"""Requests for statements, and their answers: a person of the cluster answers while logged in; a confirmer
outside the platform (an external expert, a customer) answers through a signed, single-use, expiring link and
needs no account. The statement keeps the confirmer's name, e-mail and relation, and assessors see it marked
external."""

import datetime as dt
import hmac
import secrets

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from skillcluster.accreditation.models import (
    Claim,
    ClaimStatus,
    Statement,
    StatementRelation,
    StatementRequest,
)
from skillcluster.accreditation.services.credentials import site_url
from skillcluster.mail import mail_after_commit
from skillcluster.tenancy.models import Person

LINK_DAYS = 30
_SALT = "skillcluster.accreditation.statement-request"
DECIDED = (ClaimStatus.APPROVED, ClaimStatus.REJECTED, ClaimStatus.CREDENTIALED, ClaimStatus.REVOKED)


def statement_request_create(
    *, claim: Claim, about: str, relation: str, person: Person | None = None, name: str = "", email: str = "",
    now: dt.datetime | None = None,
) -> StatementRequest:  # fmt: skip
    """Ask ``person`` (of the cluster) or ``name`` at ``email`` (outside the platform) to confirm ``about``;
    the link goes by e-mail once the caller's transaction commits."""
    if claim.status in DECIDED:
        raise ValidationError("This claim is decided; statements are closed.")
    if relation not in StatementRelation.values:
        raise ValidationError({"relation": f"Choose one of: {', '.join(StatementRelation.values)}."})
    if person is not None:
        if person.pk == claim.claimant_id:
            raise ValidationError("You cannot confirm your own claim.")
        name, email = person.full_name, person.email
    name = name.strip()
    if not name or len(name) > 120:
        raise ValidationError({"confirmer_name": "Give the confirmer's name (at most 120 characters)."})
    try:
        validate_email(email.strip())
    except ValidationError:
        raise ValidationError({"confirmer_email": f"'{email}' is not an e-mail address."}) from None
    now = now or timezone.now()
    request = StatementRequest.all_objects.create(
        claim=claim, person=person, name=name, email=email.strip(), relation=relation, about=about.strip(),
        nonce=secrets.token_hex(16), created_at=now, expires_at=now + dt.timedelta(days=LINK_DAYS),
    )  # fmt: skip
    mail_after_commit(
        subject=f"{claim.claimant.full_name} asks you to confirm what they learned",
        message=(
            f"{claim.claimant.full_name} ({claim.firm}) asks you, as their {request.get_relation_display().lower()}, "
            f"to confirm:\n\n{request.about}\n\nThe link works once, until {request.expires_at:%d/%m/%Y}"
            f"{'' if person is None else ' (log in first)'}: {request_url(request)}"
        ),
        recipients=[request.email],
    )
    return request


def request_token(request: StatementRequest) -> str:
    return signing.dumps({"r": request.pk, "n": request.nonce}, salt=_SALT, compress=True)


def request_url(request: StatementRequest) -> str:
    return site_url() + reverse("statement_request", args=[request_token(request)])


def request_from_token(token: str, *, now: dt.datetime | None = None) -> StatementRequest:
    """The request a link stands for, or a ValidationError saying why the link does not work."""
    try:
        payload = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        raise ValidationError("This link is not valid: copy the whole link from the e-mail.") from None
    request_id = payload.get("r") if isinstance(payload, dict) else None
    found = (
        StatementRequest.all_objects.select_related("claim__claimant", "claim__firm", "person")
        .filter(pk=request_id if isinstance(request_id, int) else 0)
        .first()
    )
    if found is None or not hmac.compare_digest(found.nonce, str(payload.get("n", ""))):
        raise ValidationError("This link is not valid: copy the whole link from the e-mail.")
    _require_open(found, now or timezone.now())
    return found


def _require_open(request: StatementRequest, now: dt.datetime) -> None:
    if request.answered_at is not None:
        raise ValidationError(f"This link was used already, on {timezone.localtime(request.answered_at):%d/%m/%Y}; "
                              "each link confirms once.")  # fmt: skip
    if now >= request.expires_at:
        raise ValidationError(f"This link expired on {timezone.localtime(request.expires_at):%d/%m/%Y}. "
                              "Ask the person for a new one.")  # fmt: skip
    if request.claim.status in DECIDED:
        raise ValidationError("This claim is decided already; statements are closed.")


def statement_request_answer(*, request: StatementRequest, text: str, author: Person | None) -> Statement:
    """Write the statement: as the person asked (``author`` must be them), or as the external confirmer."""
    if request.person_id is not None and (author is None or author.pk != request.person_id):
        raise ValidationError(f"This request is for {request.name}: log in as them to answer it.")
    text = text.strip()
    if not text or len(text) > 3000:
        raise ValidationError({"text": "Write what you saw the person do (at most 3,000 characters)."})
    with transaction.atomic():
        locked = StatementRequest.all_objects.select_for_update().select_related("claim").get(pk=request.pk)
        _require_open(locked, timezone.now())
        if locked.person_id is not None:  # one statement per author: a second answer replaces the first
            statement, _ = Statement.objects.update_or_create(
                claim=locked.claim, author_id=locked.person_id, defaults={"relation": locked.relation, "text": text}
            )
        else:
            statement = Statement.objects.create(claim=locked.claim, relation=locked.relation, text=text,
                                                 external_name=locked.name, external_email=locked.email)  # fmt: skip
        locked.answered_at, locked.statement = timezone.now(), statement
        locked.save(update_fields=["answered_at", "statement"])
    return statement

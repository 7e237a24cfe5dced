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
from django.utils import timezone, translation
from django.utils.translation import gettext

from skillcluster.accreditation.models import (
    Claim,
    ClaimStatus,
    Statement,
    StatementRelation,
    StatementRequest,
    in_sentence,
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
        raise ValidationError(gettext("This claim is decided; statements are closed."))
    if relation not in StatementRelation.values:
        message = gettext("Choose one of: %(values)s.")
        raise ValidationError({"relation": message % {"values": ", ".join(StatementRelation.values)}})
    if person is not None:
        if person.pk == claim.claimant_id:
            raise ValidationError(gettext("You cannot confirm your own claim."))
        name, email = person.full_name, person.email
    name = name.strip()
    if not name or len(name) > 120:
        raise ValidationError({"confirmer_name": gettext("Give the confirmer's name (at most 120 characters).")})
    try:
        validate_email(email.strip())
    except ValidationError:
        raise ValidationError(
            {"confirmer_email": gettext("'%(email)s' is not an e-mail address.") % {"email": email}}
        ) from None
    now = now or timezone.now()
    request = StatementRequest.all_objects.create(
        claim=claim, person=person, name=name, email=email.strip(), relation=relation, about=about.strip(),
        nonce=secrets.token_hex(16), created_at=now, expires_at=now + dt.timedelta(days=LINK_DAYS),
    )  # fmt: skip
    _mail_request(request, person)
    return request


def _mail_request(request: StatementRequest, person: Person | None) -> None:
    """The link, by e-mail, in the confirmer's language: their own choice, else the claimant's cluster's."""
    claim = request.claim
    with translation.override((person.language if person is not None else "") or claim.cluster.language):
        values = {
            "claimant": claim.claimant.full_name,
            "firm": claim.firm,
            "relation": in_sentence(request.get_relation_display()),
            "about": request.about,
            "until": f"{request.expires_at:%d/%m/%Y}",
            "url": request_url(request),
        }
        subject = gettext("%(claimant)s asks you to confirm what they learned") % values
        if person is None:
            body = gettext(
                "%(claimant)s (%(firm)s) asks you, as their %(relation)s, to confirm:\n\n%(about)s\n\n"
                "The link works once, until %(until)s: %(url)s"
            )
        else:
            body = gettext(
                "%(claimant)s (%(firm)s) asks you, as their %(relation)s, to confirm:\n\n%(about)s\n\n"
                "The link works once, until %(until)s (log in first): %(url)s"
            )
    mail_after_commit(subject=subject, message=body % values, recipients=[request.email])


def request_token(request: StatementRequest) -> str:
    return signing.dumps({"r": request.pk, "n": request.nonce}, salt=_SALT, compress=True)


def request_url(request: StatementRequest) -> str:
    return site_url() + reverse("statement_request", args=[request_token(request)])


def request_from_token(token: str, *, now: dt.datetime | None = None) -> StatementRequest:
    """The request a link stands for, or a ValidationError saying why the link does not work."""
    try:
        payload = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        raise ValidationError(gettext("This link is not valid: copy the whole link from the e-mail.")) from None
    request_id = payload.get("r") if isinstance(payload, dict) else None
    found = (
        StatementRequest.all_objects.select_related("claim__claimant", "claim__firm", "person")
        .filter(pk=request_id if isinstance(request_id, int) else 0)
        .first()
    )
    if found is None or not hmac.compare_digest(found.nonce, str(payload.get("n", ""))):
        raise ValidationError(gettext("This link is not valid: copy the whole link from the e-mail."))
    _require_open(found, now or timezone.now())
    return found


def _require_open(request: StatementRequest, now: dt.datetime) -> None:
    if request.answered_at is not None:
        message = gettext("This link was used already, on %(date)s; each link confirms once.")
        raise ValidationError(message % {"date": f"{timezone.localtime(request.answered_at):%d/%m/%Y}"})
    if now >= request.expires_at:
        message = gettext("This link expired on %(date)s. Ask the person for a new one.")
        raise ValidationError(message % {"date": f"{timezone.localtime(request.expires_at):%d/%m/%Y}"})
    if request.claim.status in DECIDED:
        raise ValidationError(gettext("This claim is decided already; statements are closed."))


def statement_request_answer(*, request: StatementRequest, text: str, author: Person | None) -> Statement:
    """Write the statement: as the person asked (``author`` must be them), or as the external confirmer."""
    if request.person_id is not None and (author is None or author.pk != request.person_id):
        message = gettext("This request is for %(name)s: log in as them to answer it.")
        raise ValidationError(message % {"name": request.name})
    text = text.strip()
    if not text or len(text) > 3000:
        raise ValidationError({"text": gettext("Write what you saw the person do (at most 3,000 characters).")})
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

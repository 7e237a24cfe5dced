"""The public check of a credential against our records: keys from IssuerKey, status from our lists.

Reads across tenants on purpose (anyone may verify), through `all_objects` and without a scope.
Only issuers we hold keys for are trusted: a credential signed by any other key is "wrong key".
"""

import datetime as dt
import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django_scopes import scopes_disabled

from skillcluster.accreditation.models import IssuedCredential, IssuerKey, StatusList
from skillcluster.accreditation.vc import ob3, verification
from skillcluster.accreditation.vc.status_list import StatusListError, parse_index
from skillcluster.accreditation.vc.verification import Words

MAX_CREDENTIAL_BYTES = 256 * 1024
_LIST_PATH = re.compile(r"/credentials/status/(\d+)/(\d+)$")


def _public_key(verification_method: str) -> bytes | None:
    key = IssuerKey.objects.filter(verification_method=verification_method).first()
    return bytes(key.public_key) if key is not None else None


def _revoked(entry: Mapping[str, Any]) -> bool:
    match = _LIST_PATH.search(str(entry.get("statusListCredential", "")))
    if match is None:
        raise StatusListError(Words(gettext_noop("the status list is not one of this platform's")))
    status = StatusList.objects.filter(organisation_id=int(match[1]), pk=int(match[2])).first()
    if status is None:
        raise StatusListError(Words(gettext_noop("the status list does not exist")))
    index = parse_index(entry.get("statusListIndex"))
    if index >= status.size:
        raise StatusListError(Words(gettext_noop("statusListIndex %(index)s is outside the list"), {"index": index}))
    return IssuedCredential.all_objects.filter(
        status_list=status, status_index=index, revoked_at__isnull=False
    ).exists()


@dataclass(frozen=True)
class Report:
    """What the verification page shows: the outcome and the credential's claims as written in it."""

    result: verification.VerificationResult
    document: dict[str, Any] | None
    record: IssuedCredential | None = None

    @property
    def status(self) -> str:
        return str(self.result.status)

    @property
    def summary(self) -> dict[str, Any]:
        return summarise(self.document) if self.document is not None else {}


def verify_document(document: object, *, now: dt.datetime | None = None) -> Report:
    with scopes_disabled():
        result = verification.verify_credential(
            document, resolve_key=_public_key, status_lookup=_revoked, now=now or timezone.now()
        )
        record = _record_of(document)
    return Report(result, document if isinstance(document, dict) else None, record)


def verify_text(text: str | bytes, *, now: dt.datetime | None = None) -> Report:
    if len(text) > MAX_CREDENTIAL_BYTES:
        too_big = Words(gettext_noop("The file is larger than 256 KB; a credential is far smaller."))
        return Report(verification.VerificationResult.worded(verification.VerificationStatus.MALFORMED, too_big), None)
    try:
        document = json.loads(text)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        status = verification.VerificationStatus.MALFORMED
        reason = Words(gettext_noop("This is not valid JSON: %(error)s"), {"error": error})
        return Report(verification.VerificationResult.worded(status, reason), None)
    return verify_document(document, now=now)


def _record_of(document: object) -> IssuedCredential | None:
    if not isinstance(document, dict) or not str(document.get("id", "")).startswith("urn:uuid:"):
        return None
    try:
        uid = uuid.UUID(str(document["id"]).removeprefix("urn:uuid:"))
    except ValueError:
        return None
    return IssuedCredential.all_objects.filter(uuid=uid).first()


def summarise(document: Mapping[str, Any]) -> dict[str, Any]:
    """Issuer, holder, skills, level, criteria and evidence as the credential states them (for display)."""
    subject = document.get("credentialSubject")
    subject = subject if isinstance(subject, dict) else {}
    achievement = subject.get("achievement")
    achievement = achievement if isinstance(achievement, dict) else {}
    issuer = document.get("issuer")
    alignments = [a for a in achievement.get("alignment", []) if isinstance(a, dict)]
    criteria = achievement.get("criteria")
    return {
        "name": document.get("name"),
        "issuer_name": issuer.get("name") if isinstance(issuer, dict) else issuer,
        "issuer_id": verification.issuer_id(document),
        "holder": subject.get("name"),
        "skills": [
            {"uri": a.get("targetUrl"), "name": a.get("targetName")}
            for a in alignments
            if a.get("targetFramework") == "ESCO"
        ],
        "level": _level(subject),  # English, as the API gives it
        "level_shown": _level(subject, shown=True),  # in the reader's language, for a page
        "criteria": criteria.get("narrative") if isinstance(criteria, dict) else None,
        "evidence": [e for e in document.get("evidence", []) if isinstance(e, dict)],
        "valid_from": document.get("validFrom"),
        "valid_until": document.get("validUntil"),
        "valid_from_date": _date(document.get("validFrom")),
        "valid_until_date": _date(document.get("validUntil")),
        "esco_uris": ob3.skill_uris(document),
    }


def _date(value: object) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _level(subject: Mapping[str, Any], *, shown: bool = False) -> str | None:
    results = subject.get("result")
    for result in results if isinstance(results, list) else []:
        achieved = str(result.get("achievedLevel", "")) if isinstance(result, dict) else ""
        if "#proficiency-" in achieved:
            level = achieved.rsplit("-", 1)[-1]
            if not level.isdigit():
                return None
            name = ob3.PROFICIENCY_LEVELS.get(int(level), "?")
            return f"{level} — {gettext(name) if shown else name}"
    return None

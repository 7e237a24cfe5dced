"""Build 1EdTech Open Badges 3.0 ``OpenBadgeCredential``s (on W3C VCDM 2.0) from dataclasses.

ESCO skills are ``alignment`` entries (targetFramework "ESCO", targetCode and targetUrl the
skill URI); an optional EQF level is a further alignment to
``http://data.europa.eu/snb/eqf/N``, describing the achievement, not an awarded level. The
proficiency level (the platform's 0–4 scale) is a ``RubricCriterionLevel`` result: the
achievement's ``resultDescription`` lists the scale and the subject's ``result`` names the
level reached. Every built credential is validated against the bundled OB 3.0 JSON Schema.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft201909Validator

from skillcluster.taxonomy.domain.proficiency import LEVEL_LABELS

VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CONTEXTS = [VC_V2_CONTEXT, OB_CONTEXT]
SCHEMA_PATH = Path(__file__).with_name("schemas") / "ob_v3p0_achievementcredential_schema.json"
ESCO_SKILL_PREFIX = "http://data.europa.eu/esco/skill/"
EQF_PREFIX = "http://data.europa.eu/snb/eqf/"

# The platform's proficiency scale, as the credential's RubricCriterionLevels name it.
PROFICIENCY_LEVELS = LEVEL_LABELS


class CredentialBuildError(ValueError):
    """The inputs cannot make a valid OpenBadgeCredential; the message names the field."""


# An absolute URI: JSON-LD silently drops relative ids from the RDF, so they would go unsigned.
_ABSOLUTE_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")


def _require_uri(field_name: str, value: str | None) -> None:
    if value is not None and not _ABSOLUTE_URI.match(value):
        raise CredentialBuildError(f"{field_name}: {value!r} is not an absolute URI")


@dataclass(frozen=True)
class IssuerProfile:
    id: str  # did:web / did:key of the issuing organisation
    name: str
    url: str | None = None
    email: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class IdentityObject:
    """An OB 3.0 identifier for a holder without a DID (``identityHash`` is ``sha256$hex``)."""

    identity_type: str
    identity_hash: str
    hashed: bool = True
    salt: str | None = None


def hashed_identity(value: str, *, salt: str, identity_type: str = "emailAddress") -> IdentityObject:
    """OB 3.0 IdentityHash: ``"sha256$" + hex(sha256(value ‖ salt))``."""
    digest = hashlib.sha256((value + salt).encode("utf-8")).hexdigest()
    return IdentityObject(identity_type=identity_type, identity_hash=f"sha256${digest}", salt=salt)


@dataclass(frozen=True)
class Holder:
    """The credential subject: a DID/URL ``id``, identifiers, or both (at least one)."""

    id: str | None = None
    identifiers: tuple[IdentityObject, ...] = ()
    name: str | None = None


@dataclass(frozen=True)
class SkillAlignment:
    esco_uri: str  # http://data.europa.eu/esco/skill/<uuid>
    name: str


@dataclass(frozen=True)
class Achievement:
    id: str
    name: str
    description: str
    criteria_narrative: str
    skills: tuple[SkillAlignment, ...]
    eqf_level: int | None = None
    achievement_type: str = "Competency"
    language: str | None = None  # BCP 47 code of name, description and criteria ("inLanguage")
    # The same achievement worded in other languages, as OB 3.0 links alternate-language editions: (id, language).
    editions: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Evidence:
    name: str
    narrative: str | None = None
    id: str | None = None
    description: str | None = None
    genre: str | None = None


@dataclass(frozen=True)
class CredentialInput:
    id: str  # urn:uuid:… or a URL
    name: str
    issuer: IssuerProfile
    holder: Holder
    achievement: Achievement
    valid_from: datetime
    proficiency_level: int | None = None
    valid_until: datetime | None = None
    evidence: tuple[Evidence, ...] = ()
    credential_status: Mapping[str, str] | None = None
    description: str | None = None
    extra_types: tuple[str, ...] = field(default=())


def xsd_datetime(moment: datetime) -> str:
    """``2026-01-15T09:00:00Z`` for UTC, ``…+02:00`` otherwise; naive datetimes are refused."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise CredentialBuildError("Datetimes must be timezone-aware")
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def _compact(values: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


def issuer_json(issuer: IssuerProfile) -> dict[str, Any]:
    return _compact(
        {
            "id": issuer.id,
            "type": ["Profile"],
            "name": issuer.name,
            "url": issuer.url,
            "email": issuer.email,
            "description": issuer.description,
        }
    )


def skill_alignment_json(skill: SkillAlignment) -> dict[str, Any]:
    if not skill.esco_uri.startswith(ESCO_SKILL_PREFIX):
        raise CredentialBuildError(f"skills: {skill.esco_uri!r} is not an ESCO skill URI")
    return {
        "type": ["Alignment"],
        "targetName": skill.name,
        "targetUrl": skill.esco_uri,
        "targetFramework": "ESCO",
        "targetCode": skill.esco_uri,
        "targetType": "ext:ESCOSkill",
    }


def eqf_alignment_json(level: int) -> dict[str, Any]:
    if not 1 <= level <= 8:
        raise CredentialBuildError(f"eqf_level: expected 1..8, got {level}")
    return {
        "type": ["Alignment"],
        "targetName": f"EQF level {level}",
        "targetUrl": f"{EQF_PREFIX}{level}",
        "targetFramework": "European Qualifications Framework",
        "targetCode": str(level),
        "targetType": "ext:EQF",
    }


def proficiency_result_description(achievement_id: str) -> dict[str, Any]:
    """The platform's 0–4 proficiency scale as an OB 3.0 RubricCriterionLevel description."""
    return {
        "id": f"{achievement_id}#proficiency",
        "type": ["ResultDescription"],
        "name": "Proficiency level",
        "resultType": "RubricCriterionLevel",
        "rubricCriterionLevel": [
            {
                "id": f"{achievement_id}#proficiency-{level}",
                "type": ["RubricCriterionLevel"],
                "name": name,
                "level": str(level),
            }
            for level, name in PROFICIENCY_LEVELS.items()
        ],
    }


def proficiency_result(achievement_id: str, level: int) -> dict[str, Any]:
    if level not in PROFICIENCY_LEVELS:
        raise CredentialBuildError(f"proficiency_level: expected 0..4, got {level}")
    return {
        "type": ["Result"],
        "resultDescription": f"{achievement_id}#proficiency",
        "achievedLevel": f"{achievement_id}#proficiency-{level}",
    }


def achievement_json(achievement: Achievement, *, with_proficiency: bool) -> dict[str, Any]:
    if not achievement.skills:
        raise CredentialBuildError("achievement.skills: at least one ESCO skill is required")
    alignment = [skill_alignment_json(skill) for skill in achievement.skills]
    if achievement.eqf_level is not None:
        alignment.append(eqf_alignment_json(achievement.eqf_level))
    body: dict[str, Any] = {
        "id": achievement.id,
        "type": ["Achievement"],
        "achievementType": achievement.achievement_type,
        "name": achievement.name,
        "description": achievement.description,
        "criteria": {"narrative": achievement.criteria_narrative},
        "alignment": alignment,
    }
    if achievement.language:
        body["inLanguage"] = achievement.language
    if achievement.editions:
        body["related"] = [{"id": id_, "type": ["Related"], "inLanguage": lang} for id_, lang in achievement.editions]
    if with_proficiency:
        body["resultDescription"] = [proficiency_result_description(achievement.id)]
    return body


def identity_json(identity: IdentityObject) -> dict[str, Any]:
    return _compact(
        {
            "type": "IdentityObject",
            "identityHash": identity.identity_hash,
            "identityType": identity.identity_type,
            "hashed": identity.hashed,
            "salt": identity.salt,
        }
    )


def subject_json(data: CredentialInput) -> dict[str, Any]:
    holder = data.holder
    if holder.id is None and not holder.identifiers:
        raise CredentialBuildError("holder: an id or at least one identifier is required")
    with_proficiency = data.proficiency_level is not None
    subject: dict[str, Any] = _compact({"id": holder.id, "type": ["AchievementSubject"]})
    if holder.name is not None:
        subject["name"] = holder.name
    if holder.identifiers:
        subject["identifier"] = [identity_json(i) for i in holder.identifiers]
    subject["achievement"] = achievement_json(data.achievement, with_proficiency=with_proficiency)
    if data.proficiency_level is not None:
        subject["result"] = [proficiency_result(data.achievement.id, data.proficiency_level)]
    return subject


def evidence_json(evidence: Evidence) -> dict[str, Any]:
    return _compact(
        {
            "id": evidence.id,
            "type": ["Evidence"],
            "name": evidence.name,
            "narrative": evidence.narrative,
            "description": evidence.description,
            "genre": evidence.genre,
        }
    )


def build_credential(data: CredentialInput) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential for ``data``, validated against the OB 3.0 schema.

    Raises CredentialBuildError naming the offending field.
    """
    if data.valid_until is not None and data.valid_until <= data.valid_from:
        raise CredentialBuildError("valid_until: must be later than valid_from")
    _require_uri("id", data.id)
    _require_uri("issuer.id", data.issuer.id)
    _require_uri("issuer.url", data.issuer.url)
    _require_uri("holder.id", data.holder.id)
    _require_uri("achievement.id", data.achievement.id)
    for evidence in data.evidence:
        _require_uri("evidence.id", evidence.id)
    credential: dict[str, Any] = {
        "@context": list(CONTEXTS),
        "id": data.id,
        "type": ["VerifiableCredential", "OpenBadgeCredential", *data.extra_types],
        "issuer": issuer_json(data.issuer),
        "validFrom": xsd_datetime(data.valid_from),
        "name": data.name,
        "credentialSubject": subject_json(data),
    }
    if data.description is not None:
        credential["description"] = data.description
    if data.valid_until is not None:
        credential["validUntil"] = xsd_datetime(data.valid_until)
    if data.evidence:
        credential["evidence"] = [evidence_json(e) for e in data.evidence]
    if data.credential_status is not None:
        credential["credentialStatus"] = dict(data.credential_status)
    errors = schema_errors(credential)
    if errors:
        raise CredentialBuildError("OB 3.0 schema: " + "; ".join(errors))
    return credential


@cache
def _validator() -> Draft201909Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return Draft201909Validator(schema, format_checker=Draft201909Validator.FORMAT_CHECKER)


def schema_errors(credential: Mapping[str, Any]) -> list[str]:
    """OB 3.0 AchievementCredential JSON Schema errors, as ``path: message`` (empty when valid)."""
    found = sorted(_validator().iter_errors(dict(credential)), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}" for e in found]


def validate_ob3(credential: Mapping[str, Any]) -> None:
    """Raise CredentialBuildError unless ``credential`` satisfies the OB 3.0 JSON Schema."""
    errors = schema_errors(credential)
    if errors:
        raise CredentialBuildError("OB 3.0 schema: " + "; ".join(errors))


def skill_uris(credential: Mapping[str, Any]) -> list[str]:
    """ESCO skill URIs a credential's achievement is aligned to (for display and skill records)."""
    subject = credential.get("credentialSubject")
    subjects: Sequence[Any] = subject if isinstance(subject, list) else [subject]
    uris: list[str] = []
    for item in subjects:
        achievement = item.get("achievement") if isinstance(item, dict) else None
        alignments = achievement.get("alignment", []) if isinstance(achievement, dict) else []
        for alignment in alignments if isinstance(alignments, list) else []:
            if isinstance(alignment, dict) and alignment.get("targetFramework") == "ESCO":
                uris.append(str(alignment.get("targetCode") or alignment.get("targetUrl")))
    return uris

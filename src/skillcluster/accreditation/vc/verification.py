"""Verify a credential: shape, contexts, Data Integrity proof, status list, validity period.

The key and status look-ups are injected (pure callables), so this module runs without
Django: the web side passes DB-backed ones, tests pass dictionaries. Each outcome carries a
sentence a person can read: in English as ``reason`` (the API, the command line), in the reader's language
as ``shown_reason`` (the public verification page).

When several things are wrong, the answer is the first of: malformed / unknown context
(nothing can be checked), wrong key, tampered, revoked, expired, not yet valid.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from skillcluster.accreditation.vc import ob3
from skillcluster.accreditation.vc.canonical import CanonicalizationError
from skillcluster.accreditation.vc.jsonld_loader import UnknownContextError, known_context_urls
from skillcluster.accreditation.vc.multibase import MultibaseError, decode_public_multikey
from skillcluster.accreditation.vc.signing import CRYPTOSUITE, PROOF_TYPE, ProofError, proofs_of, verify_proof
from skillcluster.accreditation.vc.status_list import StatusListError, status_entries
from skillcluster.words import Translated, gettext, gettext_noop

VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_TYPES = frozenset({"OpenBadgeCredential", "AchievementCredential"})

KeyResolver = Callable[[str], bytes | None]
StatusLookup = Callable[[Mapping[str, Any]], bool]


class VerificationStatus(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    REVOKED = "revoked"
    TAMPERED = "tampered"
    UNKNOWN_CONTEXT = "unknown_context"
    WRONG_KEY = "wrong_key"
    MALFORMED = "malformed"


# The checks' names as a page shows them; the result and the API keep the English keys.
CHECK_NAMES = Translated(
    {
        # Translators: a check the verification of a credential passed: its form (fields, types, contexts)
        "shape": gettext_noop("shape"),
        # Translators: a check the verification of a credential passed: its digital signature
        "signature": gettext_noop("signature"),
        # Translators: a check the verification of a credential passed: not revoked by its issuer
        "status": gettext_noop("status"),
        "validity period": gettext_noop("validity period"),
    }
)


@dataclass(frozen=True)
class Words:
    """A sentence for people, marked with gettext_noop where it is written, and its values (a value may be Words
    itself): ``str()`` words it in English, ``shown()`` in the active language."""

    message: str
    values: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message % dict(self.values) if self.values else self.message

    def shown(self) -> str:
        if not self.values:
            return gettext(self.message)
        values = {key: value.shown() if isinstance(value, Words) else value for key, value in self.values.items()}
        return gettext(self.message) % values


def words_of(error: Exception) -> Words | str:
    """The words an error was raised with (``SomeError(Words(...))``), else its English text."""
    return error.args[0] if len(error.args) == 1 and isinstance(error.args[0], Words) else str(error)


@dataclass(frozen=True)
class VerificationResult:
    status: VerificationStatus
    reason: str  # in English: the API and the command line give it as it is
    issuer: str | None = None
    verification_method: str | None = None
    checks: tuple[str, ...] = field(default=())  # what was checked and passed, in order: CHECK_NAMES' keys
    words: Words | None = field(default=None, compare=False)  # the reason as marked for translation

    @classmethod
    def worded(
        cls,
        status: VerificationStatus,
        words: Words,
        issuer: str | None = None,
        verification_method: str | None = None,
        checks: tuple[str, ...] = (),
    ) -> VerificationResult:
        """A result whose reason is ``words``: English in ``reason``, the reader's language in ``shown_reason``."""
        return cls(status, str(words), issuer, verification_method, checks, words)

    @property
    def is_valid(self) -> bool:
        return self.status is VerificationStatus.VALID

    @property
    def shown_reason(self) -> str:
        """The reason in the active language, for a page."""
        return self.words.shown() if self.words is not None else self.reason

    @property
    def shown_checks(self) -> tuple[str, ...]:
        """The checks passed, named in the active language, for a page."""
        return tuple(CHECK_NAMES.get(check, check) for check in self.checks)


class _FailureError(Exception):
    def __init__(self, status: VerificationStatus, words: Words) -> None:
        super().__init__(str(words))
        self.status = status
        self.words = words


def _fail(status: VerificationStatus, message: str, **values: object) -> _FailureError:
    """``message`` marked with gettext_noop (or an error's own English text), its values named."""
    return _FailureError(status, Words(message, values))


def _unknown_context(error: UnknownContextError) -> _FailureError:
    return _fail(VerificationStatus.UNKNOWN_CONTEXT, UnknownContextError.MESSAGE, url=repr(error.url))


def issuer_id(document: Mapping[str, Any]) -> str | None:
    issuer = document.get("issuer")
    if isinstance(issuer, str):
        return issuer
    if isinstance(issuer, dict) and isinstance(issuer.get("id"), str):
        return str(issuer["id"])
    return None


def _check_contexts(document: Mapping[str, Any]) -> None:
    contexts = document.get("@context")
    if not isinstance(contexts, list) or not contexts:
        raise _fail(VerificationStatus.MALFORMED, gettext_noop("@context must be a non-empty list"))
    known = known_context_urls()
    for context in contexts:
        if isinstance(context, str) and context not in known:
            raise _unknown_context(UnknownContextError(context))
        if not isinstance(context, (str, dict)):
            raise _fail(VerificationStatus.MALFORMED, gettext_noop("Each @context entry must be a URL or an object"))
    if contexts[0] != VC_V2_CONTEXT:
        raise _fail(
            VerificationStatus.MALFORMED,
            gettext_noop("The first @context must be %(expected)s (a Verifiable Credential 2.0); found %(found)s"),
            expected=VC_V2_CONTEXT,
            found=repr(contexts[0]),
        )


def _check_shape(document: Mapping[str, Any]) -> None:
    types = document.get("type")
    type_list = types if isinstance(types, list) else [types]
    if "VerifiableCredential" not in type_list:
        raise _fail(VerificationStatus.MALFORMED, gettext_noop("type must include VerifiableCredential"))
    if issuer_id(document) is None:
        raise _fail(VerificationStatus.MALFORMED, gettext_noop("issuer is missing (a URL or an object with id)"))
    if not document.get("credentialSubject"):
        raise _fail(VerificationStatus.MALFORMED, gettext_noop("credentialSubject is missing"))
    _parse_time(document, "validFrom")
    _parse_time(document, "validUntil")
    _supported_proofs(document)
    if OB_TYPES.intersection(t for t in type_list if isinstance(t, str)):
        # The schema copy wants proof as an array; we read both forms, so normalise first.
        normalised = {**document, "proof": proofs_of(document)}
        errors = ob3.schema_errors(normalised)
        if errors:
            raise _fail(
                VerificationStatus.MALFORMED, gettext_noop("Not a valid Open Badge 3.0: %(error)s"), error=errors[0]
            )


def _supported_proofs(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    try:
        proofs = proofs_of(document)
    except ProofError as error:
        raise _fail(VerificationStatus.MALFORMED, str(error)) from None
    if not proofs:
        raise _fail(VerificationStatus.MALFORMED, gettext_noop("The credential has no proof"))
    supported = [p for p in proofs if p.get("type") == PROOF_TYPE and p.get("cryptosuite") == CRYPTOSUITE]
    if not supported:
        raise _fail(
            VerificationStatus.MALFORMED,
            gettext_noop("No %(type)s proof with cryptosuite %(suite)s; other proof kinds are not accepted"),
            type=PROOF_TYPE,
            suite=CRYPTOSUITE,
        )
    return supported


def _key_for(proof: Mapping[str, Any], issuer: str, resolve_key: KeyResolver) -> bytes:
    method = proof.get("verificationMethod")
    if not isinstance(method, str) or ("#" not in method and not method.startswith("did:key:")):
        raise _fail(
            VerificationStatus.WRONG_KEY, gettext_noop("Unusable verification method %(method)s"), method=repr(method)
        )
    controller, _, fragment = method.partition("#")
    if controller != issuer:
        raise _fail(
            VerificationStatus.WRONG_KEY,
            gettext_noop("The signing key %(method)s does not belong to the issuer %(issuer)s"),
            method=method,
            issuer=issuer,
        )
    key = resolve_key(method)
    if key is None:
        raise _fail(VerificationStatus.WRONG_KEY, gettext_noop("No public key is known for %(method)s"), method=method)
    if fragment.startswith("z6Mk"):
        try:
            named = decode_public_multikey(fragment)
        except MultibaseError:
            named = None
        if named != key:
            message = gettext_noop("The key named in %(method)s is not the issuer's key")
            raise _fail(VerificationStatus.WRONG_KEY, message, method=method)
    return key


def _check_proof(document: Mapping[str, Any], proof: Mapping[str, Any], key: bytes) -> None:
    if proof.get("proofPurpose") != "assertionMethod":
        raise _fail(VerificationStatus.MALFORMED, gettext_noop("proof.proofPurpose must be assertionMethod"))
    try:
        valid = verify_proof(document, proof, key)
    except UnknownContextError as error:
        raise _unknown_context(error) from None
    except (ProofError, CanonicalizationError) as error:
        raise _fail(VerificationStatus.MALFORMED, str(error)) from None
    if not valid:
        raise _fail(
            VerificationStatus.TAMPERED,
            gettext_noop("The signature does not match the content: the credential was changed after it was issued"),
        )


def _check_status(document: Mapping[str, Any], status_lookup: StatusLookup) -> None:
    for entry in status_entries(document):
        if entry.get("statusPurpose") != "revocation":
            continue
        try:
            revoked = status_lookup(entry)
        except StatusListError as error:
            raise _fail(VerificationStatus.MALFORMED, "credentialStatus: %(error)s", error=words_of(error)) from None
        if revoked:
            raise _fail(VerificationStatus.REVOKED, gettext_noop("The issuer has revoked this credential"))


def _parse_time(document: Mapping[str, Any], key: str) -> datetime | None:
    value = document.get(key)
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        message = gettext_noop("%(field)s is not a date-time: %(value)s")
        raise _fail(VerificationStatus.MALFORMED, message, field=key, value=repr(value)) from None
    if moment.tzinfo is None:
        raise _fail(
            VerificationStatus.MALFORMED,
            gettext_noop("%(field)s has no time zone: %(value)s"),
            field=key,
            value=repr(value),
        )
    return moment


def _check_period(document: Mapping[str, Any], now: datetime) -> None:
    valid_from = _parse_time(document, "validFrom")
    valid_until = _parse_time(document, "validUntil")
    if valid_until is not None and now >= valid_until:
        message = gettext_noop("The credential expired on %(date)s")
        raise _fail(VerificationStatus.EXPIRED, message, date=document["validUntil"])
    if valid_from is not None and now < valid_from:
        message = gettext_noop("The credential is valid only from %(date)s")
        raise _fail(VerificationStatus.NOT_YET_VALID, message, date=document["validFrom"])


def verify_credential(
    doc: object,
    *,
    resolve_key: KeyResolver,
    status_lookup: StatusLookup,
    now: datetime,
) -> VerificationResult:
    """Verify a parsed credential (a JSON object) at the instant ``now`` (timezone-aware).

    ``resolve_key(verification_method_id)`` returns the 32-byte Ed25519 public key or None;
    ``status_lookup(status_entry)`` returns True when the entry's bit is set (revoked) and
    may raise StatusListError. Neither this function nor its helpers touch the network.
    """
    if not isinstance(doc, dict):
        return VerificationResult.worded(
            VerificationStatus.MALFORMED, Words(gettext_noop("A credential must be a JSON object"))
        )
    too_big = _oversized(doc)
    if too_big is not None:
        return VerificationResult.worded(VerificationStatus.MALFORMED, too_big)
    issuer = issuer_id(doc)
    checks: list[str] = []
    method: str | None = None
    try:
        _check_contexts(doc)
        _check_shape(doc)
        checks.append("shape")
        for proof in _supported_proofs(doc):
            method = str(proof.get("verificationMethod"))
            _check_proof(doc, proof, _key_for(proof, str(issuer), resolve_key))
        checks.append("signature")
        _check_status(doc, status_lookup)
        checks.append("status")
        _check_period(doc, now)
        checks.append("validity period")
    except _FailureError as failure:
        return VerificationResult.worded(failure.status, failure.words, issuer, method, tuple(checks))
    valid = Words(gettext_noop("Valid credential issued by %(issuer)s"), {"issuer": issuer})
    return VerificationResult.worded(VerificationStatus.VALID, valid, issuer, method, tuple(checks))


# Each proof costs a canonicalisation and a signature check: a genuine credential carries one or two, so a
# document with hundreds of copies is a denial of service, not a credential. So are deep or huge trees.
MAX_PROOFS = 4
MAX_DEPTH = 32
MAX_NODES = 20_000


def _oversized(doc: Mapping[str, Any]) -> Words | None:
    """Why the document is beyond what a credential can be (None when it is not), before any costly step."""
    proofs = doc.get("proof")
    if isinstance(proofs, list) and len(proofs) > MAX_PROOFS:
        message = gettext_noop("The credential has %(count)s proofs; at most %(most)s are checked")
        return Words(message, {"count": len(proofs), "most": MAX_PROOFS})
    nodes, stack = 0, [(doc, 1)]
    while stack:
        value, depth = stack.pop()
        nodes += 1
        if depth > MAX_DEPTH:
            return Words(gettext_noop("The credential nests deeper than %(most)s levels"), {"most": MAX_DEPTH})
        if nodes > MAX_NODES:
            return Words(gettext_noop("The credential has more than %(most)s values"), {"most": f"{MAX_NODES:,}"})
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        stack.extend((child, depth + 1) for child in children)
    return None


def verify_json(
    text: str | bytes,
    *,
    resolve_key: KeyResolver,
    status_lookup: StatusLookup,
    now: datetime,
) -> VerificationResult:
    """Like verify_credential, for an uploaded or pasted JSON text (malformed when not JSON)."""
    try:
        doc = json.loads(text)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        return VerificationResult.worded(
            VerificationStatus.MALFORMED, Words(gettext_noop("Not valid JSON: %(error)s"), {"error": error})
        )
    return verify_credential(doc, resolve_key=resolve_key, status_lookup=status_lookup, now=now)

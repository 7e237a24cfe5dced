"""verify_credential: every outcome, our own credentials and the 1EdTech validator samples."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from skillcluster.accreditation.tests._vectors import EXAMPLES, RDFC, VALIDATOR, example_issuer_key, load_json
from skillcluster.accreditation.tests.test_ob3 import example_input
from skillcluster.accreditation.vc.jsonld_loader import UnknownContextError
from skillcluster.accreditation.vc.multibase import MultibaseError, decode_public_multikey
from skillcluster.accreditation.vc.ob3 import build_credential
from skillcluster.accreditation.vc.signing import did_key_verification_method, public_key_bytes, sign_document
from skillcluster.accreditation.vc.status_list import StatusListError, is_set
from skillcluster.accreditation.vc.verification import (
    VerificationResult,
    VerificationStatus,
    Words,
    verify_credential,
    verify_json,
)

S = VerificationStatus
NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)
PUBLIC = public_key_bytes(example_issuer_key())
METHOD = did_key_verification_method(PUBLIC)
STATUS_LIST = load_json(EXAMPLES / "example-status-list.json")  # bit 94567 set
TESTLIST = load_json(VALIDATOR / "ob30" / "bit-string-list" / "testlist")  # bit 23 set


def our_keys(method: str) -> bytes | None:
    return {METHOD: PUBLIC}.get(method)


def never_revoked(entry: Mapping[str, Any]) -> bool:
    return False


def lookup_in(list_credential: Mapping[str, Any]) -> Any:
    def lookup(entry: Mapping[str, Any]) -> bool:
        return is_set(list_credential, entry)

    return lookup


def verify(document: object, **overrides: Any) -> VerificationResult:
    options: dict[str, Any] = {"resolve_key": our_keys, "status_lookup": never_revoked, "now": NOW}
    options.update(overrides)
    return verify_credential(document, **options)


def issued(**changes: Any) -> dict[str, Any]:
    credential = build_credential(replace(example_input(), **changes))
    return sign_document(credential, private_key=example_issuer_key(), verification_method=METHOD, created=NOW)


def test_freshly_issued_credential_is_valid() -> None:
    result = verify(issued())
    assert result == VerificationResult(
        S.VALID,
        "Valid credential issued by did:key:z6MkwUdLjsEGAnXCrCP98QBc26GQYNfPi3irTWJ5GPzdnp1b",
        "did:key:z6MkwUdLjsEGAnXCrCP98QBc26GQYNfPi3irTWJ5GPzdnp1b",
        METHOD,
        ("shape", "signature", "status", "validity period"),
    )
    assert result.is_valid is True


def test_signed_example_with_proof_array_is_valid() -> None:
    example = load_json(EXAMPLES / "example-ob3-esco-rdfc.json")
    assert verify(example).status is S.VALID


@pytest.mark.parametrize(
    "path",
    [
        ("name",),
        ("credentialSubject", "achievement", "name"),
        ("credentialSubject", "achievement", "alignment", 0, "targetName"),
        ("evidence", 0, "narrative"),
    ],
)
def test_one_changed_character_is_tampered(path: tuple[str | int, ...]) -> None:
    document = issued()
    node: Any = document
    for key in path[:-1]:
        node = node[key]
    value = node[path[-1]]
    node[path[-1]] = value[:-1] + ("X" if value[-1] != "X" else "Y")
    result = verify(document)
    assert (result.status, result.reason) == (
        S.TAMPERED,
        "The signature does not match the content: the credential was changed after it was issued",
    )


def test_changed_date_is_tampered() -> None:
    document = issued()
    document["validFrom"] = "2026-01-15T09:00:01Z"
    assert verify(document).status is S.TAMPERED


def test_changed_proof_value_is_tampered() -> None:
    document = issued()
    value = document["proof"][0]["proofValue"]
    document["proof"][0]["proofValue"] = value[:-1] + ("2" if value[-1] != "2" else "3")
    assert verify(document).status is S.TAMPERED


@pytest.mark.parametrize(
    ("mutate", "term"),
    [
        (lambda d: d["credentialSubject"]["achievement"].update(foo="bar"), "foo"),
        (lambda d: d.update({"@note": "x"}), "@note"),
        (lambda d: d.update(nane=d.pop("name")), "nane"),
    ],
)
def test_added_undefined_terms_are_malformed_not_silently_valid(mutate: Any, term: str) -> None:
    document = issued()
    mutate(document)
    result = verify(document)
    assert (result.status, result.reason) == (
        S.MALFORMED,
        f"Undefined JSON-LD terms (not covered by any context, so they cannot be signed): {term}",
    )


def test_unknown_context_is_reported() -> None:
    document = issued()
    document["@context"].append("https://evil.example/context.json")
    result = verify(document)
    assert result.status is S.UNKNOWN_CONTEXT
    assert "https://evil.example/context.json" in result.reason
    assert result.reason == str(UnknownContextError("https://evil.example/context.json"))
    assert result.shown_reason == result.reason  # English is the active language here


def test_unknown_context_nested_in_an_inline_context_is_reported() -> None:
    document = issued()
    document["@context"].append({"x": {"@id": "https://e/x", "@context": "https://evil.example/c"}})
    document["x"] = {"y": 1}
    result = verify(document)
    assert (result.status, result.reason) == (
        S.UNKNOWN_CONTEXT,
        "Unknown JSON-LD context 'https://evil.example/c': only the contexts bundled with "
        "Skillcluster are accepted, and nothing is fetched from the network.",
    )


def test_invalid_inline_context_is_malformed() -> None:
    document = issued()
    document["@context"].append({"@version": 2.0})
    result = verify(document)
    assert (result.status, result.reason) == (
        S.MALFORMED,
        "Invalid JSON-LD: Unsupported JSON-LD version: 2.0 (invalid @version value)",
    )


def test_expired() -> None:
    document = issued(valid_until=datetime(2026, 6, 1, tzinfo=UTC))
    assert (verify(document).status, verify(document).reason) == (
        S.EXPIRED,
        "The credential expired on 2026-06-01T00:00:00Z",
    )


def test_not_yet_valid() -> None:
    document = issued(valid_from=datetime(2027, 1, 1, tzinfo=UTC))
    assert verify(document).status is S.NOT_YET_VALID


def test_revoked() -> None:
    document = issued()  # its entry is bit 94567 of cluster.example/status/1
    result = verify(document, status_lookup=lookup_in(STATUS_LIST))
    assert (result.status, result.reason) == (S.REVOKED, "The issuer has revoked this credential")


def test_revoked_wins_over_expired_and_tampered_wins_over_revoked() -> None:
    document = issued(valid_until=datetime(2026, 6, 1, tzinfo=UTC))
    assert verify(document, status_lookup=lookup_in(STATUS_LIST)).status is S.REVOKED
    document["name"] = "Changed"
    assert verify(document, status_lookup=lookup_in(STATUS_LIST)).status is S.TAMPERED


def test_status_lookup_failure_is_malformed() -> None:
    def broken(entry: Mapping[str, Any]) -> bool:
        raise StatusListError("statusListIndex must be a base-10 integer string, got 'x'")

    result = verify(issued(), status_lookup=broken)
    assert (result.status, result.reason) == (
        S.MALFORMED,
        "credentialStatus: statusListIndex must be a base-10 integer string, got 'x'",
    )


def test_a_reason_stays_english_and_is_shown_in_the_readers_language() -> None:
    from django.utils import translation

    def ours_not(entry: Mapping[str, Any]) -> bool:  # as the platform's lookup words it (selectors/credential_check)
        raise StatusListError(Words("statusListIndex %(index)s is outside the list", {"index": 7}))

    revoked = verify(issued(), status_lookup=lookup_in(STATUS_LIST))
    broken = verify(issued(), status_lookup=ours_not)
    valid = verify(issued())
    with translation.override("it"):
        assert revoked.reason == "The issuer has revoked this credential"
        assert revoked.shown_reason == "L'emittente ha revocato questo attestato digitale"
        assert broken.reason == "credentialStatus: statusListIndex 7 is outside the list"
        assert broken.shown_reason == "credentialStatus: statusListIndex 7 è fuori dall'elenco"
        assert valid.checks == ("shape", "signature", "status", "validity period")
        assert valid.shown_checks == ("struttura", "firma", "stato", "periodo di validità")


def test_unknown_key_is_wrong_key() -> None:
    result = verify(issued(), resolve_key=lambda method: None)
    assert (result.status, result.reason) == (S.WRONG_KEY, f"No public key is known for {METHOD}")


def test_key_of_another_issuer_is_wrong_key() -> None:
    document = issued()
    document["issuer"]["id"] = "did:web:other.example"
    result = verify(document)
    assert result.status is S.WRONG_KEY
    assert result.reason == f"The signing key {METHOD} does not belong to the issuer did:web:other.example"


def test_resolved_key_differing_from_the_named_multikey_is_wrong_key() -> None:
    other = decode_public_multikey("z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi")
    assert verify(issued(), resolve_key=lambda method: other).status is S.WRONG_KEY


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda d: d.pop("proof"), "The credential has no proof"),
        (lambda d: d.pop("issuer"), "issuer is missing (a URL or an object with id)"),
        (lambda d: d.update(type=["OpenBadgeCredential"]), "type must include VerifiableCredential"),
        (lambda d: d.update({"@context": "https://www.w3.org/ns/credentials/v2"}), "@context must be a non-empty list"),
        (
            lambda d: d["proof"][0].update(cryptosuite="eddsa-jcs-2022"),
            "No DataIntegrityProof proof with cryptosuite eddsa-rdfc-2022; other proof kinds are not accepted",
        ),
        (lambda d: d["proof"][0].update(proofPurpose="authentication"), "proof.proofPurpose must be assertionMethod"),
        (lambda d: d["proof"][0].update(proofValue="z1"), "proof.proofValue decodes to 1 bytes, expected 64"),
        (lambda d: d.update(proof=["x"]), "proof must be an object or an array of objects"),
        (lambda d: d.update(validUntil="next year"), None),
    ],
)
def test_malformed(mutate: Any, reason: str | None) -> None:
    document = issued()
    mutate(document)
    result = verify(document)
    assert result.status is S.MALFORMED
    if reason is not None:
        assert result.reason == reason


def test_not_an_object_is_malformed() -> None:
    assert verify(["a", "list"]).status is S.MALFORMED


def test_verify_json_handles_bad_json_and_good_json() -> None:
    bad = verify_json("{not json", resolve_key=our_keys, status_lookup=never_revoked, now=NOW)
    assert bad.status is S.MALFORMED
    assert bad.reason.startswith("Not valid JSON: ")
    good = verify_json(json.dumps(issued()), resolve_key=our_keys, status_lookup=never_revoked, now=NOW)
    assert good.status is S.VALID


def test_w3c_vector_credential_is_valid() -> None:
    signed = load_json(RDFC / "signedDataInt.json")
    # The vector's issuer is an https URL while the key is a did:key: we bind keys to issuers.
    key = decode_public_multikey("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
    assert verify(signed, resolve_key=lambda m: key).status is S.WRONG_KEY
    signed_by_issuer = copy.deepcopy(signed)
    signed_by_issuer["issuer"] = signed["proof"]["verificationMethod"].partition("#")[0]
    assert verify(signed_by_issuer, resolve_key=lambda m: key).status is S.TAMPERED


# --- 1EdTech validator samples --------------------------------------------------------


def key_named_in_fragment(method: str) -> bytes | None:
    """Stands in for the issuer profile the 1EdTech validator fetches: the key is the
    Multikey written in the verification method's fragment."""
    try:
        return decode_public_multikey(method.rpartition("#")[2])
    except MultibaseError:
        return None


V1 = "Unknown JSON-LD context 'https://www.w3.org/2018/credentials/v1'"

# Expected outcomes: OB30Tests.java says valid / invalid; we assert our exact status.
VALIDATOR_EXPECTATIONS: dict[str, S] = {
    "ob30/simple.json": S.VALID,
    "ob30/simple-context-alias.json": S.VALID,
    "ob30/simple-context-version.json": S.VALID,  # 3.0.2 context: a warning upstream
    "ob30/simple-did-web-method.json": S.VALID,
    "ob30/simple-multiple-proofs.json": S.VALID,
    "ob30/endorsement-valid.json": S.VALID,
    "clr20/simple.json": S.VALID,
    # Upstream valid, refused here on purpose: the issuer (urn:uuid) does not control the
    # did:key that signed, and we bind signing keys to issuers.
    "ob30/simple-did-key-method.json": S.WRONG_KEY,
    # Upstream invalid for an unreachable credentialSchema; its signer's key is unknown.
    "ob30/complete.json": S.TAMPERED,
    "ob30/simple-err-context.json": S.MALFORMED,
    "ob30/simple-err-credential-subject-achievement-result-description-type.json": S.MALFORMED,
    "ob30/simple-err-credential-subject-identifier-type.json": S.MALFORMED,
    "ob30/simple-err-credential-subject-profile-type.json": S.MALFORMED,
    "ob30/simple-err-credential-subject-result-type.json": S.MALFORMED,
    "ob30/simple-err-credential-subject-type.json": S.MALFORMED,
    "ob30/simple-err-evidence-type.json": S.MALFORMED,
    "ob30/simple-err-expired.json": S.EXPIRED,
    "ob30/simple-err-issued.json": S.MALFORMED,
    "ob30/simple-err-issuer-otheridentifier-type.json": S.MALFORMED,
    "ob30/simple-err-issuer-parentorg-type.json": S.MALFORMED,
    "ob30/simple-err-issuer-type.json": S.MALFORMED,
    "ob30/simple-err-issuer.json": S.MALFORMED,
    "ob30/simple-err-proof-method-no-scheme.json": S.WRONG_KEY,
    "ob30/simple-err-proof-method-unknown-did-method.json": S.WRONG_KEY,
    "ob30/simple-err-proof-method-unknown-scheme.json": S.WRONG_KEY,
    "ob30/simple-err-proof-method.json": S.WRONG_KEY,
    "ob30/simple-err-proof-value.json": S.TAMPERED,
    "ob30/simple-err-type.json": S.MALFORMED,  # undefined type OtherCredential
    "ob30/bit-string-list/credential-status-revoked.json": S.REVOKED,
    "ob30/bit-string-list/credential-status-revoked-blank-nodes.json": S.REVOKED,
    # VC 1.1 samples: their base context is not one we accept.
    "ob30/complete_v1.json": S.UNKNOWN_CONTEXT,
    "ob30/credential-status-revoked.json": S.UNKNOWN_CONTEXT,
    "ob30/endorsement-err-schema-status-refresh.json": S.UNKNOWN_CONTEXT,
    "ob30/simple-eddsa-2022.json": S.UNKNOWN_CONTEXT,
    "ob30/simple-noproof.json": S.UNKNOWN_CONTEXT,
    "ob30/simple_v1.json": S.UNKNOWN_CONTEXT,
    "clr20/complex.json": S.UNKNOWN_CONTEXT,
    "clr20/simple-noproof.json": S.UNKNOWN_CONTEXT,
    "clr20/simple_old_safesigned.json": S.UNKNOWN_CONTEXT,
    "clr20/simple_v1.json": S.UNKNOWN_CONTEXT,
}


def test_every_validator_sample_has_an_expectation() -> None:
    on_disk = {str(path.relative_to(VALIDATOR)) for path in VALIDATOR.rglob("*.json")}
    assert on_disk == set(VALIDATOR_EXPECTATIONS)


@pytest.mark.parametrize(("name", "expected"), sorted(VALIDATOR_EXPECTATIONS.items()))
def test_1edtech_validator_sample(name: str, expected: S) -> None:
    result = verify(
        load_json(VALIDATOR / name),
        resolve_key=key_named_in_fragment,
        status_lookup=lookup_in(TESTLIST),
    )
    assert result.status is expected, result.reason
    if "-err-" in name:
        assert result.is_valid is False
    if expected is S.UNKNOWN_CONTEXT:
        assert result.reason.startswith(V1)


def test_1edtech_status_list_credential_itself_is_valid() -> None:
    result = verify(TESTLIST, resolve_key=key_named_in_fragment)
    assert result.status is S.VALID

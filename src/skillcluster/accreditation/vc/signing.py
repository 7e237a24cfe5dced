"""Data Integrity proofs with the ``eddsa-rdfc-2022`` cryptosuite, and DID documents.

Follows W3C vc-di-eddsa §3.3 exactly: the proof configuration (the proof options with the
document's ``@context``) and the unsecured document are each RDFC-1.0 canonicalised and
SHA-256 hashed; the signed data is ``sha256(proof config) ‖ sha256(document)``; the
Ed25519 signature is written as base58btc multibase in ``proofValue``.

We write ``proof`` as an array (a proof set); we read a single object or an array.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, unquote

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from skillcluster.accreditation.vc.canonical import canonicalize
from skillcluster.accreditation.vc.multibase import (
    MultibaseError,
    decode_public_multikey,
    encode_public_multikey,
    multibase_decode,
    multibase_encode,
)

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
DID_CONTEXTS = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]
_PROOF_OPTION_KEYS = ("type", "cryptosuite", "created", "verificationMethod", "proofPurpose")


class ProofError(ValueError):
    """A proof is malformed or not of the eddsa-rdfc-2022 kind."""


# --- keys -------------------------------------------------------------------------------


def generate_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_key_from_seed(seed: bytes) -> Ed25519PrivateKey:
    """32-byte Ed25519 seed → private key."""
    return Ed25519PrivateKey.from_private_bytes(seed)


def private_key_seed(private_key: Ed25519PrivateKey) -> bytes:
    """The 32-byte seed of a private key (what gets encrypted at rest)."""
    return private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def public_key_bytes(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


# --- DIDs -------------------------------------------------------------------------------


def did_key(public_key: bytes) -> str:
    """``did:key:z6Mk…`` for a 32-byte Ed25519 public key."""
    return "did:key:" + encode_public_multikey(public_key)


def did_key_verification_method(public_key: bytes) -> str:
    """The verification method id of a did:key: ``did:key:z6Mk…#z6Mk…``."""
    multikey = encode_public_multikey(public_key)
    return f"did:key:{multikey}#{multikey}"


def public_key_from_did_key(verification_method: str) -> bytes | None:
    """Public key bytes named by a ``did:key`` (with or without fragment); None otherwise.

    A fragment that disagrees with the DID itself gives None.
    """
    if not verification_method.startswith("did:key:"):
        return None
    did_part, _, fragment = verification_method.removeprefix("did:key:").partition("#")
    if fragment and fragment != did_part:
        return None
    try:
        return decode_public_multikey(did_part)
    except MultibaseError:
        return None


def did_web(domain: str, path: str = "") -> str:
    """``did:web`` for a host (with optional port) and optional path: ``did:web:host%3A8000:a:b``."""
    parts = [quote(domain, safe="")] + [quote(p, safe="") for p in path.strip("/").split("/") if p]
    return "did:web:" + ":".join(parts)


def did_web_document_url(did: str) -> str:
    """Where a did:web DID document is published (``/.well-known/did.json`` with no path)."""
    if not did.startswith("did:web:"):
        raise ValueError(f"Not a did:web DID: {did!r}")
    host, *path = did.removeprefix("did:web:").split(":")
    suffix = "/".join(unquote(p) for p in path) + "/did.json" if path else ".well-known/did.json"
    return f"https://{unquote(host)}/{suffix}"


def verification_method_entry(*, controller: str, key_id: str, public_key: bytes) -> dict[str, str]:
    """A Multikey verification method; ``key_id`` is a fragment (``key-1``) or an absolute id."""
    vm_id = key_id if ":" in key_id else f"{controller}#{key_id}"
    return {
        "id": vm_id,
        "type": "Multikey",
        "controller": controller,
        "publicKeyMultibase": encode_public_multikey(public_key),
    }


def did_document(did: str, keys: Iterable[tuple[str, bytes]]) -> dict[str, Any]:
    """A DID document listing every (key id, public key) pair as an assertion method.

    Rotation keeps old keys in the list so credentials they signed stay verifiable.
    """
    methods = [verification_method_entry(controller=did, key_id=k, public_key=pk) for k, pk in keys]
    ids = [method["id"] for method in methods]
    return {
        "@context": list(DID_CONTEXTS),
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": ids,
        "authentication": ids,
    }


def did_key_document(public_key: bytes) -> dict[str, Any]:
    """The DID document of a did:key (a single Multikey verification method)."""
    did = did_key(public_key)
    return did_document(did, [(did_key_verification_method(public_key), public_key)])


# --- proofs -----------------------------------------------------------------------------


def format_created(moment: datetime) -> str:
    """XML Schema dateTime in UTC to the second: ``2026-01-15T09:00:00Z``."""
    if moment.tzinfo is None:
        raise ValueError("created must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def proofs_of(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The document's proofs, whether ``proof`` is an object or an array (may be empty)."""
    proof = document.get("proof")
    if proof is None:
        return []
    proofs = proof if isinstance(proof, list) else [proof]
    if not all(isinstance(p, dict) for p in proofs):
        raise ProofError("proof must be an object or an array of objects")
    return [dict(p) for p in proofs]


def unsecured(document: Mapping[str, Any]) -> dict[str, Any]:
    """A deep copy of the document without its ``proof``."""
    return {key: copy.deepcopy(value) for key, value in document.items() if key != "proof"}


def proof_config(
    document: Mapping[str, Any],
    *,
    verification_method: str,
    created: str,
    proof_purpose: str = "assertionMethod",
) -> dict[str, Any]:
    """The proof configuration of vc-di-eddsa §3.3.5 (proof options + document @context)."""
    return {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
        "@context": copy.deepcopy(document["@context"]),
    }


@dataclass(frozen=True)
class HashSteps:
    """Every intermediate value of the signing input, for exact tests and debugging."""

    canonical_proof_config: str
    canonical_document: str
    proof_config_hash: bytes
    document_hash: bytes

    @property
    def hash_data(self) -> bytes:
        return self.proof_config_hash + self.document_hash


def hash_steps(document: Mapping[str, Any], config: Mapping[str, Any]) -> HashSteps:
    """Canonicalise and hash the proof config and the unsecured document (§3.3.4–3.3.6)."""
    canonical_config = canonicalize(config)
    canonical_document = canonicalize(unsecured(document))
    return HashSteps(
        canonical_proof_config=canonical_config,
        canonical_document=canonical_document,
        proof_config_hash=hashlib.sha256(canonical_config.encode("utf-8")).digest(),
        document_hash=hashlib.sha256(canonical_document.encode("utf-8")).digest(),
    )


def create_proof(
    document: Mapping[str, Any],
    *,
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: datetime | str,
    proof_purpose: str = "assertionMethod",
) -> dict[str, Any]:
    """An eddsa-rdfc-2022 DataIntegrityProof over ``document`` (its own proof ignored)."""
    stamp = created if isinstance(created, str) else format_created(created)
    config = proof_config(document, verification_method=verification_method, created=stamp, proof_purpose=proof_purpose)
    signature = private_key.sign(hash_steps(document, config).hash_data)
    proof = {key: config[key] for key in _PROOF_OPTION_KEYS}
    proof["proofValue"] = multibase_encode(signature)
    return proof


def sign_document(
    document: Mapping[str, Any],
    *,
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: datetime | str,
    proof_purpose: str = "assertionMethod",
) -> dict[str, Any]:
    """A copy of ``document`` with a new proof appended to its ``proof`` array.

    Existing proofs (object or array) are kept; the new proof does not cover them
    (a proof set, not a chain).
    """
    proof = create_proof(
        document,
        private_key=private_key,
        verification_method=verification_method,
        created=created,
        proof_purpose=proof_purpose,
    )
    secured = unsecured(document)
    secured["proof"] = [*proofs_of(document), proof]
    return secured


def check_proof_shape(proof: Mapping[str, Any]) -> None:
    """Raise ProofError unless ``proof`` is a complete eddsa-rdfc-2022 DataIntegrityProof."""
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError(
            f"Unsupported proof type {proof.get('type')!r} / cryptosuite "
            f"{proof.get('cryptosuite')!r}; expected {PROOF_TYPE} / {CRYPTOSUITE}"
        )
    for key in ("verificationMethod", "proofPurpose", "proofValue"):
        if not isinstance(proof.get(key), str) or not proof[key]:
            raise ProofError(f"proof.{key} is missing or not a string")
    if "created" in proof and not isinstance(proof["created"], str):
        raise ProofError("proof.created must be an XML Schema dateTime string")


def proof_signature(proof: Mapping[str, Any]) -> bytes:
    """The raw 64-byte signature from ``proofValue`` (ProofError when not base58btc)."""
    value = str(proof.get("proofValue", ""))
    if not value.startswith("z"):
        raise ProofError("proof.proofValue must be base58btc multibase ('z…')")
    try:
        signature = multibase_decode(value)
    except MultibaseError as error:
        raise ProofError(f"proof.proofValue is not valid base58btc: {error}") from error
    if len(signature) != 64:
        raise ProofError(f"proof.proofValue decodes to {len(signature)} bytes, expected 64")
    return signature


def verify_proof(document: Mapping[str, Any], proof: Mapping[str, Any], public_key: bytes) -> bool:
    """True when ``proof`` is a valid eddsa-rdfc-2022 signature by ``public_key``.

    ``document`` may still carry its proof(s); they are removed before hashing.
    Raises ProofError for a malformed proof; UnknownContextError / CanonicalizationError
    propagate from canonicalisation.
    """
    check_proof_shape(proof)
    signature = proof_signature(proof)
    config = {key: copy.deepcopy(v) for key, v in proof.items() if key != "proofValue"}
    config["@context"] = copy.deepcopy(document["@context"])
    data = hash_steps(document, config).hash_data
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True

"""eddsa-rdfc-2022 at every step, against the W3C vc-di-eddsa and 1EdTech OB 3.0 vectors."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from skillcluster.accreditation.tests._vectors import EDDSA, EXAMPLES, OB3, RDFC, example_issuer_key, load_json, text
from skillcluster.accreditation.vc.multibase import (
    base58btc_decode,
    base58btc_encode,
    decode_private_multikey,
    decode_public_multikey,
    encode_private_multikey,
    encode_public_multikey,
    multibase_decode,
    multibase_encode,
)
from skillcluster.accreditation.vc.signing import (
    ProofError,
    create_proof,
    did_document,
    did_key,
    did_key_document,
    did_key_verification_method,
    did_web,
    did_web_document_url,
    format_created,
    hash_steps,
    private_key_from_seed,
    private_key_seed,
    proof_config,
    proofs_of,
    public_key_bytes,
    public_key_from_did_key,
    sign_document,
    verify_proof,
)

KEY_PAIR = load_json(EDDSA / "keyPair.json")
OB3_KEYS = load_json(OB3 / "keys-and-hashes.json")


def w3c_private_key() -> Ed25519PrivateKey:
    return private_key_from_seed(decode_private_multikey(KEY_PAIR["privateKeyMultibase"]))


def onedtech_private_key() -> Ed25519PrivateKey:
    return private_key_from_seed(bytes.fromhex(OB3_KEYS["privateKeyHex64"])[:32])


# --- W3C vc-di-eddsa, eddsa-rdfc-2022 -------------------------------------------------


def test_w3c_key_pair_multikeys_round_trip() -> None:
    key = w3c_private_key()
    assert encode_public_multikey(public_key_bytes(key)) == KEY_PAIR["publicKeyMultibase"]
    assert encode_private_multikey(private_key_seed(key)) == KEY_PAIR["privateKeyMultibase"]


def test_w3c_proof_config_is_built_exactly() -> None:
    expected = load_json(RDFC / "proofConfigDataInt.json")
    config = proof_config(
        load_json(EDDSA / "unsigned.json"),
        verification_method=expected["verificationMethod"],
        created=expected["created"],
    )
    assert config == expected


def test_w3c_every_hash_step() -> None:
    steps = hash_steps(load_json(EDDSA / "unsigned.json"), load_json(RDFC / "proofConfigDataInt.json"))
    assert steps.canonical_document == text(RDFC / "canonDocDataInt.txt")
    assert steps.canonical_proof_config == text(RDFC / "proofCanonDataInt.txt")
    assert steps.proof_config_hash.hex() == text(RDFC / "proofHashDataInt.txt").strip()
    assert steps.document_hash.hex() == text(RDFC / "docHashDataInt.txt").strip()
    assert steps.hash_data.hex() == text(RDFC / "combinedHashDataInt.txt").strip()


def test_w3c_signature_and_signed_credential() -> None:
    config = load_json(RDFC / "proofConfigDataInt.json")
    signed = sign_document(
        load_json(EDDSA / "unsigned.json"),
        private_key=w3c_private_key(),
        verification_method=config["verificationMethod"],
        created=config["created"],
    )
    expected = load_json(RDFC / "signedDataInt.json")
    proof_value = signed["proof"][0]["proofValue"]
    assert proof_value == text(RDFC / "sigBTC58DataInt.txt").strip()
    assert multibase_decode(proof_value).hex() == text(RDFC / "sigHexDataInt.txt").strip()
    # We write proof as an array; the vector has an object: same content otherwise.
    assert signed == {**expected, "proof": [expected["proof"]]}


def test_w3c_signed_credential_verifies_as_object_and_as_array() -> None:
    signed = load_json(RDFC / "signedDataInt.json")
    public = decode_public_multikey(KEY_PAIR["publicKeyMultibase"])
    assert verify_proof(signed, signed["proof"], public) is True
    as_array = {**signed, "proof": [signed["proof"]]}
    assert verify_proof(as_array, proofs_of(as_array)[0], public) is True


def test_w3c_employment_vector_hash_and_signature_steps() -> None:
    # Its citizenship/v4rc1 context is not bundled (we never serve it), so this variant is
    # checked from the published canonical forms onward: hashes, then the signature.
    folder = RDFC / "employ"
    proof_hash = hashlib.sha256(text(folder / "proofCanonDataInt.txt").encode()).digest()
    doc_hash = hashlib.sha256(text(folder / "canonDocDataInt.txt").encode()).digest()
    assert proof_hash.hex() == text(folder / "proofHashDataInt.txt").strip()
    assert doc_hash.hex() == text(folder / "docHashDataInt.txt").strip()
    assert (proof_hash + doc_hash).hex() == text(folder / "combinedHashDataInt.txt").strip()
    signature = w3c_private_key().sign(proof_hash + doc_hash)
    assert signature.hex() == text(folder / "sigHexDataInt.txt").strip()
    assert multibase_encode(signature) == text(folder / "sigBTC58DataInt.txt").strip()


# --- 1EdTech OB 3.0 / CLR 2.0 implementation-guide vectors ----------------------------


def test_1edtech_key_pair() -> None:
    key = onedtech_private_key()
    assert public_key_bytes(key).hex() == OB3_KEYS["publicKeyHex"]
    assert encode_public_multikey(public_key_bytes(key)) == OB3_KEYS["publicKeyMultibase"]


@pytest.mark.parametrize("name", ["ob3", "clr2"])
def test_1edtech_every_step(name: str) -> None:
    signed = load_json(OB3 / f"{name}-signed.json")
    published = proofs_of(signed)[0]
    config = proof_config(signed, verification_method=published["verificationMethod"], created=published["created"])
    steps = hash_steps(signed, config)
    assert steps.canonical_document == text(OB3 / f"{name}-document-canon.txt")
    assert steps.canonical_proof_config == text(OB3 / f"{name}-proof-canon.txt")
    assert steps.document_hash.hex() == OB3_KEYS[name]["documentHashHex"]
    assert steps.proof_config_hash.hex() == OB3_KEYS[name]["proofHashHex"]
    proof = create_proof(
        signed,
        private_key=onedtech_private_key(),
        verification_method=published["verificationMethod"],
        created=published["created"],
    )
    assert multibase_decode(proof["proofValue"]).hex() == OB3_KEYS[name]["signatureHex"]
    assert proof["proofValue"] == OB3_KEYS[name]["proofValue"] == published["proofValue"]
    assert verify_proof(signed, published, bytes.fromhex(OB3_KEYS["publicKeyHex"])) is True


# --- the project's own ESCO examples --------------------------------------------------


@pytest.mark.parametrize("name", ["example-ob3-esco-rdfc.json", "example-status-list.json"])
def test_examples_are_reproduced_by_re_signing(name: str) -> None:
    document = load_json(EXAMPLES / name)
    published = proofs_of(document)[0]
    proof = create_proof(
        document,
        private_key=example_issuer_key(),
        verification_method=published["verificationMethod"],
        created=datetime(2026, 1, 15, 9, tzinfo=UTC),
    )
    assert proof == {key: published[key] for key in proof}
    assert proof["proofValue"] == published["proofValue"]


def test_example_issuer_is_the_documented_did_key() -> None:
    public = public_key_bytes(example_issuer_key())
    assert did_key(public) == "did:key:z6MkwUdLjsEGAnXCrCP98QBc26GQYNfPi3irTWJ5GPzdnp1b"


# --- tampering, proof shapes, proof sets ----------------------------------------------


def test_one_changed_character_breaks_the_signature() -> None:
    signed = load_json(RDFC / "signedDataInt.json")
    signed["credentialSubject"]["alumniOf"] = "The School of Exampler"
    public = decode_public_multikey(KEY_PAIR["publicKeyMultibase"])
    assert verify_proof(signed, signed["proof"], public) is False


def test_other_key_does_not_verify() -> None:
    signed = load_json(RDFC / "signedDataInt.json")
    assert verify_proof(signed, signed["proof"], public_key_bytes(onedtech_private_key())) is False


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"cryptosuite": "eddsa-jcs-2022"}, "Unsupported proof type"),
        ({"type": "Ed25519Signature2020"}, "Unsupported proof type"),
        ({"proofValue": "u" + "A" * 86}, "base58btc"),
        ({"proofValue": "z3yz"}, "expected 64"),
        ({"proofValue": "z0OIl"}, "not valid base58btc"),
        ({"verificationMethod": None}, "verificationMethod"),
    ],
)
def test_malformed_proofs_raise(change: dict[str, object], message: str) -> None:
    signed = load_json(RDFC / "signedDataInt.json")
    proof = {**signed["proof"], **change}
    with pytest.raises(ProofError, match=message):
        verify_proof(signed, proof, decode_public_multikey(KEY_PAIR["publicKeyMultibase"]))


def test_sign_document_appends_to_existing_proofs() -> None:
    signed = load_json(RDFC / "signedDataInt.json")
    twice = sign_document(
        signed,
        private_key=onedtech_private_key(),
        verification_method="did:example:other#key-1",
        created="2024-01-01T00:00:00Z",
    )
    assert [p["verificationMethod"] for p in twice["proof"]] == [
        signed["proof"]["verificationMethod"],
        "did:example:other#key-1",
    ]
    first_key = decode_public_multikey(KEY_PAIR["publicKeyMultibase"])
    assert verify_proof(twice, twice["proof"][0], first_key) is True
    assert verify_proof(twice, twice["proof"][1], public_key_bytes(onedtech_private_key())) is True


def test_proofs_of_reads_absent_object_and_array() -> None:
    assert proofs_of({}) == []
    assert proofs_of({"proof": {"a": 1}}) == [{"a": 1}]
    assert proofs_of({"proof": [{"a": 1}, {"b": 2}]}) == [{"a": 1}, {"b": 2}]
    with pytest.raises(ProofError):
        proofs_of({"proof": ["x"]})


def test_created_is_utc_to_the_second() -> None:
    moment = datetime(2026, 1, 15, 11, 0, 0, 999, tzinfo=timezone(timedelta(hours=2)))
    assert format_created(moment) == "2026-01-15T09:00:00Z"
    with pytest.raises(ValueError, match="timezone-aware"):
        format_created(datetime(2026, 1, 15))


# --- multibase, did:key, did:web ------------------------------------------------------


def test_base58btc_keeps_leading_zero_bytes() -> None:
    assert base58btc_encode(b"\0\0\x01") == "112"
    assert base58btc_decode("112") == b"\0\0\x01"
    assert base58btc_encode(b"") == ""


def test_did_key_document_and_resolution() -> None:
    public = decode_public_multikey(KEY_PAIR["publicKeyMultibase"])
    method = did_key_verification_method(public)
    multikey = KEY_PAIR["publicKeyMultibase"]
    assert method == f"did:key:{multikey}#{multikey}"
    assert did_key_document(public) == {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": f"did:key:{multikey}",
        "verificationMethod": [
            {
                "id": method,
                "type": "Multikey",
                "controller": f"did:key:{multikey}",
                "publicKeyMultibase": multikey,
            }
        ],
        "assertionMethod": [method],
        "authentication": [method],
    }
    assert public_key_from_did_key(method) == public
    assert public_key_from_did_key(f"did:key:{multikey}") == public
    assert public_key_from_did_key(f"did:key:{multikey}#{OB3_KEYS['publicKeyMultibase']}") is None
    assert public_key_from_did_key("did:web:example.com#key-1") is None
    assert public_key_from_did_key("did:key:zNotAKey") is None


def test_did_web_names_and_document_urls() -> None:
    assert did_web("cluster.example") == "did:web:cluster.example"
    assert did_web("localhost:8000") == "did:web:localhost%3A8000"
    assert did_web("cluster.example", "/issuers/acme/") == "did:web:cluster.example:issuers:acme"
    assert did_web_document_url("did:web:cluster.example") == ("https://cluster.example/.well-known/did.json")
    assert did_web_document_url("did:web:localhost%3A8000:issuers:acme") == (
        "https://localhost:8000/issuers/acme/did.json"
    )


def test_did_web_document_keeps_rotated_keys() -> None:
    old, new = public_key_bytes(w3c_private_key()), public_key_bytes(onedtech_private_key())
    document = did_document("did:web:cluster.example", [("key-1", old), ("key-2", new)])
    assert document["assertionMethod"] == [
        "did:web:cluster.example#key-1",
        "did:web:cluster.example#key-2",
    ]
    assert [m["publicKeyMultibase"] for m in document["verificationMethod"]] == [
        encode_public_multikey(old),
        encode_public_multikey(new),
    ]

"""RDFC-1.0: the W3C rdf-canon suite and the canonical forms of the credential vectors."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from skillcluster.accreditation.tests._vectors import EDDSA, OB3, RDF_CANON, RDFC, load_json, text
from skillcluster.accreditation.vc.canonical import (
    CanonicalizationError,
    UndefinedTermError,
    ambiguity_cost,
    canonicalize,
    canonicalize_nquads,
    to_dataset,
    undefined_terms,
)
from skillcluster.accreditation.vc.jsonld_loader import UnknownContextError

MANIFEST: list[dict[str, Any]] = load_json(RDF_CANON / "manifest.jsonld")["entries"]
EVAL_TESTS = [e for e in MANIFEST if e["type"] == "rdfc:RDFC10EvalTest"]
NEGATIVE_TESTS = [e for e in MANIFEST if e["type"] == "rdfc:RDFC10NegativeEvalTest"]


def test_suite_has_the_documented_size() -> None:
    assert (len(EVAL_TESTS), len(NEGATIVE_TESTS)) == (64, 1)


@pytest.mark.parametrize("entry", EVAL_TESTS, ids=lambda e: e["id"].lstrip("#"))
def test_w3c_rdfc10_eval(entry: dict[str, Any]) -> None:
    result = canonicalize_nquads(text(RDF_CANON / entry["action"]), hash_algorithm=entry.get("hashAlgorithm", "SHA256"))
    assert result == text(RDF_CANON / entry["result"])


@pytest.mark.parametrize("entry", NEGATIVE_TESTS, ids=lambda e: e["id"].lstrip("#"))
def test_w3c_poison_graph_is_refused_quickly(entry: dict[str, Any]) -> None:
    started = time.monotonic()
    with pytest.raises(CanonicalizationError, match="too expensive"):
        canonicalize_nquads(text(RDF_CANON / entry["action"]))
    # pyoxigraph alone runs for minutes on this clique; the guard answers at once.
    assert time.monotonic() - started < 5


def test_control_characters_are_escaped_as_rdfc10_requires() -> None:
    nquads = '<http://e/s> <http://e/p> "a\\u0007b\\tc\\u007F" .\n'
    assert canonicalize_nquads(nquads) == '<http://e/s> <http://e/p> "a\\u0007b\\tc\\u007F" .\n'


def test_eddsa_vector_document_canonical_form() -> None:
    assert canonicalize(load_json(EDDSA / "unsigned.json")) == text(RDFC / "canonDocDataInt.txt")


def test_eddsa_vector_proof_config_canonical_form() -> None:
    assert canonicalize(load_json(RDFC / "proofConfigDataInt.json")) == text(RDFC / "proofCanonDataInt.txt")


@pytest.mark.parametrize("name", ["ob3", "clr2"])
def test_1edtech_vectors_canonical_forms(name: str) -> None:
    signed = load_json(OB3 / f"{name}-signed.json")
    proof = signed.pop("proof")
    proof = dict(proof[0] if isinstance(proof, list) else proof)
    del proof["proofValue"]
    proof["@context"] = signed["@context"]
    assert canonicalize(signed) == text(OB3 / f"{name}-document-canon.txt")
    assert canonicalize(proof) == text(OB3 / f"{name}-proof-canon.txt")


def test_unknown_context_is_an_error_not_a_fetch() -> None:
    document = {"@context": ["https://www.w3.org/ns/credentials/v2", "https://evil.example/ctx"]}
    with pytest.raises(UnknownContextError, match=re.escape("https://evil.example/ctx")):
        canonicalize(document)


def test_invalid_json_ld_is_a_canonicalization_error() -> None:
    with pytest.raises(CanonicalizationError):
        canonicalize({"@context": {"@version": 2.0}, "a": 1})


def test_credentials_have_no_ambiguous_blank_nodes() -> None:
    assert ambiguity_cost(to_dataset(load_json(OB3 / "clr2-signed.json"))) == 0


def test_undefined_terms_are_refused_not_dropped() -> None:
    document = load_json(OB3 / "ob3-signed.json")
    del document["proof"]
    document["credentialSubject"]["achievement"]["foo"] = "bar"
    document["@unknown"] = 1
    assert undefined_terms(document) == ["@unknown", "foo"]
    with pytest.raises(UndefinedTermError, match="@unknown, foo"):
        canonicalize(document)
    # Unsafe, they are dropped exactly as jsonld.js drops them.
    assert canonicalize(document, safe=False) == text(OB3 / "ob3-document-canon.txt")


def test_relative_iris_are_refused_not_dropped() -> None:
    document = load_json(OB3 / "ob3-signed.json")
    document["credentialSubject"]["id"] = "learners/ana"
    assert undefined_terms(document) == ["relative IRI learners/ana"]
    unsafe = canonicalize(document, safe=False)
    # pyld alone would resolve it against http://example.org/base/; we keep it dropped.
    assert "example.org/base" not in unsafe
    assert "learners/ana" not in unsafe


def test_an_undefined_type_is_a_relative_iri() -> None:
    document = load_json(OB3 / "ob3-signed.json")
    document["type"].append("Bogus")
    assert undefined_terms(document) == ["Bogus"]


def test_a_context_with_its_own_vocab_defines_its_terms() -> None:
    assert undefined_terms(load_json(EDDSA / "unsigned.json")) == []

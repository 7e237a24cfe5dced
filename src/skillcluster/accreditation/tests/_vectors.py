"""Paths and loaders for the copied conformance vectors (see vectors/PROVENANCE.md)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from skillcluster.accreditation.vc.signing import private_key_from_seed

VECTORS = Path(__file__).with_name("vectors")
EDDSA = VECTORS / "w3c-vc-di-eddsa"
RDFC = EDDSA / "eddsa-rdfc-2022"
OB3 = VECTORS / "1edtech-ob3-clr-ldp"
VALIDATOR = VECTORS / "1edtech-validator"
RDF_CANON = VECTORS / "w3c-rdf-canon"
EXAMPLES = VECTORS / "examples"


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def example_issuer_key() -> Ed25519PrivateKey:
    """The test key of examples/: seed = SHA-256("skills-accreditation-example-issuer")."""
    return private_key_from_seed(hashlib.sha256(b"skills-accreditation-example-issuer").digest())

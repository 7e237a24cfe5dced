"""The frozen loader serves only pinned contexts and never fetches."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from skillcluster.accreditation.vc import jsonld_loader
from skillcluster.accreditation.vc.jsonld_loader import (
    CONTEXTS_DIR,
    ContextIntegrityError,
    UnknownContextError,
    document_loader,
    known_context_urls,
    load_context,
    manifest,
)

PRODUCT_CONTEXTS = {
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
    "https://w3id.org/security/data-integrity/v2",
    "https://w3id.org/security/multikey/v1",
    "https://www.w3.org/ns/credentials/status/v1",
    "https://www.w3.org/ns/did/v1",
}


def test_product_contexts_are_bundled() -> None:
    assert known_context_urls() >= PRODUCT_CONTEXTS
    assert len(known_context_urls()) == 11


def test_every_manifest_hash_matches_its_file() -> None:
    for entry in manifest().values():
        raw = (CONTEXTS_DIR / entry["file"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == entry["sha256"]


def test_vc_v2_context_has_the_digest_published_in_vcdm2() -> None:
    entry = manifest()["https://www.w3.org/ns/credentials/v2"]
    assert entry["sha256"] == "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734"


def test_loader_returns_a_pyld_remote_document() -> None:
    remote = document_loader("https://www.w3.org/ns/credentials/v2", {})
    assert remote["documentUrl"] == "https://www.w3.org/ns/credentials/v2"
    assert remote["document"]["@context"]["@protected"] is True


@pytest.mark.parametrize(
    "url",
    [
        "https://www.w3.org/2018/credentials/v1",
        "https://w3id.org/security/suites/ed25519-2020/v1",
        "http://www.w3.org/ns/credentials/v2",  # http, not https: a different URL
        "https://www.w3.org/ns/credentials/v2/",
    ],
)
def test_unknown_urls_raise_a_clear_error(url: str) -> None:
    with pytest.raises(UnknownContextError, match="only the contexts bundled") as caught:
        document_loader(url, {})
    assert caught.value.url == url


def test_a_modified_context_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = "https://www.w3.org/ns/credentials/examples/v2"
    entry = manifest()[url]
    (tmp_path / entry["file"]).write_text(json.dumps({"@context": {"@vocab": "https://evil/"}}))
    monkeypatch.setattr(jsonld_loader, "CONTEXTS_DIR", tmp_path)
    load_context.cache_clear()
    try:
        with pytest.raises(ContextIntegrityError, match=entry["sha256"]):
            load_context(url)
    finally:
        load_context.cache_clear()

"""A frozen JSON-LD document loader: it serves only the contexts pinned in ``contexts/``.

Nothing is ever fetched. Each context file is checked against the sha256 recorded in
``contexts/manifest.json`` the first time it is loaded; a URL that is not in the manifest
raises :class:`UnknownContextError`. This module imports no Django (only `skillcluster.words`) and no pyld.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from skillcluster.words import gettext_noop

CONTEXTS_DIR = Path(__file__).with_name("contexts")
MANIFEST_PATH = CONTEXTS_DIR / "manifest.json"


class UnknownContextError(Exception):
    """A document names a JSON-LD context that is not bundled with the package."""

    # The verification page shows it in the reader's language (vc/verification.py).
    MESSAGE = gettext_noop(
        "Unknown JSON-LD context %(url)s: only the contexts bundled with Skillcluster are accepted, and nothing is "
        "fetched from the network."
    )

    def __init__(self, url: str) -> None:
        super().__init__(self.MESSAGE % {"url": repr(url)})
        self.url = url


class ContextIntegrityError(Exception):
    """A bundled context file does not match the sha256 pinned in the manifest."""


@cache
def manifest() -> dict[str, dict[str, str]]:
    """Context URL → {"file": name in contexts/, "sha256": hex digest}."""
    data: dict[str, dict[str, str]] = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    return data


def known_context_urls() -> frozenset[str]:
    return frozenset(manifest())


@cache
def load_context(url: str) -> dict[str, Any]:
    """Return the parsed bundled context for ``url`` after checking its pinned sha256.

    Raises UnknownContextError for any URL not in the manifest and ContextIntegrityError
    when the bundled bytes do not match their pinned hash.
    """
    entry = manifest().get(url)
    if entry is None:
        raise UnknownContextError(url)
    raw = (CONTEXTS_DIR / entry["file"]).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != entry["sha256"]:
        raise ContextIntegrityError(
            f"Bundled context {entry['file']} for {url} has sha256 {digest}, expected {entry['sha256']}"
        )
    document: dict[str, Any] = json.loads(raw)
    return document


def document_loader(url: str, options: object = None) -> dict[str, Any]:
    """A pyld-compatible loader: ``loader(url, options) -> RemoteDocument`` dict.

    ``tag: "static"`` lets pyld cache the processed context, which is safe because the
    bytes behind each URL are pinned.
    """
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": load_context(url),
        "tag": "static",
    }

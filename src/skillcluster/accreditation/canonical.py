"""RDFC-1.0 canonicalisation of JSON-LD documents into canonical N-Quads.

JSON-LD → RDF is done by pyld with the frozen loader from :mod:`jsonld_loader` (so an
unknown context is an error and nothing is fetched); the RDF dataset is then handed, term
by term, to pyoxigraph, whose RDFC-1.0 implementation passes the W3C rdf-canon suite.
pyld's own canonicaliser is never used: it escapes control characters differently from
the standard, and it round-trips through N-Quads text, which we avoid.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox
from pyld import jsonld  # type: ignore[import-untyped]
from pyld.context_resolver import ContextResolver  # type: ignore[import-untyped]

from skillcluster.accreditation.jsonld_loader import UnknownContextError, document_loader

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

Subject = ox.NamedNode | ox.BlankNode
GraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


class CanonicalizationError(ValueError):
    """The document is not valid JSON-LD or does not map to valid RDF."""


class _BoundedCache(dict[str, Any]):
    """pyld's resolved-context cache, kept private to us and bounded.

    A private cache means no other pyld user in the process (with another loader) can
    place contexts in front of ours; the bound stops inline contexts growing it forever.
    """

    max_entries = 512

    def __setitem__(self, key: str, value: Any) -> None:
        if len(self) >= self.max_entries:
            self.clear()
        super().__setitem__(key, value)


_context_cache = _BoundedCache()


def _find_unknown_context(error: BaseException) -> UnknownContextError | None:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, UnknownContextError):
            return seen
        details = getattr(seen, "details", None)
        cause = details.get("cause") if isinstance(details, dict) else None
        seen = seen.__cause__ or seen.__context__ or cause
    return None


def to_rdf(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Expand ``document`` to pyld's RDF dataset form (list of quads as dicts).

    Raises UnknownContextError for a context not bundled with the package and
    CanonicalizationError for anything else pyld rejects.
    """
    options = {
        "documentLoader": document_loader,
        "contextResolver": ContextResolver(_context_cache, document_loader),
        "base": "",
        "processingMode": "json-ld-1.1",
    }
    try:
        dataset = jsonld.to_rdf(copy.deepcopy(dict(document)), options)
    except jsonld.JsonLdError as error:
        unknown = _find_unknown_context(error)
        if unknown is not None:
            raise unknown from None
        raise CanonicalizationError(f"Invalid JSON-LD: {error}") from error
    quads: list[dict[str, Any]] = []
    for graph_name, triples in dataset.items():
        for triple in triples:
            quads.append({**triple, "graph": graph_name})
    return quads


def _subject(term: Mapping[str, str]) -> Subject:
    value = term["value"]
    if term["type"] == "blank node":
        return ox.BlankNode(value.removeprefix("_:"))
    return ox.NamedNode(value)


def _object(term: Mapping[str, str]) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if term["type"] != "literal":
        return _subject(term)
    datatype = term.get("datatype") or XSD_STRING
    if "language" in term and datatype == RDF_LANG_STRING:
        return ox.Literal(term["value"], language=term["language"])
    return ox.Literal(term["value"], datatype=ox.NamedNode(datatype))


def _graph(name: str) -> GraphName:
    if name == "@default":
        return ox.DefaultGraph()
    if name.startswith("_:"):
        return ox.BlankNode(name[2:])
    return ox.NamedNode(name)


def to_dataset(document: Mapping[str, Any]) -> ox.Dataset:
    """The RDF dataset of a JSON-LD document as a pyoxigraph Dataset."""
    dataset = ox.Dataset()
    try:
        for quad in to_rdf(document):
            predicate = ox.NamedNode(quad["predicate"]["value"])
            dataset.add(
                ox.Quad(
                    _subject(quad["subject"]), predicate, _object(quad["object"]),
                    _graph(quad["graph"]),
                )
            )
    except ValueError as error:
        if isinstance(error, CanonicalizationError):
            raise
        raise CanonicalizationError(f"Document maps to invalid RDF: {error}") from error
    return dataset


def canonical_nquads(dataset: ox.Dataset) -> str:
    """RDFC-1.0 canonical N-Quads of ``dataset``: relabelled, one quad per line, sorted."""
    canonical = ox.Dataset(dataset)
    canonical.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return "".join(sorted(f"{quad} .\n" for quad in canonical))


def canonicalize(document: Mapping[str, Any]) -> str:
    """RDFC-1.0 canonical N-Quads of a JSON-LD document (the eddsa-rdfc-2022 transform)."""
    return canonical_nquads(to_dataset(document))


def canonicalize_nquads(nquads: str) -> str:
    """RDFC-1.0 canonical N-Quads of an N-Quads input (used by the W3C rdf-canon tests)."""
    try:
        dataset = ox.Dataset(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    except SyntaxError as error:
        raise CanonicalizationError(f"Invalid N-Quads: {error}") from error
    return canonical_nquads(dataset)

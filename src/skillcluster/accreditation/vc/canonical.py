"""RDFC-1.0 canonicalisation of JSON-LD documents into canonical N-Quads.

JSON-LD → RDF is done by pyld with the frozen loader from :mod:`jsonld_loader` (so an
unknown context is an error and nothing is fetched); the RDF dataset is then handed, term
by term, to pyoxigraph, whose RDFC-1.0 implementation passes the W3C rdf-canon suite.
pyld's own canonicaliser is never used: it escapes control characters differently from
the standard, and it round-trips through N-Quads text, which we avoid.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox
from pyld import jsonld
from pyld.context_resolver import ContextResolver

from skillcluster.accreditation.vc.jsonld_loader import UnknownContextError, document_loader

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


def _innermost_message(error: BaseException) -> str:
    """pyld wraps its errors several deep; the innermost one says what is wrong."""
    innermost = error
    while isinstance(innermost.__cause__, jsonld.JsonLdError):
        innermost = innermost.__cause__
    message = str(innermost.args[0]) if innermost.args else type(innermost).__name__
    code = getattr(innermost, "code", None)
    return f"{message} ({code})" if code else message


def to_rdf(document: Mapping[str, Any], *, base: str | None = None) -> list[dict[str, Any]]:
    """Expand ``document`` to pyld's RDF dataset form (list of quads as dicts).

    With no ``base``, relative IRIs stay relative and are dropped, as in jsonld.js (pyld's
    own default would resolve them against http://example.org/base/).
    Raises UnknownContextError for a context not bundled with the package and
    CanonicalizationError for anything else pyld rejects.
    """
    options = {
        "documentLoader": document_loader,
        "contextResolver": ContextResolver(_context_cache, document_loader),
        "base": base,
        "processingMode": "json-ld-1.1",
    }
    try:
        dataset = jsonld.to_rdf(copy.deepcopy(dict(document)), options)
    except jsonld.JsonLdError as error:
        unknown = _find_unknown_context(error)
        if unknown is not None:
            raise unknown from None
        raise CanonicalizationError(f"Invalid JSON-LD: {_innermost_message(error)}") from error
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError) as error:
        # pyld trips over some invalid input (e.g. an inline {"@vocab": null}) instead of rejecting it.
        raise CanonicalizationError(f"Invalid JSON-LD: {type(error).__name__} {error}") from error
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
                    _subject(quad["subject"]),
                    predicate,
                    _object(quad["object"]),
                    _graph(quad["graph"]),
                )
            )
    except ValueError as error:
        if isinstance(error, CanonicalizationError):
            raise
        raise CanonicalizationError(f"Document maps to invalid RDF: {error}") from error
    return dataset


def _first_degree_key(quads: list[ox.Quad], node: ox.BlankNode) -> str:
    """The input of RDFC-1.0's first-degree hash for ``node`` (§4.6), unhashed."""
    lines = []
    for quad in quads:
        terms = (quad.subject, quad.predicate, quad.object, quad.graph_name)
        lines.append(" ".join(_first_degree_term(term, node) for term in terms))
    return "\n".join(sorted(lines))


def _first_degree_term(term: object, node: ox.BlankNode) -> str:
    if isinstance(term, ox.BlankNode):
        return "_:a" if term == node else "_:z"
    return str(term)


def ambiguity_cost(dataset: ox.Dataset) -> int:
    """An estimate of RDFC-1.0's N-degree hashing work: Σ degree! over ambiguous blank nodes.

    A blank node is ambiguous when it shares its first-degree hash with another one; only
    those go through N-degree hashing, which tries the permutations of their blank-node
    neighbours. A "poison" dataset (the W3C 10-clique) would hang pyoxigraph, which has no
    work limit of its own, so callers refuse datasets above a budget before canonicalising.
    """
    mentions: dict[ox.BlankNode, list[ox.Quad]] = {}
    neighbours: dict[ox.BlankNode, set[ox.BlankNode]] = {}
    for quad in dataset:
        nodes = [t for t in (quad.subject, quad.object, quad.graph_name) if isinstance(t, ox.BlankNode)]
        for node in nodes:
            mentions.setdefault(node, []).append(quad)
            neighbours.setdefault(node, set()).update(n for n in nodes if n != node)
    groups: dict[str, list[ox.BlankNode]] = {}
    for node, quads in mentions.items():
        groups.setdefault(_first_degree_key(quads, node), []).append(node)
    ambiguous = [node for group in groups.values() if len(group) > 1 for node in group]
    return sum(math.factorial(min(len(neighbours[node]), 20)) for node in ambiguous)


# 7! = 5040: a 7-clique of blank nodes canonicalises in about 0.3 s, an 8-clique
# (cost 40,320) takes seconds. Real credentials have no ambiguous blank nodes at all.
MAX_AMBIGUITY_COST = 5040

_ALGORITHMS = {
    "SHA256": ox.CanonicalizationAlgorithm.RDFC_1_0,
    "SHA384": ox.CanonicalizationAlgorithm.RDFC_1_0_SHA_384,
}


def canonical_nquads(
    dataset: ox.Dataset,
    *,
    hash_algorithm: str = "SHA256",
    max_cost: int | None = MAX_AMBIGUITY_COST,
) -> str:
    """RDFC-1.0 canonical N-Quads of ``dataset``: relabelled, one quad per line, sorted.

    Raises CanonicalizationError when :func:`ambiguity_cost` exceeds ``max_cost``
    (None: no limit, only for trusted input).
    """
    if max_cost is not None:
        cost = ambiguity_cost(dataset)
        if cost > max_cost:
            raise CanonicalizationError(
                f"Refused: indistinguishable blank nodes make canonicalisation too expensive "
                f"(estimated cost {cost}, limit {max_cost})"
            )
    canonical = ox.Dataset(dataset)
    canonical.canonicalize(_ALGORITHMS[hash_algorithm])
    return "".join(sorted(f"{quad} .\n" for quad in canonical))


# JSON-LD silently drops properties whose terms no context defines (VCDM 2.0 has no
# @vocab), so an added "foo": "bar" would not be covered by the signature. Data Integrity
# asks for "safe mode": we re-expand with a sentinel @vocab in front and refuse the document
# when any IRI lands in it. @vocab never changes how a defined term expands.
UNDEFINED_TERM_VOCAB = "urn:skillcluster:undefined-term#"
# Likewise relative IRIs are dropped; resolving them against a sentinel base shows them.
RELATIVE_IRI_PROBE_BASE = "https://relative-iri.invalid/"
JSON_LD_KEYWORDS = frozenset(
    [
        "@base",
        "@container",
        "@context",
        "@direction",
        "@graph",
        "@id",
        "@import",
        "@included",
        "@index",
        "@json",
        "@language",
        "@list",
        "@nest",
        "@none",
        "@prefix",
        "@propagate",
        "@protected",
        "@reverse",
        "@set",
        "@type",
        "@value",
        "@version",
        "@vocab",
    ]
)


class UndefinedTermError(CanonicalizationError):
    """The document uses terms that no context defines; they would go unsigned."""

    def __init__(self, terms: list[str]) -> None:
        super().__init__(
            "Undefined JSON-LD terms (not covered by any context, so they cannot be signed): " + ", ".join(terms)
        )
        self.terms = terms


def _unknown_keywords(value: object) -> set[str]:
    if isinstance(value, list):
        return set().union(*(_unknown_keywords(item) for item in value)) if value else set()
    if not isinstance(value, dict):
        return set()
    found = {k for k in value if k.startswith("@") and k not in JSON_LD_KEYWORDS}
    for key, item in value.items():
        if key != "@context":
            found |= _unknown_keywords(item)
    return found


def undefined_terms(document: Mapping[str, Any]) -> list[str]:
    """Terms, @-keys and relative IRIs of ``document`` that JSON-LD would silently drop."""
    contexts = document.get("@context", [])
    # First, so that a context with its own @vocab (examples/v2) still wins over it.
    probe = {
        **document,
        "@context": [{"@vocab": UNDEFINED_TERM_VOCAB}, *(contexts if isinstance(contexts, list) else [contexts])],
    }
    found = _unknown_keywords(document)
    for quad in to_rdf(probe, base=RELATIVE_IRI_PROBE_BASE):
        for term in (quad["subject"], quad["predicate"], quad["object"]):
            value = term.get("value", "")
            if term.get("type") != "IRI":
                continue
            if value.startswith(UNDEFINED_TERM_VOCAB):
                found.add(value.removeprefix(UNDEFINED_TERM_VOCAB) or "(empty key)")
            elif value.startswith(RELATIVE_IRI_PROBE_BASE):
                found.add("relative IRI " + value.removeprefix(RELATIVE_IRI_PROBE_BASE))
    return sorted(found)


def canonicalize(document: Mapping[str, Any], *, safe: bool = True) -> str:
    """RDFC-1.0 canonical N-Quads of a JSON-LD document (the eddsa-rdfc-2022 transform).

    With ``safe`` (the default), raises UndefinedTermError when some content would be
    dropped by expansion instead of being signed.
    """
    if safe:
        terms = undefined_terms(document)
        if terms:
            raise UndefinedTermError(terms)
    return canonical_nquads(to_dataset(document))


def canonicalize_nquads(
    nquads: str,
    *,
    hash_algorithm: str = "SHA256",
    max_cost: int | None = MAX_AMBIGUITY_COST,
) -> str:
    """RDFC-1.0 canonical N-Quads of an N-Quads input (used by the W3C rdf-canon tests)."""
    try:
        dataset = ox.Dataset(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    except SyntaxError as error:
        raise CanonicalizationError(f"Invalid N-Quads: {error}") from error
    return canonical_nquads(dataset, hash_algorithm=hash_algorithm, max_cost=max_cost)

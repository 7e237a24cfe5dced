"""The per-process search index and linkers over the ESCO rows in the database.

Each is built on first use and kept for the life of the process (a module-level lazy singleton), keyed by
the latest `EscoLoad`, so a reload in another process is picked up at the next request. The linker's
label embeddings are cached on disk under `VAR_DIR / "cache" / "linker"`, so a fresh process is ready in
seconds. Settings: `TAXONOMY_LINKER_MODEL` = "shipped" (default: the model in taxonomy/model/ when its files
are there, else lexical), "lexical", or a path to a model directory.
"""

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from django.conf import settings
from django.db import connection
from django.db.models import F

from skillcluster.taxonomy.linking.dense import Progress
from skillcluster.taxonomy.linking.linker import Concept, Kind, Linker, concepts_from_rows, default_model_dir
from skillcluster.taxonomy.linking.search import Entry, LabelIndex
from skillcluster.taxonomy.models import ConceptLabel, EscoLoad, Occupation, Skill

T = TypeVar("T")
_lock = threading.Lock()
_built: dict[str, tuple[object, Any]] = {}
_warming: set[str] = set()
_locks: dict[str, threading.Lock] = {}


def _fingerprint() -> object:
    """The latest ESCO load and how many translated labels there are: either changing rebuilds the indexes."""
    return EscoLoad.objects.order_by("-id").values_list("id", "loaded_at").first(), ConceptLabel.objects.count()


def _cached(name: str, build: Callable[[], T]) -> T:
    key = _fingerprint()
    hit = _built.get(name)
    if hit is not None and hit[0] == key:
        return cast(T, hit[1])
    # One lock per index: building the dense linker (minutes, cold cache) must not hold up the others.
    with _lock:
        name_lock = _locks.setdefault(name, threading.Lock())
    with name_lock:
        hit = _built.get(name)
        if hit is None or hit[0] != key:
            hit = (key, build())
            _built[name] = hit
    return cast(T, hit[1])


def reset() -> None:
    """Forget what was built (tests; a process that changed the rows without a new EscoLoad)."""
    _built.clear()


def label_index() -> LabelIndex:
    return _cached("search", _build_label_index)


def linker(kind: Kind, *, wait: bool = False, progress: Progress | None = None) -> Linker:
    """The linker for `kind`. With `wait=False` (requests) a dense linker that is not built yet is built
    in a background thread and the lexical linker answers meanwhile, so no request waits minutes for a
    cold embedding cache; `wait=True` (commands, `esco warm`) builds it now."""
    name = f"linker:{kind}"
    if wait or linker_model_dir() is None:
        return _cached(name, lambda: _build_linker(kind, progress=progress))
    hit = _built.get(name)
    if hit is not None and hit[0] == _fingerprint():
        return cast(Linker, hit[1])
    _warm_in_background(kind)
    return _cached(f"lexical:{kind}", lambda: _build_linker(kind, lexical=True))


def _warm_in_background(kind: Kind) -> None:
    with _lock:
        if kind in _warming:
            return
        _warming.add(kind)

    def build() -> None:
        try:
            linker(kind, wait=True)
        finally:
            _warming.discard(kind)
            connection.close()  # this thread's own connection

    threading.Thread(target=build, name=f"warm-{kind}-linker", daemon=True).start()


def _label_rows(model: type[Skill] | type[Occupation]) -> Any:
    return model.objects.order_by("id").values_list("id", "uri", "preferred_label", "alt_labels", "hidden_labels")


def _build_label_index() -> LabelIndex:
    """Every concept with its English labels and, so a search in any loaded language finds it, its labels in the
    other languages."""
    translated: dict[str, list[str]] = {}
    for uri, label, alts in ConceptLabel.objects.values_list("uri", "preferred_label", "alt_labels"):
        translated.setdefault(uri, []).extend([label, *(a for a in alts.split("\n") if a)])
    entries = []
    for kind, model in (("skill", Skill), ("occupation", Occupation)):
        for pk, uri, label, alt, hidden in _label_rows(model):
            own = tuple(s.strip() for s in f"{alt}\n{hidden}".split("\n") if s.strip())
            entries.append(Entry(kind, pk, label, own + tuple(translated.get(uri, ())), uri))
    return LabelIndex(entries)


def linker_in(kind: Kind, language: str) -> Linker | None:
    """A lexical linker over ESCO's `kind` labels in `language` (the model reads English only); None when that
    language has none loaded (ESCO has no Italian skill labels)."""
    return _cached(f"lexical:{kind}:{language}", lambda: _build_language_linker(kind, language))


def _build_language_linker(kind: Kind, language: str) -> Linker | None:
    rows = ConceptLabel.objects.filter(kind=kind, language=language).exclude(preferred_label="").order_by("id")
    concepts = [
        Concept(uri, label, tuple(a.strip() for a in alts.split("\n") if a.strip()), kind)
        for uri, label, alts in rows.values_list("uri", "preferred_label", "alt_labels").iterator(chunk_size=5000)
    ]
    if not concepts:
        return None
    cache_dir = Path(settings.VAR_DIR) / "cache" / "linker"  # unused: lexical linkers keep nothing on disk
    return Linker.build(concepts, model_dir=None, cache_dir=cache_dir, language=language)


def linker_model_dir() -> Path | None:
    choice = str(getattr(settings, "TAXONOMY_LINKER_MODEL", "shipped"))
    if choice == "lexical":
        return None
    return default_model_dir() if choice == "shipped" else Path(choice)


def _build_linker(kind: Kind, *, lexical: bool = False, progress: Progress | None = None) -> Linker:
    model = Skill if kind == "skill" else Occupation
    rows = model.objects.order_by("id").values(
        conceptUri=F("uri"), preferredLabel=F("preferred_label"), altLabels=F("alt_labels"),
        hiddenLabels=F("hidden_labels"),
    )  # fmt: skip
    cache_dir = Path(settings.VAR_DIR) / "cache" / "linker"
    model_dir = None if lexical else linker_model_dir()
    concepts = concepts_from_rows(rows, kind=kind)
    return Linker.build(concepts, model_dir=model_dir, cache_dir=cache_dir, progress=progress)

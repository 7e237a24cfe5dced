"""Finding ESCO concepts from text: the one home of skill search (search-as-you-type over labels) and of
free-text linking (a job title or a self-description to ranked skills or occupations). Every context that
lets a person pick a skill or an occupation calls these."""

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from django.utils.translation import get_language, get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from skillcluster.taxonomy.linking import language
from skillcluster.taxonomy.linking.dense import Progress
from skillcluster.taxonomy.linking.lexical import SNOWBALL
from skillcluster.taxonomy.linking.linker import MAX_TOP_K, Kind, LinkResult
from skillcluster.taxonomy.linking.search import Hit
from skillcluster.taxonomy.models import Occupation, Skill
from skillcluster.taxonomy.selectors import indexes
from skillcluster.taxonomy.selectors.concepts import esco_is_loaded

SEARCH_MAX_CHARS = 200


@dataclass(frozen=True)
class RankedItem:
    id: int
    uri: str
    label: str
    matched_label: str
    score: float
    kind: str
    probability: float | None = None  # that the text names it (see linking/calibration.py)
    confidence: str = ""  # "likely", "possible" or "" (a candidate only, or the linker is not calibrated)


@dataclass(frozen=True)
class Ranking:
    items: list[RankedItem]
    mode: str  # "dense" or "lexical"; "" when nothing was ranked
    reason: str | None = None  # set when items is empty: why
    notes: tuple[str, ...] = field(default_factory=tuple)
    language: str = "en"  # the language the text was read in (the labels it was matched against)

    @property
    def calibrated(self) -> bool:
        """Whether the items say how sure they are (`confidence`)."""
        return any(item.probability is not None for item in self.items)

    @property
    def likely(self) -> int:
        return sum(item.confidence == "likely" for item in self.items)

    @property
    def possible(self) -> int:
        return sum(item.confidence == "possible" for item in self.items)


def search(query: str, *, limit: int = 10, kinds: tuple[str, ...] | None = None) -> list[Hit]:
    """Skills and occupations whose preferred or alternative label matches the query (typos and word order
    tolerated); at most `limit` hits, best first. Only the first SEARCH_MAX_CHARS characters are used."""
    if not query.strip():
        return []
    return indexes.label_index().search(query[:SEARCH_MAX_CHARS], limit=limit, kinds=kinds)


WARMING_NOTE = _(
    "The language model is still loading (a few minutes after a first start): these suggestions match words "
    "only. Try again shortly for better ones."
)


def link_text(text: str, *, kind: Kind = "skill", top_k: int = 10, wait: bool = False) -> Ranking:
    """Free text (at most MAX_CHARS characters are used) -> ranked ESCO skills or occupations with a score.
    `wait`: see `indexes.linker` (requests answer lexically while the dense model warms up)."""
    if not esco_is_loaded():
        return Ranking([], "", gettext("ESCO is not loaded: run `skillcluster esco load`"))
    top_k = max(1, min(top_k, MAX_TOP_K))
    spoken = language.guess(text)
    # Too short to tell (a job title): read it in the reader's language first, then in English.
    read_as = spoken or (get_language() or "en")[:2]
    if read_as != "en":
        other = indexes.linker_in(kind, read_as) if read_as in SNOWBALL else None
        if other is None and spoken is not None:  # a confident answer to a language it cannot read is nonsense
            return Ranking([], "", _cannot_read(spoken, kind))
        if other is not None:
            result = other.link(text, top_k=top_k)
            if result.matches or spoken is not None:
                return _ranking(result, kind, read_as)
    result = indexes.linker(kind, wait=wait).link(text, top_k=top_k)
    if result.mode == "lexical" and indexes.linker_model_dir() is not None:
        result = replace(result, notes=(*result.notes, str(WARMING_NOTE)))
    return _ranking(result, kind, "en")


def _ranking(result: LinkResult, kind: Kind, read_as: str) -> Ranking:
    model = Skill if kind == "skill" else Occupation
    ids = dict(model.objects.filter(uri__in=[m.uri for m in result.matches]).values_list("uri", "id"))
    items = [
        RankedItem(ids[m.uri], m.uri, m.label, m.matched_label, m.score, kind, m.probability, m.confidence)
        for m in result.matches
    ]
    return Ranking(items, result.mode, result.reason, result.notes, read_as)


def _cannot_read(spoken: str, kind: Kind) -> str:
    """Why a text in another language gets no ranking, the language named in the reader's own."""
    name = get_language_info(spoken)["name_translated"] if spoken in language.NAMES else spoken
    if spoken in SNOWBALL:  # a language the linker reads, but ESCO has no labels of this kind in it
        message = (
            gettext("This text looks %(language)s; ESCO has no skill names in that language yet. Write it in "
                    "English, or search by an ESCO label.")
            if kind == "skill"
            else gettext("This text looks %(language)s; ESCO has no occupation names in that language yet. Write "
                         "it in English, or search by an ESCO label.")
        )  # fmt: skip
        return message % {"language": name}
    return gettext(
        "This text looks %(language)s; the skill linker reads English only. Write it in English, or search by an "
        "ESCO label."
    ) % {"language": name}


def indexes_warm(progress_for: Callable[[str], Progress] | None = None) -> list[tuple[str, float, str]]:
    """Build the search index and both linkers now: (name, seconds, what was built). `progress_for(kind)`
    gives a callback that follows the embedding of that kind's labels on a cold cache."""
    done = []
    started = time.perf_counter()
    index = indexes.label_index()
    done.append(("search index", time.perf_counter() - started, f"{len(index.labels):,} labels"))
    for kind in ("skill", "occupation"):
        started = time.perf_counter()
        progress = progress_for(kind) if progress_for else None
        linker = indexes.linker(kind, wait=True, progress=progress)
        cache = "from disk cache" if linker.from_cache else "computed"
        detail = f"{linker.mode}, {len(linker.labels):,} labels" + (f", {cache}" if linker.mode == "dense" else "")
        done.append((f"{kind} linker", time.perf_counter() - started, detail))
    return done


MIN_QUERY_CHARS = 2


def skill_search(query: str, *, limit: int = 10) -> list[Skill]:
    """Skills whose labels match ``query`` (typo-tolerant), best first; none for fewer than 2 characters."""
    if len(query.strip()) < MIN_QUERY_CHARS:
        return []
    hits = search(query, limit=limit, kinds=("skill",))
    by_id = Skill.objects.in_bulk([hit.id for hit in hits])
    return [by_id[hit.id] for hit in hits if hit.id in by_id]


def occupation_proposals(title: str, *, limit: int = 6) -> list[tuple[Occupation, float]]:
    """ESCO occupations the linker proposes for a job title, with their scores, best first."""
    if len(title.strip()) < MIN_QUERY_CHARS:
        return []
    ranking = link_text(title, kind="occupation", top_k=limit)
    by_id = Occupation.objects.in_bulk([item.id for item in ranking.items])
    return [(by_id[item.id], item.score) for item in ranking.items if item.id in by_id]


def skill_best_match(name: str) -> tuple[str, float] | None:
    """The ESCO skill URI a free-text skill name links to best, with its score; ``None`` when nothing does."""
    ranking = link_text(name, kind="skill", top_k=1)
    return (ranking.items[0].uri, ranking.items[0].score) if ranking.items else None


def skill_labels(uris: Iterable[str]) -> dict[str, str]:
    """Preferred label per ESCO skill URI (URIs not in the taxonomy are left out)."""
    return dict(Skill.objects.filter(uri__in=set(uris)).values_list("uri", "preferred_label"))

"""Reads of ESCO: skills, occupations, search and free-text linking. ESCO is global reference data, so every
logged-in person may read all of it; views and the API still require a login."""

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.http import Http404

from skillcluster.taxonomy.linking.dense import Progress
from skillcluster.taxonomy.linking.linker import MAX_TOP_K, Kind
from skillcluster.taxonomy.linking.search import Hit
from skillcluster.taxonomy.models import (
    Category,
    EscoLoad,
    IscoGroup,
    Occupation,
    OccupationSkill,
    Relation,
    Skill,
    SkillCategory,
    SkillGroup,
)
from skillcluster.taxonomy.selectors import indexes

SEARCH_MAX_CHARS = 200


@dataclass(frozen=True)
class RankedItem:
    id: int
    uri: str
    label: str
    matched_label: str
    score: float
    kind: str


@dataclass(frozen=True)
class Ranking:
    items: list[RankedItem]
    mode: str  # "dense" or "lexical"; "" when nothing was ranked
    reason: str | None = None  # set when items is empty: why
    notes: tuple[str, ...] = field(default_factory=tuple)


def esco_is_loaded() -> bool:
    return EscoLoad.objects.exists()


def esco_stats() -> dict[str, object]:
    load = EscoLoad.objects.order_by("-id").first()
    categories = dict(SkillCategory.objects.values_list("category").annotate(n=Count("id")).order_by("category"))
    return {
        "skills": Skill.objects.count(),
        "skill groups": SkillGroup.objects.count(),
        "occupations": Occupation.objects.count(),
        "ISCO groups": IscoGroup.objects.count(),
        "occupation-skill relations": OccupationSkill.objects.count(),
        **{f"category {c}": categories.get(c, 0) for c in Category.values},
        "load": load,
    }


def skill_get(key: int | str) -> Skill:
    """A skill by id or by ESCO URI; Http404 when there is none."""
    lookup = {"uri": key} if isinstance(key, str) and not key.isdigit() else {"id": int(key)}
    skill = Skill.objects.filter(**lookup).prefetch_related("categories").first()
    if skill is None:
        raise Http404("No such ESCO skill")
    return skill


def occupation_get(key: int | str) -> Occupation:
    lookup = {"uri": key} if isinstance(key, str) and not key.isdigit() else {"id": int(key)}
    occupation = Occupation.objects.filter(**lookup).select_related("broader").first()
    if occupation is None:
        raise Http404("No such ESCO occupation")
    return occupation


def skill_categories(skill: Skill) -> list[str]:
    order = list(Category.values)
    return sorted((c.category for c in skill.categories.all()), key=order.index)


def skill_group_paths(skill: Skill) -> list[list[SkillGroup]]:
    """Each of the skill's nearest groups as a path from its pillar down."""
    return [group.path() for group in skill.groups.select_related("parent__parent__parent").order_by("pillar", "code")]


def skill_occupations(skill: Skill) -> dict[str, list[Occupation]]:
    """The occupations that need the skill, essential first; ordered by label."""
    found: dict[str, list[Occupation]] = {Relation.ESSENTIAL: [], Relation.OPTIONAL: []}
    relations = skill.occupation_relations.select_related("occupation").order_by("occupation__preferred_label")
    for relation in relations:
        found[relation.relation].append(relation.occupation)
    return found


def occupation_skills(occupation: Occupation) -> dict[str, dict[str, list[Skill]]]:
    """{relation: {category: [skills]}}: a skill with several categories shows under each of them."""
    grouped: dict[str, dict[str, list[Skill]]] = {r: defaultdict(list) for r in Relation.values}
    relations = occupation.skill_relations.select_related("skill").prefetch_related(
        Prefetch("skill__categories", queryset=SkillCategory.objects.only("skill_id", "category"))
    )
    for relation in relations.order_by("skill__preferred_label"):
        for category in relation.skill.categories.all():
            grouped[relation.relation][category.category].append(relation.skill)
    order = list(Category.values)
    return {r: dict(sorted(cats.items(), key=lambda kv: order.index(kv[0]))) for r, cats in grouped.items()}


def occupation_isco_group(occupation: Occupation) -> IscoGroup | None:
    return IscoGroup.objects.filter(code=occupation.isco_group).first()


def search(query: str, *, limit: int = 10, kinds: tuple[str, ...] | None = None) -> list[Hit]:
    """Skills and occupations whose preferred or alternative label matches the query (typos and word order
    tolerated); at most `limit` hits, best first. Only the first SEARCH_MAX_CHARS characters are used."""
    if not query.strip():
        return []
    return indexes.label_index().search(query[:SEARCH_MAX_CHARS], limit=limit, kinds=kinds)


WARMING_NOTE = (
    "The language model is still loading (a few minutes after a first start): these suggestions match words "
    "only. Try again shortly for better ones."
)


def link_text(text: str, *, kind: Kind = "skill", top_k: int = 10, wait: bool = False) -> Ranking:
    """Free text (at most MAX_CHARS characters are used) -> ranked ESCO skills or occupations with a score.
    `wait`: see `indexes.linker` (requests answer lexically while the dense model warms up)."""
    if not esco_is_loaded():
        return Ranking([], "", "ESCO is not loaded: run `skillcluster esco load`")
    result = indexes.linker(kind, wait=wait).link(text, top_k=max(1, min(top_k, MAX_TOP_K)))
    model = Skill if kind == "skill" else Occupation
    ids = dict(model.objects.filter(uri__in=[m.uri for m in result.matches]).values_list("uri", "id"))
    items = [RankedItem(ids[m.uri], m.uri, m.label, m.matched_label, m.score, kind) for m in result.matches]
    notes = result.notes
    if result.mode == "lexical" and indexes.linker_model_dir() is not None:
        notes = (*notes, WARMING_NOTE)
    return Ranking(items, result.mode, result.reason, notes)


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
        linker = indexes.linker(kind, wait=True, progress=progress)  # type: ignore[arg-type]
        cache = "from disk cache" if linker.from_cache else "computed"
        detail = f"{linker.mode}, {len(linker.labels):,} labels" + (f", {cache}" if linker.mode == "dense" else "")
        done.append((f"{kind} linker", time.perf_counter() - started, detail))
    return done

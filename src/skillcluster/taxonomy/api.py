"""ESCO endpoints: search, free-text linking, skills and occupations. Authenticated like the whole API.

Input limits answer 422 in the API's error shape, naming the field: `text` at most MAX_CHARS characters,
`q` at most SEARCH_MAX_CHARS, `top_k` from 1 to 100 and `limit` from 1 to 50 (these two declared in the OpenAPI
document). Text that cannot be linked (empty, emoji only)
answers 200 with an empty ranking and its `reason`.
"""

from dataclasses import asdict
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.params.functions import Query
from pydantic import Field

from skillcluster.taxonomy.linking.linker import MAX_CHARS, MAX_TOP_K, Kind
from skillcluster.taxonomy.models import Occupation, Relation, Skill
from skillcluster.taxonomy.selectors import concepts, lookup
from skillcluster.taxonomy.selectors.labels import label_for

router = Router(tags=["taxonomy"])


class SearchHitOut(Schema):
    kind: str
    id: int
    uri: str
    label: str = Field(description="ESCO's English preferred label")
    matched_label: str
    score: float
    display_label: str = Field(description="The name to show: in the reader's language where ESCO has one, else "
                                           "the English `label`")  # fmt: skip
    display_language: str = Field(description="The language `display_label` is in")
    display_fallback: bool = Field(description="True where ESCO has no name in the reader's language: "
                                               "`display_label` is English, to be marked as such")  # fmt: skip


class LinkIn(Schema):
    text: str
    top_k: int = Field(10, ge=1, le=MAX_TOP_K)


class LinkedOut(Schema):
    id: int
    uri: str
    label: str
    matched_label: str
    score: float
    probability: float | None = Field(
        description="That the text names this concept, calibrated on held-out sentences; null when the linker "
        "has no calibration (another language's labels)"
    )
    confidence: Literal["likely", "possible", ""] = Field(
        description='"likely" (probability at least 1/2), "possible" (at least 1/5), or "" (a candidate only)'
    )


class LinkOut(Schema):
    kind: str
    mode: str
    language: str = Field(description="The language the text was read in: its labels were the ones matched")
    results: list[LinkedOut]
    reason: str | None
    notes: list[str]


class SkillRefOut(Schema):
    id: int
    uri: str
    label: str


class SkillOut(Schema):
    id: int
    uri: str
    preferred_label: str
    alt_labels: list[str]
    description: str
    skill_type: str
    reuse_level: str
    categories: list[str]
    collections: list[str]
    groups: list[list[str]]  # each nearest group as a path of labels from its pillar down


class OccupationOut(Schema):
    id: int
    uri: str
    code: str
    preferred_label: str
    alt_labels: list[str]
    description: str
    isco_group: str
    essential_skills: list[SkillRefOut]
    optional_skills: list[SkillRefOut]


SEARCH_LIMIT = 50  # hits a search returns at most


def _search(q: str, limit: int, kind: Literal["skill", "occupation"]) -> list[dict[str, object]]:
    if len(q) > lookup.SEARCH_MAX_CHARS:
        raise ValidationError({"q": [f"at most {lookup.SEARCH_MAX_CHARS} characters; got {len(q)}"]})
    hits = []
    for hit in lookup.search(q, limit=limit, kinds=(kind,)):
        shown = label_for(hit.uri, hit.label)
        hits.append({**asdict(hit), "display_label": shown.text, "display_language": shown.language,
                     "display_fallback": shown.is_fallback})  # fmt: skip
    return hits


def _link(payload: LinkIn, kind: Kind) -> dict[str, object]:
    if len(payload.text) > MAX_CHARS:
        raise ValidationError({"text": [f"at most {MAX_CHARS:,} characters; got {len(payload.text):,}"]})
    ranking = lookup.link_text(payload.text, kind=kind, top_k=payload.top_k)
    return {"kind": kind, "mode": ranking.mode, "language": ranking.language, "results": ranking.items,
            "reason": ranking.reason,
            "notes": list(ranking.notes)}  # fmt: skip


@router.get("/skills/search", response=list[SearchHitOut])
def skill_search(
    request: HttpRequest, q: str = "", limit: int = Query(10, ge=1, le=SEARCH_LIMIT)
) -> list[dict[str, object]]:
    return _search(q, limit, "skill")


@router.get("/occupations/search", response=list[SearchHitOut])
def occupation_search(
    request: HttpRequest, q: str = "", limit: int = Query(10, ge=1, le=SEARCH_LIMIT)
) -> list[dict[str, object]]:
    return _search(q, limit, "occupation")


@router.post("/skills/link", response=LinkOut)
def skill_link(request: HttpRequest, payload: LinkIn) -> dict[str, object]:
    return _link(payload, "skill")


@router.post("/occupations/link", response=LinkOut)
def occupation_link(request: HttpRequest, payload: LinkIn) -> dict[str, object]:
    return _link(payload, "occupation")


@router.get("/skills/{path:key}", response=SkillOut)
def skill_get(request: HttpRequest, key: str) -> dict[str, object]:
    """A skill by id or by its ESCO URI (URL-encoded)."""
    skill: Skill = concepts.skill_get(key)
    collections = ["transversal", "digital", "green", "language"]
    return {
        **{f: getattr(skill, f) for f in ("id", "uri", "preferred_label", "description", "skill_type", "reuse_level")},
        "alt_labels": skill.alt_label_list,
        "categories": concepts.skill_categories(skill),
        "collections": [c for c in collections if getattr(skill, f"in_{c}")],
        "groups": [[g.preferred_label for g in path] for path in concepts.skill_group_paths(skill)],
    }


@router.get("/occupations/{path:key}", response=OccupationOut)
def occupation_get(request: HttpRequest, key: str) -> dict[str, object]:
    """An occupation by id or by its ESCO URI (URL-encoded)."""
    occupation: Occupation = concepts.occupation_get(key)
    relations = occupation.skill_relations.select_related("skill").order_by("skill__preferred_label")
    refs: dict[str, list[dict[str, object]]] = {r: [] for r in Relation.values}
    for r in relations:
        refs[r.relation].append({"id": r.skill_id, "uri": r.skill.uri, "label": r.skill.preferred_label})
    fields = ("id", "uri", "code", "preferred_label", "description", "isco_group")
    return {
        **{f: getattr(occupation, f) for f in fields},
        "alt_labels": occupation.alt_label_list,
        "essential_skills": refs[Relation.ESSENTIAL],
        "optional_skills": refs[Relation.OPTIONAL],
    }

"""Skills-audit endpoints: the same reads and writes as the pages, through the same helpers and services."""

from datetime import datetime

from django.http import Http404
from ninja import Router, Schema, Status
from pydantic import Field

from skillcluster.audits.domain.permissions import AuditPerm
from skillcluster.audits.models import Rating, Role
from skillcluster.audits.selectors import aggregates, records, reports
from skillcluster.audits.services import ratings, roles
from skillcluster.taxonomy.models import Occupation, Skill
from skillcluster.taxonomy.selectors import lookup
from skillcluster.tenancy.domain.permissions import TenancyPerm
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.selectors import cluster_get_for_user, firm_get_for_user

router = Router(tags=["audits"])


class RequirementOut(Schema):
    id: int
    skill_uri: str
    skill: str
    level: int
    importance: int


class RoleOut(Schema):
    id: int
    title: str
    occupation_uri: str | None
    requirements: list[RequirementOut]


class RoleIn(Schema):
    title: str = Field(default="", max_length=200)
    occupation_uri: str | None = None
    include_optional: bool = False


class RequirementIn(Schema):
    skill_uri: str
    level: int = Field(ge=1, le=4)
    importance: int = Field(default=2, ge=1, le=3)


class RatingIn(Schema):
    person_id: int
    skill_uri: str
    level: int = Field(ge=0, le=4)
    source: str = Field(pattern="^(self|manager|assessor)$")
    note: str = Field(default="", max_length=2000)
    evidence_url: str = Field(default="", max_length=200)


class RatingOut(Schema):
    id: int
    person_id: int
    skill_uri: str
    level: int
    source: str
    rated_by_id: int | None
    note: str
    evidence_url: str
    created_at: datetime

    @staticmethod
    def resolve_skill_uri(obj: Rating) -> str:
        return obj.skill.uri


class OccupationProposalOut(Schema):
    uri: str
    label: str
    score: float


class SummaryOut(Schema):
    label: str
    lines: int
    coverage: int | None
    gap_share: int | None
    weighted_gap: int


class ReportOut(Schema):
    lines: int
    met: int
    weighted_gap: int
    production_bias: float | None
    kappa: float | None
    rater_pairs: int
    categories: list[SummaryOut]
    people: list[SummaryOut]
    training_needs: list[dict[str, object]]


class MatrixCellOut(Schema):
    person_id: int
    skill_uri: str
    current: int | None
    self_level: int | None
    manager_level: int | None
    required: int | None


class CellOut(Schema):
    division: str
    category: str
    firms: int
    shown: bool
    coverage: float | None
    gap_share: float | None


def _skill(uri: str) -> Skill:
    skill = Skill.objects.filter(uri=uri).first()
    if skill is None:
        raise Http404(f"No ESCO skill {uri}")
    return skill


def _role_out(role: Role) -> dict[str, object]:
    reqs = records.requirement_list(role)
    return {
        "id": role.pk, "title": role.title,
        "occupation_uri": role.occupation.uri if role.occupation else None,
        "requirements": [
            {"id": r.pk, "skill_uri": r.skill.uri, "skill": r.skill.preferred_label, "level": r.level,
             "importance": r.importance} for r in reqs
        ],
    }  # fmt: skip


@router.get("/audit/occupations", response=list[OccupationProposalOut])
def occupation_proposals(request: PersonRequest, title: str) -> object:
    found = lookup.occupation_proposals(title)
    return [{"uri": o.uri, "label": o.preferred_label, "score": score} for o, score in found]


@router.get("/firms/{firm_id}/audit/roles", response=list[RoleOut])
def role_list(request: PersonRequest, firm_id: int) -> object:
    firm, _ = firm_get_for_user(request.user, firm_id, perm=AuditPerm.VIEW_REPORT)
    return [_role_out(role) for role in records.role_list(firm)]


@router.post("/firms/{firm_id}/audit/roles", response={201: RoleOut})
def role_create(request: PersonRequest, firm_id: int, payload: RoleIn) -> object:
    firm, _ = firm_get_for_user(request.user, firm_id, perm=AuditPerm.RUN)
    occupation = None
    if payload.occupation_uri:
        occupation = Occupation.objects.filter(uri=payload.occupation_uri).first()
        if occupation is None:
            raise Http404(f"No ESCO occupation {payload.occupation_uri}")
    role = roles.role_create(
        firm=firm, title=payload.title, occupation=occupation, include_optional=payload.include_optional
    )
    return Status(201, _role_out(role))


@router.put("/firms/{firm_id}/audit/roles/{role_id}/requirements", response=RoleOut)
def requirement_put(request: PersonRequest, firm_id: int, role_id: int, payload: RequirementIn) -> object:
    firm, _ = firm_get_for_user(request.user, firm_id, perm=AuditPerm.RUN)
    role = records.role_get(firm, role_id)
    roles.requirement_add(role=role, skill=_skill(payload.skill_uri), level=payload.level,
                             importance=payload.importance)  # fmt: skip
    return _role_out(role)


@router.delete("/firms/{firm_id}/audit/roles/{role_id}/requirements/{requirement_id}", response={204: None})
def requirement_delete(request: PersonRequest, firm_id: int, role_id: int, requirement_id: int) -> object:
    firm, _ = firm_get_for_user(request.user, firm_id, perm=AuditPerm.RUN)
    requirement = records.requirement_list(records.role_get(firm, role_id)).filter(pk=requirement_id).first()
    if requirement is None:
        raise Http404("No such requirement")
    roles.requirement_remove(requirement=requirement)
    return Status(204, None)


@router.post("/firms/{firm_id}/audit/ratings", response={201: RatingOut})
def rating_add(request: PersonRequest, firm_id: int, payload: RatingIn) -> object:
    user = request.user
    firm, access = firm_get_for_user(user, firm_id, perm=None)  # any role on the firm; the rating rules decide
    member = records.member_get(firm, payload.person_id)
    rating = ratings.check_rating_add(
        access=access, rater=user, firm=firm, person=member.person, skill=_skill(payload.skill_uri),
        level=payload.level, source=payload.source, note=payload.note, evidence_url=payload.evidence_url,
    )  # fmt: skip
    return Status(201, rating)


@router.get("/firms/{firm_id}/audit/people/{person_id}/ratings", response=list[RatingOut])
def rating_history(request: PersonRequest, firm_id: int, person_id: int) -> object:
    user = request.user
    firm, access = firm_get_for_user(user, firm_id)
    member = records.member_get(firm, person_id)
    if member.person_id != user.pk and not access.has(AuditPerm.VIEW_REPORT):
        raise Http404("No such person in this firm")
    return reports.person_profile(firm, member.person).history


@router.get("/firms/{firm_id}/audit/matrix", response=list[MatrixCellOut])
def matrix(request: PersonRequest, firm_id: int) -> object:
    firm, _ = firm_get_for_user(request.user, firm_id, perm=AuditPerm.VIEW_REPORT)
    found = reports.firm_matrix(firm)
    return [
        {"person_id": pk, "skill_uri": uri, "current": c.current, "self_level": c.self_level,
         "manager_level": c.manager_level, "required": c.required}
        for (pk, uri), c in found.cells.items() if c.current is not None or c.required is not None
    ]  # fmt: skip


@router.get("/firms/{firm_id}/audit/report", response=ReportOut)
def report(request: PersonRequest, firm_id: int) -> object:
    firm, _ = firm_get_for_user(request.user, firm_id, perm=AuditPerm.VIEW_REPORT)
    gap = reports.gap_report(firm)
    return {
        "lines": gap.summary.lines, "met": gap.summary.met, "weighted_gap": gap.summary.weighted_gap,
        "production_bias": gap.production_bias, "kappa": gap.agreement.kappa, "rater_pairs": gap.agreement.pairs,
        "categories": reports.rows_percent(gap.by_category), "people": reports.rows_percent(gap.by_person),
        "training_needs": [{"skill_uri": n.skill_uri, "skill": n.label, "priority": n.priority,
                            "people": len(n.people)} for n in gap.needs],
    }  # fmt: skip


@router.get("/clusters/{cluster_id}/audit/aggregate", response=list[CellOut])
def cluster_aggregate(request: PersonRequest, cluster_id: int) -> object:
    cluster, _ = cluster_get_for_user(request.user, cluster_id, perm=TenancyPerm.CLUSTER_VIEW_AGGREGATES)
    found = aggregates.cluster_aggregate(cluster)
    return [
        {"division": c.division, "category": c.category, "firms": c.firms, "shown": c.shown,
         "coverage": c.coverage, "gap_share": c.gap_share} for c in found.cells.values()
    ]  # fmt: skip


@router.get("/clusters/{cluster_id}/audit/training-needs", response=list[dict[str, object]])
def cluster_training_needs(request: PersonRequest, cluster_id: int) -> object:
    cluster, _ = cluster_get_for_user(request.user, cluster_id, perm=TenancyPerm.CLUSTER_VIEW_AGGREGATES)
    return [need.__dict__ for need in aggregates.cluster_training_needs(cluster)]

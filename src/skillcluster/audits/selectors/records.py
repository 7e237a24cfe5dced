"""Reads of a firm's audit records (roles, requirements, people, campaigns) and the rows its reports need.

Views and the API fetch the firm through tenancy's `firm_get_for_user` with an `AuditPerm` (404 when the
firm is not visible, 403 without the permission); everything here takes that firm. A firm's report is
computed by the pure modules (`domain/levels.py`, `domain/gaps.py`) over rows fetched in a handful of
queries (`audit_data`); cluster figures are in `aggregates.py`.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, Max, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone

from skillcluster.audits.domain import gaps, levels
from skillcluster.audits.models import (
    AuditCampaign,
    CampaignStatus,
    CategoryOverride,
    Rating,
    RatingWithdrawal,
    Role,
    RoleAssignment,
    RoleRequirement,
)
from skillcluster.taxonomy.domain.categories import Category
from skillcluster.taxonomy.models import Skill, SkillCategory, SkillCrossJobArea
from skillcluster.tenancy.models import Cluster, Firm, Membership, Person


def role_list(firm: Firm) -> QuerySet[Role]:
    return (
        Role.objects.filter(firm=firm)
        .select_related("occupation")
        .annotate(requirement_count=Count("requirements", distinct=True), people=Count("assignments", distinct=True))
    )


def role_get(firm: Firm, role_id: int) -> Role:
    role = Role.objects.select_related("occupation").filter(firm=firm, pk=role_id).first()
    if role is None:
        raise Http404("No such role")
    return role


def requirement_list(role: Role) -> QuerySet[RoleRequirement]:
    return (
        RoleRequirement.objects.filter(role=role)
        .select_related("skill")
        .order_by("-importance", "skill__preferred_label")
    )


def member_list(firm: Firm) -> QuerySet[Membership]:
    return Membership.objects.filter(firm=firm).select_related("person").order_by("person__full_name")


def member_get(firm: Firm, person_id: int) -> Membership:
    membership = Membership.objects.select_related("person").filter(firm=firm, person_id=person_id).first()
    if membership is None:
        raise Http404("No such person in this firm")
    return membership


def assignment_map(firm: Firm) -> dict[int, set[int]]:
    """membership id → role ids."""
    found: dict[int, set[int]] = defaultdict(set)
    for membership_id, role_id in RoleAssignment.objects.filter(role__firm=firm).values_list(
        "membership_id", "role_id"
    ):
        found[membership_id].add(role_id)
    return found


def campaign_current(firm: Firm) -> AuditCampaign | None:
    return AuditCampaign.objects.filter(firm=firm, status=CampaignStatus.OPEN).first()


@dataclass
class AuditData:
    """What a firm's report needs, in pure-module types. Person ids are Person pks; skills are URIs."""

    people: dict[int, Person]
    requirements: list[gaps.Requirement]
    assignments: list[gaps.Assignment]
    ratings: list[levels.Rating]
    labels: dict[str, str]
    categories: dict[str, list[Category]]
    now: datetime
    skill_ids: dict[str, int] = field(default_factory=dict)
    areas: dict[str, list[str]] = field(default_factory=dict)  # skill URI -> cross-job areas
    reuse: dict[str, str] = field(default_factory=dict)  # skill URI -> ESCO reuse level

    @property
    def levels(self) -> gaps.Levels:
        """Current levels at ``now``: withdrawn and lapsed ratings no longer count (`domain/levels.py`)."""
        return levels.current_levels(self.ratings, now=self.now)


def cluster_categories(cluster_id: int, uris: Iterable[str]) -> dict[str, list[Category]]:
    """The cluster's own categories of those skills that have any (they replace ESCO's mapping there)."""
    found: dict[str, list[Category]] = defaultdict(list)
    rows = CategoryOverride.all_objects.filter(cluster_id=cluster_id, skill__uri__in=list(uris))
    for uri, code in rows.values_list("skill__uri", "category"):
        found[uri].append(Category(code))
    order = list(Category)  # in category order, whatever order the database returns the rows in
    return {uri: sorted(categories, key=order.index) for uri, categories in found.items()}


def audit_data(firm: Firm, *, now: datetime | None = None) -> AuditData:
    """Seven queries: members, requirements, assignments, ratings, skills, categories, cross-job areas."""
    people = {m.person_id: m.person for m in member_list(firm)}
    reqs = list(
        RoleRequirement.objects.filter(role__firm=firm).values_list("role_id", "skill__uri", "level", "importance")
    )
    assigned = RoleAssignment.objects.filter(role__firm=firm).values_list("membership__person_id", "role_id")
    rows = (
        Rating.objects.filter(firm=firm)
        .annotate(withdrawn=Exists(RatingWithdrawal.objects.filter(rating=OuterRef("pk"))))
        .values_list("person_id", "skill__uri", "level", "source", "created_at", "valid_until", "withdrawn")
    )
    ratings = [
        levels.Rating(p, uri, lvl, levels.Source(src), at, until, gone)
        for p, uri, lvl, src, at, until, gone in rows.order_by("id")
    ]
    uris = {r[1] for r in reqs} | {r.skill_uri for r in ratings}
    skills = Skill.objects.filter(uri__in=uris).values_list("id", "uri", "preferred_label", "reuse_level")
    categories: dict[str, list[Category]] = defaultdict(list)
    for uri, code in SkillCategory.objects.filter(skill__uri__in=uris).values_list("skill__uri", "category"):
        categories[uri].append(Category(code))
    categories |= cluster_categories(firm.cluster_id, uris)
    areas: dict[str, list[str]] = defaultdict(list)
    for uri, area in SkillCrossJobArea.objects.filter(skill__uri__in=uris).values_list("skill__uri", "area"):
        areas[uri].append(area)
    return AuditData(
        people=people,
        requirements=[gaps.Requirement(*row) for row in reqs],
        assignments=[gaps.Assignment(p, r) for p, r in assigned if p in people],
        ratings=[r for r in ratings if r.person_id in people],
        labels={uri: label for _, uri, label, _ in skills},
        categories=dict(categories),
        now=now or timezone.now(),
        skill_ids={uri: pk for pk, uri, _, _ in skills},
        areas=dict(areas),
        reuse={uri: reuse for _, uri, _, reuse in skills},
    )


def last_rating_by_firm(cluster: Cluster) -> dict[int, datetime]:
    """When each firm of the cluster last recorded a rating."""
    rows = Rating.objects.filter(firm__cluster=cluster).values_list("firm_id").annotate(Max("created_at")).order_by()
    return dict(rows)

"""Market-intelligence endpoints: the cluster's demand by skill, a firm's needs re-ranked by demand, and the
published briefings; through the same selectors as the pages."""

from ninja import Router, Schema

from skillcluster.audits.domain.permissions import AuditPerm
from skillcluster.intelligence.domain.permissions import IntelligencePerm
from skillcluster.intelligence.selectors.briefings import briefings, items
from skillcluster.intelligence.selectors.demand import skill_demand
from skillcluster.intelligence.selectors.ranking import firm_needs
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.selectors import cluster_get_for_user, firm_get_for_user

router = Router(tags=["market intelligence"])


class SkillDemandOut(Schema):
    skill_uri: str
    skill: str
    ads: int  # the last year's ads asking for it
    of_ads: int
    share_low: float
    share_high: float
    change_points: int
    direction: str  # rising, falling, steady (the change's 95 % interval)


class RankedNeedOut(Schema):
    skill_uri: str
    skill: str
    priority: int
    weighted: float
    reason: str


class BriefingOut(Schema):
    id: int
    title: str
    published_at: str
    items: list[dict[str, str]]


@router.get("/clusters/{cluster_id}/market/demand", response=list[SkillDemandOut])
def demand(request: PersonRequest, cluster_id: int) -> object:
    cluster, _ = cluster_get_for_user(request.user, cluster_id, perm=IntelligencePerm.VIEW)
    found = sorted(skill_demand(cluster.pk).values(), key=lambda d: (-d.share.part, d.skill.preferred_label))
    return [{"skill_uri": d.skill.uri, "skill": d.skill.preferred_label, "ads": d.share.part, "of_ads": d.share.n,
             "share_low": round(d.share.interval[0], 4), "share_high": round(d.share.interval[1], 4),
             "change_points": d.change.points, "direction": d.change.direction} for d in found]  # fmt: skip


@router.get("/firms/{firm_id}/market/needs", response=list[RankedNeedOut])
def needs(request: PersonRequest, firm_id: int) -> object:
    firm, _ = firm_get_for_user(request.user, firm_id, perm=AuditPerm.VIEW_REPORT)
    return [{"skill_uri": n.uri, "skill": n.label, "priority": n.priority, "weighted": n.weighted,
             "reason": n.reason} for n in firm_needs(firm)]  # fmt: skip


@router.get("/clusters/{cluster_id}/market/briefings", response=list[BriefingOut])
def briefing_list(request: PersonRequest, cluster_id: int) -> object:
    cluster, _ = cluster_get_for_user(request.user, cluster_id, perm=IntelligencePerm.VIEW)
    return [{"id": b.pk, "title": b.title, "published_at": b.published_at.isoformat() if b.published_at else "",
             "items": [{"kind": i.kind, "heading": i.heading, "note": i.note} for i in items(b)]}
            for b in briefings(cluster, published_only=True)]  # fmt: skip

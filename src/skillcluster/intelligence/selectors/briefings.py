"""Reads of news and briefings, and a firm's digest of a briefing: the rising skills it names that the firm
lacks (its people are short of them, or nobody of it holds them)."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext

from skillcluster.audits.models import SkillLevel
from skillcluster.intelligence.models import Ad, Briefing, BriefingItem, ItemKind, NewsItem
from skillcluster.intelligence.selectors.demand import counted_ads
from skillcluster.intelligence.selectors.ranking import firm_needs
from skillcluster.tenancy.models import Cluster, Firm


def news(cluster: Cluster) -> QuerySet[NewsItem]:
    return NewsItem.all_objects.filter(cluster=cluster)


def briefings(cluster: Cluster, *, published_only: bool = False) -> QuerySet[Briefing]:
    found = Briefing.all_objects.filter(cluster=cluster)
    return found.filter(published_at__isnull=False).order_by("-published_at") if published_only else found


def latest_published(cluster_id: int) -> Briefing | None:
    return (
        Briefing.all_objects.filter(cluster_id=cluster_id, published_at__isnull=False).order_by("-published_at").first()
    )


def items(briefing: Briefing) -> QuerySet[BriefingItem]:
    return briefing.items.select_related("skill", "ad", "news")


def notable_ads(cluster: Cluster) -> QuerySet[Ad]:
    return counted_ads(cluster.pk).order_by("-published_on", "-pk")[:30]


@dataclass(frozen=True)
class DigestLine:
    item: BriefingItem
    why: str  # "3 of your 5 people below the required level" or "nobody in your firm holds it"


def digest(firm: Firm, briefing: Briefing) -> list[DigestLine]:
    """The briefing's rising skills that the firm lacks, with why."""
    rising = [(i, i.skill) for i in items(briefing) if i.kind == ItemKind.SKILL and i.skill is not None]
    if not rising:
        return []
    needs = {n.uri: n.supply for n in firm_needs(firm)}
    held = set(SkillLevel.all_objects.filter(firm=firm, level__gte=2).values_list("skill_id", flat=True))
    lines = []
    for item, skill in rising:
        if skill.uri in needs:
            lines.append(DigestLine(item, needs[skill.uri]))
        elif skill.pk not in held:
            lines.append(DigestLine(item, gettext("nobody in your firm holds it at level 2 or more")))
    return lines

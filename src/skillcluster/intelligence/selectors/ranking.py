"""Training needs re-ranked by what the market asks: the cluster's (the audit's figures the anonymity floor lets
out) and one firm's (its gap report), each with the reason in words. Pooling's demand view reads the cluster's."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from skillcluster.audits.selectors.aggregates import cluster_training_needs
from skillcluster.audits.selectors.reports import gap_report
from skillcluster.intelligence.domain import demand as rules
from skillcluster.intelligence.selectors.demand import YEAR, SkillDemand, counted_ads, skill_demand
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.models import Cluster, Firm


@dataclass(frozen=True)
class RankedNeed:
    uri: str
    label: str
    priority: int  # the audit's: Σ (required - current) × importance
    weighted: float  # × the market weight
    share: rules.Share
    change: rules.Change | None
    reason: str  # in the active language when it was ranked
    supply: str  # the reason's part on the firm's or the cluster's people ("3 of your 5 people below …")


def _ranked(rows: list[tuple[str, str, int, str]], cluster_id: int, today: dt.date | None) -> list[RankedNeed]:
    """rows: (skill URI, label, the audit's priority, the supply in words)."""
    day = today or timezone.localdate()
    ids = dict(Skill.objects.filter(uri__in={r[0] for r in rows}).values_list("uri", "pk"))
    market: dict[int, SkillDemand] = skill_demand(cluster_id, today=day)
    n_ads = counted_ads(cluster_id).filter(published_on__gt=day - YEAR, published_on__lte=day).count()
    ranked = []
    for uri, label, priority, supply in rows:
        found = market.get(ids.get(uri, 0))
        share = found.share if found else rules.Share(0, n_ads)
        trend = found.change if found else None
        ranked.append(RankedNeed(uri, label, priority, round(priority * rules.weight(share), 1), share, trend,
                                 rules.reason(label, share, trend, supply), supply))  # fmt: skip
    return sorted(ranked, key=lambda r: (-r.weighted, -r.priority, r.label))


def firm_needs(firm: Firm, *, today: dt.date | None = None) -> list[RankedNeed]:
    report = gap_report(firm)
    asked: dict[str, set[int | str]] = defaultdict(set)
    for line in report.lines:
        asked[line.skill_uri].add(line.person_id)
    rows = [(n.skill_uri, n.label, n.priority, rules.firm_supply(len(n.people), len(asked[n.skill_uri])))
            for n in report.needs]  # fmt: skip
    return _ranked(rows, firm.cluster_id, today)


def cluster_needs(cluster: Cluster, *, today: dt.date | None = None) -> list[RankedNeed]:
    rows = [(n.skill_uri, n.label, n.priority, rules.cluster_supply(n.people_short, n.firms_short))
            for n in cluster_training_needs(cluster)]  # fmt: skip
    return _ranked(rows, cluster.pk, today)

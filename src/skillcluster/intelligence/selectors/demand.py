"""What the market asks for, from the cluster's ads: counted are the ads of finished imports that are not
duplicates, in the last year (and the year before, for the change); skills by the links that count
(accepted or confirmed). A handful of grouped queries whatever the number of ads."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Min, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from skillcluster.audits.models import SkillLevel
from skillcluster.intelligence.domain.demand import Change, Share, change
from skillcluster.intelligence.models import COUNTED, Ad, AdImport, AdSkill, ImportStatus, LinkStatus
from skillcluster.taxonomy.domain.categories import Category
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.models import Cluster

YEAR = dt.timedelta(days=365)
WATCHED = (Category.MARKETING, Category.TRANSVERSAL, Category.DIGITAL)  # the seed's neglected skills, first
SHOWN = (*WATCHED, Category.LANGUAGES, Category.MANAGEMENT, Category.PRODUCTION)


def counted_ads(cluster_id: int) -> QuerySet[Ad]:
    return Ad.all_objects.filter(cluster_id=cluster_id, duplicate_of__isnull=True, source__status=ImportStatus.DONE)


@dataclass(frozen=True)
class SkillDemand:
    skill: Skill
    share: Share  # of the last year's ads
    change: Change  # against the year before


def skill_demand(cluster_id: int, *, today: dt.date | None = None) -> dict[int, SkillDemand]:
    """Every skill asked in the last two years: its share of the last year's ads and the change."""
    today = today or timezone.localdate()
    ads = counted_ads(cluster_id)
    now = ads.filter(published_on__gt=today - YEAR, published_on__lte=today)
    before = ads.filter(published_on__gt=today - 2 * YEAR, published_on__lte=today - YEAR)
    n_now, n_before = now.count(), before.count()
    links = AdSkill.objects.filter(status__in=COUNTED)
    parts = {
        name: dict(links.filter(ad__in=rows).values_list("skill_id").annotate(n=Count("ad", distinct=True)).order_by())
        for name, rows in (("now", now), ("before", before))
    }  # fmt: skip
    skills = Skill.objects.in_bulk(set(parts["now"]) | set(parts["before"]))
    return {
        pk: SkillDemand(skill, Share(parts["now"].get(pk, 0), n_now),
                        change(Share(parts["now"].get(pk, 0), n_now), Share(parts["before"].get(pk, 0), n_before)))
        for pk, skill in skills.items()
    }  # fmt: skip


@dataclass(frozen=True)
class CategoryRow:
    label: str
    asked: Share  # share of the last year's ads asking at least one skill of the category
    held: Share  # share of the cluster's rated people holding one at level 2 or more


@dataclass(frozen=True)
class Demand:
    ads: int  # counted in the last year
    ads_before: int
    duplicates: int
    months: list[tuple[str, int, int]]  # "2026-03", ads, percent of the busiest month (for the chart)
    regions: list[tuple[str, int]]
    occupations: list[tuple[str, int]]
    skills: list[SkillDemand]  # most asked first
    rising: list[SkillDemand]
    falling: list[SkillDemand]
    categories: list[CategoryRow]
    to_review: int


def demand(cluster: Cluster, *, today: dt.date | None = None) -> Demand:
    today = today or timezone.localdate()
    ads = counted_ads(cluster.pk)
    last_year = ads.filter(published_on__gt=today - YEAR, published_on__lte=today)
    by_skill = skill_demand(cluster.pk, today=today)
    ranked = sorted(by_skill.values(), key=lambda d: (-d.share.part, d.skill.preferred_label))
    months = Counter(
        {m.strftime("%Y-%m"): n for m, n in ads.filter(published_on__gt=today - 2 * YEAR)
         .annotate(month=TruncMonth("published_on")).values_list("month").annotate(n=Count("pk")).order_by()}
    )  # fmt: skip
    busiest = max(months.values(), default=0) or 1
    return Demand(
        ads=last_year.count(),
        ads_before=ads.filter(published_on__gt=today - 2 * YEAR, published_on__lte=today - YEAR).count(),
        duplicates=Ad.all_objects.filter(cluster=cluster, duplicate_of__isnull=False).count(),
        months=[(m, n, round(100 * n / busiest)) for m, n in sorted(months.items())],
        regions=list(last_year.values_list("region").annotate(n=Count("pk")).order_by("-n", "region")),
        occupations=[
            (label, n)
            for label, n in last_year.filter(occupation__isnull=False)
            .values_list("occupation__preferred_label")
            .annotate(n=Count("pk"))
            .order_by("-n")[:12]
        ],
        skills=ranked[:25],
        rising=sorted((d for d in ranked if d.change.direction == "rising"), key=lambda d: -d.change.low)[:10],
        falling=sorted((d for d in ranked if d.change.direction == "falling"), key=lambda d: d.change.high)[:10],
        categories=_categories(cluster, last_year),
        to_review=AdSkill.objects.filter(ad__in=ads, status=LinkStatus.REVIEW).count(),
    )


def _categories(cluster: Cluster, last_year: QuerySet[Ad]) -> list[CategoryRow]:
    n_ads = last_year.count()
    people = SkillLevel.all_objects.filter(firm__cluster=cluster).values("person_id").distinct().count()
    asked = dict(
        last_year.filter(skills__status__in=COUNTED).values_list("skills__skill__categories__category")
        .annotate(n=Count("pk", distinct=True)).order_by()
    )  # fmt: skip
    held = dict(
        SkillLevel.all_objects.filter(firm__cluster=cluster, level__gte=2).values_list("skill__categories__category")
        .annotate(n=Count("person_id", distinct=True)).order_by()
    )  # fmt: skip
    return [CategoryRow(c.label, Share(asked.get(c.value, 0), n_ads), Share(held.get(c.value, 0), people))
            for c in SHOWN]  # fmt: skip


def imports(cluster: Cluster) -> QuerySet[AdImport]:
    return AdImport.all_objects.filter(cluster=cluster).select_related("created_by")


@dataclass(frozen=True)
class Uncertain:
    """One sentence and one skill the linker was unsure of, in however many ads it occurs."""

    link: AdSkill  # one of them, for the decision
    ads: int


def to_review(cluster: Cluster, *, limit: int = 40) -> list[Uncertain]:
    """The uncertain (sentence, skill) pairs, those in the most ads first: one decision settles each."""
    pending = AdSkill.objects.filter(ad__in=counted_ads(cluster.pk), status=LinkStatus.REVIEW)
    top = (
        pending.values("sentence", "skill_id")
        .annotate(n=Count("ad", distinct=True), first=Min("pk"))
        .order_by("-n", "-first")[:limit]
    )
    rows = {row["first"]: row["n"] for row in top}
    links = AdSkill.objects.select_related("skill", "ad").in_bulk(list(rows))
    return [Uncertain(links[pk], n) for pk, n in rows.items()]

"""Demo seed step for market intelligence: two years of job ads written for each demo cluster (footwear in
Fermo–Macerata, plastics in Upper Austria; `domain/demo_data.py`), with re-posts and junk rows, imported as a manager
would (a CSV file through the import service: the junk is reported, the re-posts counted once) and linked to
ESCO. Idempotent: a cluster with ads is kept."""

import csv
import datetime as dt
import io

from django.utils import timezone

from skillcluster.intelligence.domain import demo_data
from skillcluster.intelligence.domain.ads import read
from skillcluster.intelligence.models import Ad, NewsItem
from skillcluster.intelligence.selectors.demand import to_review
from skillcluster.intelligence.services import briefings
from skillcluster.intelligence.services.extraction import decide, extract
from skillcluster.intelligence.services.imports import ads_store, check_ads_import
from skillcluster.seeding import SeedContext
from skillcluster.taxonomy.models import Skill
from skillcluster.taxonomy.selectors.indexes import linker
from skillcluster.tenancy.domain.roles import ClusterRoleKind
from skillcluster.tenancy.models import Cluster, ClusterRole, Firm, Person
from skillcluster.tenancy.selectors import cluster_access


def seed(ctx: SeedContext) -> None:
    footwear = ctx.shared.get("cluster")
    if not isinstance(footwear, Cluster) or not Skill.objects.exists():
        return
    plastics = Cluster.all_objects.exclude(pk=footwear.pk).filter(nuts_region__startswith="AT").first()
    for cluster, is_footwear, count in ((footwear, True, 340), (plastics, False, 90)):
        if cluster is None:
            continue
        if Ad.all_objects.filter(cluster=cluster).exists():
            ctx.out(f"Market intelligence: reusing the ads of {cluster.name}.")
            continue
        role = ClusterRole.all_objects.filter(cluster=cluster, role=ClusterRoleKind.MANAGER).select_related("person")
        manager = role.first()
        rng = ctx.rng(f"intelligence:{cluster.pk}")
        employers = [*Firm.all_objects.filter(cluster=cluster).values_list("legal_name", flat=True),
                     "Calzaturificio Adriatica S.p.A.", "Tecnosuole S.r.l.", "Kunststoff Mühlviertel GmbH"]  # fmt: skip
        found = demo_data.ads(footwear=is_footwear, count=count, employers=employers, today=timezone.localdate(),
                              seed=rng.randrange(10**6))  # fmt: skip
        found += demo_data.reposts(found, rng, 12)
        name, data = f"job-ads-{'fermo' if is_footwear else 'linz'}-2y.csv", _csv(found, is_footwear)
        if manager is not None:
            source = check_ads_import(access=cluster_access(manager.person, cluster), cluster=cluster, name=name,
                                      data=data, actor=manager.person)  # fmt: skip
        else:  # a network run without a manager yet: the support organisation loaded the file for it
            rows, problems = read(data, today=timezone.localdate())
            source = ads_store(cluster=cluster, name=name, rows=rows, problems=problems, actor=None)
        done = extract(source=source, skills=linker("skill", wait=True), occupations=linker("occupation", wait=True))
        reviewed = _review(cluster, found, manager.person if manager else None)
        if is_footwear and manager is not None:
            _briefing(cluster, manager.person)
        ctx.out(f"Market intelligence: {done.added} ads of {cluster.name} linked ({done.duplicates} re-posts "
                f"counted once, {len(done.problems)} junk rows reported, {done.sentences} sentences, the "
                f"{reviewed} most frequent uncertain links reviewed).")  # fmt: skip


def _csv(found: list[demo_data.DemoAd], with_junk: bool) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["title", "text", "date", "employer", "place", "region", "url"])
    writer.writeheader()
    for ad in sorted(found, key=lambda a: a.published_on):
        writer.writerow({"title": ad.title, "text": ad.text, "date": ad.published_on.isoformat(),
                         "employer": ad.employer, "place": ad.place, "region": ad.region, "url": ad.url})  # fmt: skip
    for row in demo_data.JUNK if with_junk else []:
        writer.writerow(row)
    return out.getvalue().encode()


def _review(cluster: Cluster, found: list[demo_data.DemoAd], manager: Person | None, count: int = 25) -> int:
    """The manager's first look at the review: the most frequent uncertain links, confirmed when the demo's hand
    label of that sentence accepts the skill, rejected otherwise (later ads with the sentence follow)."""
    accepted = {(sentence, label) for pool in (demo_data.FOOTWEAR, demo_data.PLASTICS) for pairs in pool.values()
                for sentence, labels in pairs for label in labels.split("|")}  # fmt: skip
    extra = [*demo_data.COMMON, *((sentence, labels) for sentence, labels, _, _ in demo_data.RISING)]
    accepted |= {(sentence, label) for sentence, labels in extra for label in labels.split("|")}
    uncertain = to_review(cluster, limit=count)
    for item in uncertain:
        verdict = "confirmed" if (item.link.sentence, item.link.skill.preferred_label) in accepted else "rejected"
        decide(link=item.link, verdict=verdict, actor=manager)
    return len(uncertain)


def _briefing(cluster: Cluster, manager: Person) -> None:
    """News from the district's feed, and the autumn briefing published with the rising skills, an ad and the
    news, each with the manager's note."""
    access = cluster_access(manager, cluster)
    briefings.check_feed_import(access=access, cluster=cluster, data=demo_data.FEED, actor=manager)
    for days_ago, (title, text) in enumerate(demo_data.NEWS):
        pasted = briefings.check_news_paste(access=access, cluster=cluster, title=title, text=text, url="",
                                            actor=manager)  # fmt: skip
        NewsItem.all_objects.filter(pk=pasted.pk).update(
            published_on=timezone.localdate() - dt.timedelta(days=4 * days_ago + 2)
        )
    draft = briefings.check_briefing_create(
        access=access, cluster=cluster, title="Market briefing, autumn 2026", actor=manager,
        intro="Online sales and social media keep rising in the district's job ads, while hand stitching fades. "
              "Below: the skills to watch, one ad worth reading, and three pieces of news.",
    )  # fmt: skip
    first = draft.items.first()
    if first is not None:
        briefings.check_item_note(access=access, item=first, note="A pooled course on this is in the catalogue; ask "
                                                                  "the cluster office for a seat.")  # fmt: skip
    ad = Ad.all_objects.filter(cluster=cluster, duplicate_of__isnull=True, title__startswith="E-commerce").first()
    if ad is not None:
        briefings.check_item_add(access=access, briefing=draft, ad=ad,
                                 note="What a growing firm of the district asks of its online seller.")  # fmt: skip
    for news in NewsItem.all_objects.filter(cluster=cluster).order_by("-published_on")[:3]:
        briefings.check_item_add(access=access, briefing=draft, news=news, note="")
    briefings.check_publish(access=access, briefing=draft, notify=False)

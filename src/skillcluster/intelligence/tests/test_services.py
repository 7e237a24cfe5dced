"""Importing ads and linking their skills: all usable rows or nothing, a report for the rest, duplicates of
stored ads counted once, decisions reused, and the figures built on what was linked."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from skillcluster.intelligence.domain.demand import Share
from skillcluster.intelligence.models import Ad, AdImport, AdSkill, LinkDecision
from skillcluster.intelligence.selectors.demand import demand, skill_demand
from skillcluster.intelligence.services.extraction import decide, extract
from skillcluster.intelligence.services.imports import check_ads_import
from skillcluster.intelligence.tests.conftest import ads_csv
from skillcluster.tenancy.domain.permissions import Access, Roles, Scope
from skillcluster.tenancy.domain.roles import ClusterRoleKind

MANAGER = Access(Scope.CLUSTER, Roles(cluster=frozenset({ClusterRoleKind.MANAGER})))
AUDITOR = Access(Scope.CLUSTER, Roles(cluster=frozenset({ClusterRoleKind.AUDITOR})))


def _day(days_ago: int) -> str:
    return (timezone.localdate() - dt.timedelta(days=days_ago)).isoformat()


def test_a_bad_file_is_refused_whole_and_bad_rows_are_reported_not_stored(world, skills):
    with pytest.raises(ValidationError, match="Only the cluster manager"):
        check_ads_import(access=AUDITOR, cluster=world.cluster, name="a.csv", data=b"", actor=world.auditor)
    with pytest.raises(ValidationError, match="no column 'date'"):
        check_ads_import(access=MANAGER, cluster=world.cluster, name="a.csv", data=b"title,text\nx,y",
                         actor=world.cluster_manager)  # fmt: skip
    with pytest.raises(ValidationError, match=r"No usable ad in the file \(1 rows with problems\)\. The first: line 2"):
        check_ads_import(access=MANAGER, cluster=world.cluster, name="a.csv", data=ads_csv(("Cutter", "", _day(3))),
                         actor=world.cluster_manager)  # fmt: skip
    assert AdImport.all_objects.count() == Ad.all_objects.count() == 0
    source = check_ads_import(
        access=MANAGER, cluster=world.cluster, name="ads.csv", actor=world.cluster_manager,
        data=ads_csv(("Web seller", "You will run our online shop and its orders.", _day(10)),
                     ("Cutter", "", _day(3)), ("Seller", "Sell shoes at trade fairs abroad.", _day(-5))),
    )  # fmt: skip
    assert (source.rows, source.added, source.duplicates) == (3, 1, 0)
    assert [p["line"] for p in source.problems] == [3, 4]
    assert Ad.all_objects.get().region == world.cluster.nuts_region


def test_linking_keeps_the_span_reuses_decisions_and_feeds_the_figures(world, skills, lexical):
    rows = [("Web seller", "We are a small factory. You will run our online shop and its orders. Apply now.", _day(20)),
            ("Web seller", "We are a small factory. You will run our online shop and its orders. Apply now.", _day(15)),
            ("Cutter", "You will be cutting uppers and you will attend trade fairs.", _day(400))]  # fmt: skip
    source = check_ads_import(access=MANAGER, cluster=world.cluster, name="ads.csv", data=ads_csv(*rows),
                              actor=world.cluster_manager)  # fmt: skip
    assert (source.added, source.duplicates) == (2, 1)
    done = extract(source=source, skills=lexical)
    assert (done.status, done.progress) == ("done", 100)
    link = AdSkill.objects.get(skill=skills["e-commerce systems"])
    ad = link.ad
    assert ad.text[link.start : link.end] == link.sentence == "You will run our online shop and its orders."
    found = skill_demand(world.cluster.pk)
    ecom = found[skills["e-commerce systems"].pk]
    assert (ecom.share, ecom.change.before) == (Share(1, 1), Share(0, 1))  # the duplicate is not counted
    figures = demand(world.cluster)
    assert (figures.ads, figures.ads_before, figures.duplicates) == (1, 1, 1)
    decide(link=link, verdict="rejected", actor=world.cluster_manager)
    assert LinkDecision.all_objects.get().verdict == "rejected"
    again = check_ads_import(
        access=MANAGER,
        cluster=world.cluster,
        name="more.csv",
        actor=world.cluster_manager,
        data=ads_csv(("Shop", "You will run our online shop and its orders!", _day(2))),
    )
    extract(source=again, skills=lexical)
    assert skills["e-commerce systems"].pk not in skill_demand(world.cluster.pk)  # rejected in both ads: not counted
    assert set(AdSkill.objects.filter(ad__source=again).values_list("status", flat=True)) <= {"rejected", "accepted",
                                                                                              "review"}  # fmt: skip

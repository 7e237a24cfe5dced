"""News and briefings: a feed read (or refused whole), a briefing drafted with the rising skills, published
once, and each firm's digest of what rises and is missing in it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from skillcluster.audits.models import Rating, RoleAssignment
from skillcluster.audits.services import ratings, roles
from skillcluster.intelligence.domain import demo_data, news
from skillcluster.intelligence.domain.ads import FileError
from skillcluster.intelligence.models import NewsItem
from skillcluster.intelligence.selectors.briefings import digest
from skillcluster.intelligence.selectors.ranking import firm_needs
from skillcluster.intelligence.services import briefings
from skillcluster.intelligence.services.extraction import extract
from skillcluster.intelligence.services.imports import check_ads_import
from skillcluster.intelligence.tests.conftest import ads_csv
from skillcluster.intelligence.tests.test_services import AUDITOR, MANAGER
from skillcluster.tenancy.models import Membership


def test_a_feed_gives_its_entries_and_a_file_that_is_no_feed_is_refused() -> None:
    title, rows, problems = news.read_feed(demo_data.FEED, today=dt.date(2026, 11, 27))
    assert title == "Footwear district news (demo)"
    assert [(r.title[:20], r.published_on.isoformat()) for r in rows] == [
        ("MICAM Milano: regist", "2026-11-02"), ("Regional vouchers fo", "2026-11-12"),
        ("German buyers ask fo", "2026-11-20"),
    ]  # fmt: skip
    assert rows[0].text == "Small exhibitors can share a regional stand; the deadline for it is 15 December."
    assert problems == []
    _, _early, later = news.read_feed(demo_data.FEED, today=dt.date(2026, 11, 15))
    assert [p.message for p in later] == [
        "“German buyers ask for traceable leather” is dated in the future (2026-11-20)"
    ]
    with pytest.raises(FileError, match="Not an RSS or Atom feed"):
        news.read_feed(b"title,text\nnot,a feed", today=dt.date(2026, 11, 27))


def _rising(world, skills, lexical) -> None:
    """E-commerce in 1 of 4 ads the year before, in 16 of 16 last year: rising beyond doubt."""
    rows = [(f"Seller {i}", f"Shop {i} sells shoes. You will run our online shop, number {i}.",
             (timezone.localdate() - dt.timedelta(days=10 + i)).isoformat()) for i in range(16)]  # fmt: skip
    rows += [(f"Cutter {i}", f"Firm {i} cuts leather. You will be cutting uppers, line {i}.",
              (timezone.localdate() - dt.timedelta(days=400 + i)).isoformat()) for i in range(3)]  # fmt: skip
    rows += [
        (
            "Old seller",
            "An old shop. You will run our online shop.",
            (timezone.localdate() - dt.timedelta(days=500)).isoformat(),
        )
    ]
    source = check_ads_import(access=MANAGER, cluster=world.cluster, name="ads.csv", data=ads_csv(*rows),
                              actor=world.cluster_manager)  # fmt: skip
    extract(source=source, skills=lexical)


def test_a_briefing_starts_with_the_rising_skills_and_is_published_once(
    world, skills, lexical, mailoutbox, django_capture_on_commit_callbacks
):
    _rising(world, skills, lexical)
    with pytest.raises(ValidationError, match="Only the cluster manager"):
        briefings.check_briefing_create(access=AUDITOR, cluster=world.cluster, title="X", intro="", actor=world.auditor)
    draft = briefings.check_briefing_create(access=MANAGER, cluster=world.cluster, title="Autumn", intro="",
                                            actor=world.cluster_manager)  # fmt: skip
    (item,) = draft.items.all()
    assert item.heading == "e-commerce systems: in 100 % of the region's ads in the last year (n = 16), +75 points"
    pasted = briefings.check_news_paste(access=MANAGER, cluster=world.cluster, title="MICAM opens", text="Stands.",
                                       url="", actor=world.cluster_manager)  # fmt: skip
    briefings.check_item_add(access=MANAGER, briefing=draft, news=pasted, note="Share a stand.")
    with django_capture_on_commit_callbacks(execute=True):
        briefings.check_publish(access=MANAGER, briefing=draft)
    assert sorted(m.to[0] for m in mailoutbox) == ["manager@example.org", "owner@example.org"]
    with pytest.raises(ValidationError, match="published; start a new one"):
        briefings.check_item_note(access=MANAGER, item=item, note="late")
    assert NewsItem.all_objects.count() == 1


def test_a_firm_s_digest_names_what_rises_and_it_lacks_and_the_copy_is_the_firm_s(world, skills, lexical, client_for):
    _rising(world, skills, lexical)
    role = roles.role_create(firm=world.firm, title="Web seller")
    roles.requirement_add(role=role, skill=skills["e-commerce systems"], level=3, importance=3)
    RoleAssignment.objects.create(role=role, membership=Membership.objects.get(person=world.employee))
    ratings.do_ratings_add(ratings=[Rating(firm=world.firm, person=world.employee, skill=skills["e-commerce systems"],
                                           level=1, source="manager", rated_by=world.owner)])  # fmt: skip
    roles.requirement_add(role=role, skill=skills["cut footwear uppers"], level=4, importance=3)  # gap 4 x 3 = 12
    # e-commerce: gap 2 x 3 = 6, in 16 of the last year's 16 ads: 6 x (1 + 4 x 1) = 30, above cutting's 12 (in 3
    # of the 4 ads the year before, none since: falling, and weighed x 1)
    assert [(n.label, n.priority, n.weighted, n.reason) for n in firm_needs(world.firm)] == [
        ("e-commerce systems", 6, 30.0, "e-commerce systems: in 100 % of regional ads (n = 16), +75 points in a "
                                        "year; 1 of your 1 person below the required level"),
        ("cut footwear uppers", 12, 12.0, "cut footwear uppers: in 0 % of regional ads (n = 16), -75 points in a "
                                          "year; 1 of your 1 person below the required level"),
    ]  # fmt: skip
    draft = briefings.check_briefing_create(access=MANAGER, cluster=world.cluster, title="Autumn", intro="",
                                            actor=world.cluster_manager)  # fmt: skip
    briefings.check_publish(access=MANAGER, briefing=draft, notify=False)
    (line,) = digest(world.firm, draft)
    assert line.why == "1 of your 1 person below the required level"
    url = reverse("intelligence_briefing_firm", args=[world.firm.pk, draft.pk])
    page = client_for(world.owner).get(url).content.decode()
    assert "Rising in your sector, missing in Calzaturificio Rossi S.r.l." in page
    employee = client_for(world.employee).get(url).content.decode()
    assert "e-commerce systems" in employee
    assert "missing in Calzaturificio" not in employee  # the digest is the audit's: owner and managers
    pdf = client_for(world.owner).get(reverse("intelligence_briefing_pdf", args=[world.firm.pk, draft.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert client_for(world.outsider).get(url).status_code == 404


def test_a_followed_feed_is_fetched_by_the_worker_and_a_failure_is_kept_in_words(world, skills):
    from django.core.management import call_command

    from skillcluster.intelligence.models import FeedSource

    with pytest.raises(ValidationError, match="https:// address"):
        briefings.check_feed_source_add(access=MANAGER, cluster=world.cluster, url="http://x.org/feed",
                                        actor=world.cluster_manager)  # fmt: skip
    source = briefings.check_feed_source_add(access=MANAGER, cluster=world.cluster, url="https://news.example.org/rss",
                                             actor=world.cluster_manager)  # fmt: skip
    done = briefings.feed_fetch(source=source, download=lambda url: demo_data.FEED)
    assert (done.added_last, done.error) == (3, "")
    assert briefings.feed_fetch(source=source, download=lambda url: demo_data.FEED).added_last == 0  # known links
    failed = briefings.feed_fetch(source=source, download=lambda url: b"<html>not a feed</html>")
    assert failed.error.startswith("Not an RSS or Atom feed")

    def offline(url: str) -> bytes:
        raise OSError("Name or service not known")

    assert briefings.feed_fetch(source=source, download=offline).error == "Name or service not known"
    queued: list[int] = []

    class Queue:  # the task queue, without fetching anything (no network in tests)
        @staticmethod
        def enqueue(pk: int) -> None:
            queued.append(pk)

    from skillcluster.intelligence.management.commands import market

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(market, "fetch_feed", Queue)
        call_command("market", "fetch-feeds")
    assert queued == [FeedSource.all_objects.get().pk]

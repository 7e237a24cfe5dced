"""Writes of news and briefings: news from a feed file or pasted; a briefing drafted with the rising skills
(their figures frozen), ads and news added with the manager's notes, then published to the cluster's firms (the
owners and managers get an e-mail with the link)."""

import datetime as dt
import urllib.request
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from skillcluster.accreditation.services.credentials import site_url
from skillcluster.intelligence.domain import news as news_rules
from skillcluster.intelligence.domain.ads import FileError
from skillcluster.intelligence.domain.permissions import IntelligencePerm
from skillcluster.intelligence.models import Ad, Briefing, BriefingItem, FeedSource, ItemKind, NewsItem
from skillcluster.intelligence.selectors.demand import skill_demand
from skillcluster.mail import mail_after_commit
from skillcluster.taxonomy.selectors.labels import label_for
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.domain.roles import FirmRole
from skillcluster.tenancy.models import Cluster, Membership, Person
from skillcluster.tenancy.selectors import mail_language

RISING_IN_A_DRAFT = 5


def _manager(access: Access) -> None:
    if not access.has(IntelligencePerm.MANAGE):
        raise ValidationError(gettext("Only the cluster manager curates news and briefings."))


def check_feed_import(*, access: Access, cluster: Cluster, data: bytes, actor: Person) -> tuple[int, list[str]]:
    """The feed's entries as news (an entry whose link is stored already is skipped); (added, problems)."""
    _manager(access)
    return feed_store(cluster=cluster, data=data, actor=actor)


def feed_store(*, cluster: Cluster, data: bytes, actor: Person | None) -> tuple[int, list[str]]:
    try:
        name, rows, problems = news_rules.read_feed(data, today=timezone.localdate())
    except FileError as error:
        raise ValidationError({"file": str(error)}) from None
    known = set(NewsItem.all_objects.filter(cluster=cluster).exclude(url="").values_list("url", flat=True))
    fresh = [r for r in rows if not r.url or r.url not in known]
    NewsItem.all_objects.bulk_create(
        NewsItem(cluster=cluster, source=name[:200], title=r.title, text=r.text, url=r.url,
                 published_on=r.published_on, added_by=actor) for r in fresh
    )  # fmt: skip
    return len(fresh), [
        gettext("Entry %(line)s: %(message)s") % {"line": p.line, "message": p.message} for p in problems
    ]


MAX_FEED_BYTES = 5 * 1024 * 1024
FETCH_TIMEOUT_S = 20


def check_feed_source_add(*, access: Access, cluster: Cluster, url: str, actor: Person) -> FeedSource:
    _manager(access)
    url = url.strip()
    if not url.startswith("https://") or len(url) > 500:
        raise ValidationError({"url": gettext("Give the feed's https:// address (at most 500 characters).")})
    source, made = FeedSource.all_objects.get_or_create(cluster=cluster, url=url, defaults={"added_by": actor})
    if not made:
        raise ValidationError({"url": gettext("This feed is fetched already.")})
    return source


def _download(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "Skillcluster feed reader"})  # noqa: S310 -- https only
    with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_S) as answer:  # noqa: S310 -- https, checked above
        data: bytes = answer.read(MAX_FEED_BYTES + 1)
    if len(data) > MAX_FEED_BYTES:
        raise ValueError(f"the feed is larger than {MAX_FEED_BYTES:,} bytes")
    return data


def feed_fetch(*, source: FeedSource, download: Callable[[str], bytes] = _download) -> FeedSource:
    """Fetch one feed and store its new entries; a failure is kept on the source, in words, for the page."""
    try:
        added, _ = feed_store(cluster=source.cluster, data=download(source.url), actor=None)
        source.added_last, source.error = added, ""
    except (OSError, ValueError, ValidationError) as error:  # network, size, or not a feed
        message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        source.added_last, source.error = 0, message[:300]
    source.fetched_at = timezone.now()
    source.save(update_fields=["added_last", "error", "fetched_at"])
    return source


def check_news_paste(*, access: Access, cluster: Cluster, title: str, text: str, url: str, actor: Person) -> NewsItem:
    _manager(access)
    errors = {}
    if not title.strip() or len(title.strip()) > 300:
        errors["title"] = gettext("Give a title (at most 300 characters).")
    if len(text) > news_rules.MAX_TEXT:
        message = gettext("At most %(most)s characters; got %(got)s.")
        errors["text"] = message % {"most": f"{news_rules.MAX_TEXT:,}", "got": f"{len(text):,}"}
    if url.strip() and not url.strip().startswith(("https://", "http://")):
        errors["url"] = gettext("Expected an http(s) address.")
    if errors:
        raise ValidationError(errors)
    return NewsItem.all_objects.create(cluster=cluster, source="pasted", title=title.strip(), text=text.strip(),
                                       url=url.strip(), published_on=timezone.localdate(), added_by=actor)  # fmt: skip


def check_briefing_create(
    *, access: Access, cluster: Cluster, title: str, intro: str, actor: Person, today: dt.date | None = None
) -> Briefing:
    """A draft with the skills rising most, each with its figures of today."""
    _manager(access)
    if not title.strip() or len(title.strip()) > 200:
        raise ValidationError({"title": gettext("Give the briefing a title (at most 200 characters).")})
    rising = sorted((d for d in skill_demand(cluster.pk, today=today).values() if d.change.direction == "rising"),
                    key=lambda d: -d.change.low)[:RISING_IN_A_DRAFT]  # fmt: skip
    # Kept as written, in the manager's language: a skill's figures as of the draft's day.
    heading = gettext(
        "%(skill)s: in %(percent)s %% of the region's ads in the last year (n = %(n)s), %(points)s points"
    )
    with transaction.atomic():
        briefing = Briefing.all_objects.create(cluster=cluster, title=title.strip(), intro=intro.strip(),
                                               created_by=actor)  # fmt: skip
        BriefingItem.objects.bulk_create(
            BriefingItem(
                briefing=briefing,
                kind=ItemKind.SKILL,
                skill=d.skill,
                position=i,
                heading=heading
                % {
                    "skill": label_for(d.skill.uri, d.skill.preferred_label),
                    "percent": d.share.percent,
                    "n": d.share.n,
                    "points": f"{d.change.points:+d}",
                },
            )
            for i, d in enumerate(rising)
        )
    return briefing


def check_item_add(*, access: Access, briefing: Briefing, ad: Ad | None = None, news: NewsItem | None = None,
                   note: str = "") -> BriefingItem:  # fmt: skip
    _manager(access)
    _draft(briefing)
    if (ad is None) == (news is None):
        raise ValidationError(gettext("Add one ad or one news item at a time."))
    position = briefing.items.count()
    if ad is not None:
        heading = f"{ad.title}, {ad.employer or ad.place} ({ad.published_on:%d/%m/%Y})"
        return BriefingItem.objects.create(briefing=briefing, kind=ItemKind.AD, ad=ad, position=position, note=note,
                                           heading=heading)  # fmt: skip
    if news is None:  # unreachable: exactly one of the two, checked above
        raise ValidationError(gettext("Add one ad or one news item at a time."))
    return BriefingItem.objects.create(briefing=briefing, kind=ItemKind.NEWS, news=news, position=position,
                                       note=note, heading=news.title)  # fmt: skip


def check_item_note(*, access: Access, item: BriefingItem, note: str) -> BriefingItem:
    _manager(access)
    _draft(item.briefing)
    if len(note) > 2000:
        message = gettext("At most %(most)s characters; got %(got)s.")
        raise ValidationError({"note": message % {"most": f"{2000:,}", "got": f"{len(note):,}"}})
    item.note = note.strip()
    item.save(update_fields=["note"])
    return item


def check_item_remove(*, access: Access, item: BriefingItem) -> None:
    _manager(access)
    _draft(item.briefing)
    item.delete()


def check_publish(*, access: Access, briefing: Briefing, notify: bool = True) -> Briefing:
    """Published: every firm of the cluster reads it; owners and managers are told by e-mail (``notify``; the
    demo seed publishes without mailing its invented people)."""
    _manager(access)
    _draft(briefing)
    if not briefing.items.exists():
        raise ValidationError(gettext("Add at least one item before publishing."))
    briefing.published_at = timezone.now()
    briefing.save(update_fields=["published_at"])
    if not notify:
        return briefing
    leads = Membership.all_objects.filter(
        firm__cluster=briefing.cluster, firm__left_at__isnull=True, role__in=[FirmRole.OWNER, FirmRole.MANAGER]
    ).select_related("firm", "person")
    for lead in leads:  # each in their language
        link = site_url() + reverse("intelligence_briefing_firm", args=[lead.firm_id, briefing.pk])
        with translation.override(mail_language(lead.person.language, briefing.cluster)):
            message = gettext("The cluster's market briefing “%(title)s” is out, with what rises in your sector "
                              "and is missing in your firm: %(link)s")  # fmt: skip
        mail_after_commit(subject=f"{briefing.cluster}: {briefing.title}", recipients=[lead.person.email],
                          message=message % {"title": briefing.title, "link": link})  # fmt: skip
    return briefing


def _draft(briefing: Briefing) -> None:
    if briefing.published_at is not None:
        raise ValidationError(gettext("This briefing is published; start a new one to change it."))

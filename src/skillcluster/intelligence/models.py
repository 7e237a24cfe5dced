"""Market intelligence for a cluster: imports of job ads, the ads (with duplicates pointing to the ad kept),
the ESCO skills linked from each ad's sentences (with the span and a confidence), and the manager's decisions on
uncertain links, stored and reused for the same sentence. Everything belongs to a cluster (its market, not a
firm's data)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy
from django_scopes import ScopedManager

from skillcluster.intelligence.domain.ads import Problem
from skillcluster.taxonomy.models import Occupation, Skill
from skillcluster.tenancy.models import Cluster, Person


class ImportStatus(models.TextChoices):
    EXTRACTING = "extracting", gettext_lazy("Linking skills")
    DONE = "done", pgettext_lazy("an import", "Done")
    FAILED = "failed", pgettext_lazy("an import", "Failed")


class AdImport(models.Model):
    """One file of job ads. Its usable rows are stored together when it is read; skills are then linked in the
    background (``progress``), and its ads count in the figures once it is done."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)  # the file's name
    status = models.CharField(max_length=12, choices=ImportStatus.choices, default=ImportStatus.EXTRACTING)
    rows = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    # the rows not used and why: [{"line": 4, "text": "date %(date)s is in the future", "values": {…}, "message":
    # the English}], worded in the reader's language when shown (`problem_rows`)
    problems = models.JSONField(default=list)
    sentences = models.PositiveIntegerField(default=0)
    progress = models.PositiveSmallIntegerField(default=0)  # percent of the ads linked
    error = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(cluster="cluster")
    all_objects = models.Manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    @property
    def problem_rows(self) -> list[Problem]:
        """The report's rows, each `message` in the active language."""
        return [Problem.from_stored(p) for p in self.problems]


class Ad(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    source = models.ForeignKey(AdImport, on_delete=models.CASCADE, related_name="ads")
    line = models.PositiveIntegerField()  # in the imported file
    title = models.CharField(max_length=300)
    text = models.TextField()
    employer = models.CharField(max_length=200, blank=True)
    place = models.CharField(max_length=120, blank=True)
    region = models.CharField(max_length=5, blank=True)  # NUTS code; the cluster's region when the file gives none
    published_on = models.DateField(db_index=True)
    url = models.CharField(max_length=500, blank=True)
    fingerprint = models.CharField(max_length=32, db_index=True)
    signature = models.BinaryField(max_length=1024)  # MinHash (`domain/dedup.py`)
    duplicate_of = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    occupation = models.ForeignKey(Occupation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = ScopedManager(cluster="cluster")
    all_objects = models.Manager()

    class Meta:
        ordering = ["-published_on", "pk"]
        indexes = [models.Index(fields=["cluster", "published_on"])]


class LinkStatus(models.TextChoices):
    ACCEPTED = "accepted", pgettext_lazy("a skill link", "Linked")
    REVIEW = "review", pgettext_lazy("a skill link", "To review")
    CONFIRMED = "confirmed", pgettext_lazy("a skill link", "Confirmed")
    REJECTED = "rejected", pgettext_lazy("a skill link", "Rejected")


COUNTED = (LinkStatus.ACCEPTED, LinkStatus.CONFIRMED)  # the links demand figures count


class AdSkill(models.Model):
    ad = models.ForeignKey(Ad, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    sentence = models.CharField(max_length=500)
    start = models.PositiveIntegerField()  # the sentence's span in the ad's text
    end = models.PositiveIntegerField()
    confidence = models.FloatField()
    status = models.CharField(max_length=10, choices=LinkStatus.choices)

    class Meta:
        ordering = ["ad", "start", "-confidence"]
        constraints = [models.UniqueConstraint("ad", "skill", "start", name="intelligence_one_link_per_span")]
        indexes = [models.Index(fields=["skill", "status"])]


class LinkDecision(models.Model):
    """The manager's verdict on a skill linked from a sentence; the same sentence in a later ad takes it."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    sentence_key = models.CharField(max_length=32)
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(max_length=10, choices=[(s.value, s.label) for s in (LinkStatus.CONFIRMED,
                                                                                    LinkStatus.REJECTED)])  # fmt: skip
    decided_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(cluster="cluster")
    all_objects = models.Manager()

    class Meta:
        constraints = [models.UniqueConstraint("cluster", "sentence_key", "skill", name="intelligence_one_decision")]


class NewsItem(models.Model):
    """A news item for the briefing: an entry of an RSS or Atom feed, or a text the manager pasted (a fair's
    exhibitor list, a tender, an article)."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=200)  # the feed's title, or "pasted"
    title = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    published_on = models.DateField()
    added_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(cluster="cluster")
    all_objects = models.Manager()

    class Meta:
        ordering = ["-published_on", "-pk"]
        constraints = [models.UniqueConstraint("cluster", "url", condition=~models.Q(url=""), name="news_once")]


class Briefing(models.Model):
    """The manager's periodic briefing: rising skills (their figures frozen when added), notable ads and news,
    each with a note; published to the cluster's firms as a page, a PDF and an e-mail."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    intro = models.TextField(blank=True)
    created_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(cluster="cluster")
    all_objects = models.Manager()

    class Meta:
        ordering = ["-created_at", "-pk"]


class ItemKind(models.TextChoices):
    SKILL = "skill", gettext_lazy("Skill in demand")
    AD = "ad", gettext_lazy("Notable ad")
    NEWS = "news", pgettext_lazy("a briefing item", "News")


class BriefingItem(models.Model):
    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=5, choices=ItemKind.choices)
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    ad = models.ForeignKey(Ad, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    news = models.ForeignKey(NewsItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    heading = models.CharField(max_length=300)  # what the firms read: the skill with its figures, the ad's title
    note = models.TextField(blank=True)  # the manager's word on it
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]


class FeedSource(models.Model):
    """A feed the worker fetches on a schedule in production (`skillcluster market fetch-feeds`, from cron or a
    timer); never in tests or the demo, which read feed files."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    url = models.CharField(max_length=500)
    added_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    fetched_at = models.DateTimeField(null=True, blank=True)
    added_last = models.PositiveIntegerField(default=0)  # news items the last fetch added
    error = models.CharField(max_length=300, blank=True)  # why the last fetch failed, in words

    objects = ScopedManager(cluster="cluster")
    all_objects = models.Manager()

    class Meta:
        ordering = ["url"]
        constraints = [models.UniqueConstraint("cluster", "url", name="intelligence_feed_once")]

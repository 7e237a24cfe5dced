"""Skills audit records: firm roles mapped to ESCO occupations, their required skills, who holds which
role, append-only ratings with their source, the derived current level, and guided-audit campaigns.

Tenant-owned: every model is scoped to its firm (django-scopes); `all_objects` crosses tenants for the
seed, commands and the benchmark. Ratings are never updated or deleted (history is the audit trail);
`SkillLevel` is the one row per (firm, person, skill) that the current-level rule of `levels.py` picks,
kept by the rating service in the same transaction so aggregates can join it in SQL.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from skillcluster.audits.domain import levels
from skillcluster.audits.domain.levels import Source
from skillcluster.taxonomy.domain.categories import Category
from skillcluster.taxonomy.models import Occupation, Skill
from skillcluster.tenancy.models import Cluster, Firm, Membership, Person
from skillcluster.words import lazy_text

SOURCE_CHOICES = [
    (Source.SELF.value, pgettext_lazy("source of a rating", "self")),
    (Source.MANAGER.value, pgettext_lazy("source of a rating", "manager")),
    (Source.ASSESSOR.value, pgettext_lazy("source of a rating", "assessor")),
    (Source.CREDENTIAL.value, pgettext_lazy("source of a rating", "credential")),
]


class Role(models.Model):
    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="audit_roles")
    title = models.CharField(max_length=200)
    occupation = models.ForeignKey(Occupation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(firm="firm")
    all_objects = models.Manager()

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(Lower("title"), "firm", name="audits_role_unique_title")]

    def __str__(self) -> str:
        return self.title


class RoleRequirement(models.Model):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="requirements")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(help_text="Required level 1-4")
    importance = models.PositiveSmallIntegerField(default=2, help_text="1 useful, 2 important, 3 critical")

    objects = ScopedManager(firm="role__firm")
    all_objects = models.Manager()

    class Meta:
        constraints = [
            models.UniqueConstraint("role", "skill", name="audits_requirement_unique"),
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=4), name="audits_req_level_1_4"),
            models.CheckConstraint(
                condition=models.Q(importance__gte=1, importance__lte=3), name="audits_req_importance_1_3"
            ),
        ]
        # Covering: the cluster aggregate reads requirements by role without touching the table.
        indexes = [models.Index(fields=["role", "skill", "level", "importance"], name="audits_req_cover")]


class RoleAssignment(models.Model):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="assignments")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")

    objects = ScopedManager(firm="role__firm")
    all_objects = models.Manager()

    class Meta:
        constraints = [models.UniqueConstraint("role", "membership", name="audits_assignment_unique")]


class AppendOnlyQuerySet(models.QuerySet["Rating"]):
    def update(self, **kwargs: object) -> int:
        raise ValidationError("Ratings are append-only: add a new rating instead of changing one.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValidationError("Ratings are append-only: they are never deleted.")

    def erase_free_text(self) -> int:
        """The one change ratings ever take: erasing a person blanks the notes and links about them (which may
        name or describe them); levels, sources and dates stay, and so does every figure built on them."""
        return super().update(note="", evidence_url="")


class Rating(models.Model):
    """One rating of one person's skill, by one source, at one time. Append-only."""

    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=12, choices=SOURCE_CHOICES)
    rated_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    note = models.TextField(blank=True)
    evidence_url = models.URLField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Until when the rating counts toward the current level (`levels.VALIDITY`, a credential's expiry).
    valid_until = models.DateTimeField(null=True, blank=True)
    # What the rating rests on outside the audit, e.g. "urn:uuid:…" of a credential; revoking it withdraws it.
    reference = models.CharField(max_length=200, blank=True, db_index=True)

    objects = ScopedManager(firm="firm", _manager_class=models.Manager.from_queryset(AppendOnlyQuerySet))
    all_objects = models.Manager.from_queryset(AppendOnlyQuerySet)()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(level__lte=4), name="audits_rating_level_0_4")]
        indexes = [
            models.Index(fields=["firm", "person", "skill"], name="audits_rating_fps"),
            # A firm's latest rating by index alone: the cluster figures' cache key probes it once per firm.
            models.Index(fields=["firm", "id"], name="audits_rating_firm_latest"),
        ]

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValidationError("Ratings are append-only: add a new rating instead of changing one.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValidationError("Ratings are append-only: they are never deleted.")


class RatingWithdrawal(models.Model):
    """A rating that no longer counts (the credential behind it was revoked). Appended, like ratings: the
    rating itself stays unchanged in the history, and this row marks it."""

    rating = models.OneToOneField(Rating, on_delete=models.PROTECT, related_name="withdrawal")
    at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=200)

    objects = ScopedManager(firm="rating__firm")
    all_objects = models.Manager()


class SkillLevelManager(models.Manager["SkillLevel"]):
    """Keeps the derived table right: each row is what the current-level rule picks among the ratings."""

    def recompute(self, keys: Iterable[tuple[int, int, int]], *, now: datetime | None = None) -> None:
        """Set the row of each (firm, person, skill) to the rating the current-level rule of
        `domain/levels.py` picks at ``now`` among all its ratings; remove it when no rating counts any more."""
        now = now or timezone.now()
        by_firm: dict[int, set[tuple[int, int, int]]] = defaultdict(set)
        for key in keys:
            by_firm[key[0]].add(key)
        with transaction.atomic():
            for firm_id, firm_keys in by_firm.items():
                self._recompute_firm(firm_id, firm_keys, now)

    def refresh_lapsed(self, *, now: datetime | None = None) -> int:
        """Recompute the rows whose chosen rating has lapsed since (found by index); how many there were.
        Cluster figures call it before they read, so a lapsed rating never counts there either."""
        now = now or timezone.now()
        keys = set(self.filter(expires_at__lte=now).values_list("firm_id", "person_id", "skill_id"))
        if keys:
            self.recompute(keys, now=now)
        return len(keys)

    def _recompute_firm(self, firm_id: int, keys: set[tuple[int, int, int]], now: datetime) -> None:
        # One recomputation per firm at a time: two first ratings of the same skill, committed side by side,
        # would otherwise both insert its row (a unique-constraint error) or each miss the other's rating.
        # The lock waits for the other transaction; the reads below then see its ratings.
        list(Firm.all_objects.select_for_update().filter(pk=firm_id).values_list("pk"))
        people, skills = {k[1] for k in keys}, {k[2] for k in keys}
        candidates = _candidates(firm_id, keys, people, skills)
        existing = {
            (s.firm_id, s.person_id, s.skill_id): s
            for s in self.filter(firm_id=firm_id, person_id__in=people, skill_id__in=skills)
        }
        new, changed, lapsed = [], [], []
        for key in keys:
            found = candidates.get(key, [])
            winner = levels.current_rating([rating for _, rating in found], now=now)
            current = existing.get(key)
            if winner is None:
                lapsed += [current.pk] if current is not None else []
                continue
            values = {"level": winner.level, "source_rank": levels.SOURCE_RANK[winner.source],
                      "rating_id": next(pk for pk, rating in found if rating is winner),
                      "expires_at": winner.valid_until}  # fmt: skip
            if current is None:
                new.append(SkillLevel(firm_id=key[0], person_id=key[1], skill_id=key[2], **values))
            elif any(getattr(current, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(current, name, value)
                changed.append(current)
        self.filter(pk__in=lapsed).delete()
        self.bulk_create(new, batch_size=2000)
        self.bulk_update(changed, ["level", "source_rank", "rating", "expires_at"], batch_size=2000)


def _candidates(
    firm_id: int, keys: set[tuple[int, int, int]], people: set[int], skills: set[int]
) -> dict[tuple[int, int, int], list[tuple[int, levels.Rating]]]:
    """Every rating of the keys, as the pure rule sees it (the skill's id stands for its URI: it only groups)."""
    rows = (
        Rating.all_objects.filter(firm_id=firm_id, person_id__in=people, skill_id__in=skills)
        .annotate(withdrawn=Exists(RatingWithdrawal.all_objects.filter(rating=OuterRef("pk"))))
        .order_by("created_at", "pk")
        .values_list("pk", "person_id", "skill_id", "level", "source", "created_at", "valid_until", "withdrawn")
    )
    found: dict[tuple[int, int, int], list[tuple[int, levels.Rating]]] = defaultdict(list)
    for pk, person, skill, level, source, at, until, withdrawn in rows:
        if (firm_id, person, skill) in keys:
            found[(firm_id, person, skill)].append(
                (pk, levels.Rating(person, str(skill), level, Source(source), at, until, withdrawn))
            )
    return found


class SkillLevel(models.Model):
    """The current level of a person's skill in a firm: the rating the rule in `levels.py` picks.

    Kept by the rating services in the same transaction as the ratings; `expires_at` is the chosen rating's
    end of validity, so the rows whose rating has lapsed are found (and recomputed) by index.
    """

    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField()
    source_rank = models.PositiveSmallIntegerField()
    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="+")
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = ScopedManager(firm="firm")
    all_objects = SkillLevelManager()

    class Meta:
        constraints = [models.UniqueConstraint("person", "skill", "firm", name="audits_skilllevel_unique")]
        indexes = [
            models.Index(fields=["firm", "skill"], name="audits_skilllevel_fs"),
            # Covering: the cluster aggregate looks the level up by (person, skill, firm) from the index alone.
            models.Index(fields=["person", "skill", "firm", "level"], name="audits_skilllevel_cover"),
        ]


def _label_of(category: Category) -> Callable[[], str]:
    return lambda: category.label  # worded when read, in the language active then


class CategoryOverride(models.Model):
    """A cluster's own categories for one skill: where a skill has any row here, these are its categories in
    the cluster's reports instead of the ESCO mapping's (loaded from a reviewable file, see
    `services/category_overrides.py`)."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    category = models.CharField(max_length=20, choices=[(c.value, lazy_text(_label_of(c))) for c in Category])

    objects = ScopedManager(cluster="cluster")
    all_objects = models.Manager()

    class Meta:
        constraints = [models.UniqueConstraint("cluster", "skill", "category", name="audits_category_override_unique")]


class ImportReceipt(models.Model):
    """One applied skills-matrix file: its digest, so that a double click (or a second tab) never imports
    the same file twice, and who imported how many ratings when."""

    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64)  # sha256 of the file's bytes
    imported_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    imported_at = models.DateTimeField(default=timezone.now)
    ratings = models.PositiveIntegerField()

    objects = ScopedManager(firm="firm")
    all_objects = models.Manager()

    class Meta:
        indexes = [models.Index(fields=["firm", "digest"], name="audits_importreceipt_fd")]

    def __str__(self) -> str:
        return f"Import of {self.ratings} ratings into {self.firm} at {self.imported_at:%Y-%m-%d %H:%M}"


class CampaignStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("status of a skills audit", "in progress")
    DONE = "done", pgettext_lazy("status of a skills audit", "finished")


class AuditStep(models.TextChoices):
    ROLES = "roles", _("Roles")
    ASSIGN = "assign", _("Assign people")
    SELF = "self", _("Self ratings")
    MANAGER = "manager", _("Manager ratings")
    REPORT = "report", _("Gap report")


class AuditCampaign(models.Model):
    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="audit_campaigns")
    started_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField(max_length=8, choices=CampaignStatus.choices, default=CampaignStatus.OPEN)
    steps_done = models.JSONField(default=list)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(firm="firm")
    all_objects = models.Manager()

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint("firm", condition=models.Q(status="open"), name="audits_one_open_campaign_per_firm")
        ]


class ShownFigure(models.Model):
    """The firm contributions behind a cluster figure as last shown (`domain/publication.py`): the figure
    moves only when enough firms changed, so no reading can be subtracted from another to single one out."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=80)  # "sector:15:marketing", "area:15:T4", "need:<skill id>"
    contributions = models.JSONField(default=dict)
    shown_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(cluster="cluster")
    all_objects = models.Manager()

    class Meta:
        constraints = [models.UniqueConstraint("cluster", "key", name="audits_shown_figure_unique")]

    def __str__(self) -> str:
        return f"{self.cluster_id} {self.key}"


class ProposalStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("status of a proposed level", "waiting for confirmation")
    CONFIRMED = "confirmed", pgettext_lazy("status of a proposed level", "confirmed")
    DECLINED = "declined", pgettext_lazy("status of a proposed level", "declined")


class RatingProposal(models.Model):
    """A level proposed from outside the audit, e.g. after a pooled training the person attended (``origin``
    "training"). It does not count until the person's manager or an assessor confirms it: confirming adds a
    rating of the confirmer's source (they vouch for it), so the current-level rule stays the one in
    `domain/levels.py`; declining keeps the proposal, marked, in the history."""

    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField()
    origin = models.CharField(max_length=12, default="training")
    reference = models.CharField(max_length=200)  # what it rests on, e.g. "pooling:seat:12"
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING)
    decided_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    rating = models.OneToOneField(Rating, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    objects = ScopedManager(firm="firm")
    all_objects = models.Manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint("reference", "skill", name="audits_proposal_once_per_reference"),
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=4), name="audits_proposal_level_1_4"),
        ]

"""Skills audit records: firm roles mapped to ESCO occupations, their required skills, who holds which
role, append-only ratings with their source, the derived current level, and guided-audit campaigns.

Tenant-owned: every model is scoped to its firm (django-scopes); `all_objects` crosses tenants for the
seed, commands and the benchmark. Ratings are never updated or deleted (history is the audit trail);
`SkillLevel` is the one row per (firm, person, skill) that the current-level rule of `levels.py` picks,
kept by the rating service in the same transaction so aggregates can join it in SQL.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django_scopes import ScopedManager

from skillcluster.audits.domain.levels import SOURCE_RANK, Source
from skillcluster.taxonomy.models import Occupation, Skill
from skillcluster.tenancy.models import Firm, Membership, Person

SOURCE_CHOICES = [(source.value, source.value) for source in Source]


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

    objects = ScopedManager(firm="firm", _manager_class=models.Manager.from_queryset(AppendOnlyQuerySet))
    all_objects = models.Manager.from_queryset(AppendOnlyQuerySet)()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(level__lte=4), name="audits_rating_level_0_4")]
        indexes = [models.Index(fields=["firm", "person", "skill"], name="audits_rating_fps")]

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValidationError("Ratings are append-only: add a new rating instead of changing one.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValidationError("Ratings are append-only: they are never deleted.")


class SkillLevel(models.Model):
    """The current level of a person's skill in a firm: the rating the rule in `levels.py` picks."""

    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField()
    source_rank = models.PositiveSmallIntegerField()
    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="+")

    objects = ScopedManager(firm="firm")
    all_objects = models.Manager()

    class Meta:
        constraints = [models.UniqueConstraint("person", "skill", "firm", name="audits_skilllevel_unique")]
        indexes = [
            models.Index(fields=["firm", "skill"], name="audits_skilllevel_fs"),
            # Covering: the cluster aggregate looks the level up by (person, skill, firm) from the index alone.
            models.Index(fields=["person", "skill", "firm", "level"], name="audits_skilllevel_cover"),
        ]

    @staticmethod
    def rank(source: str) -> int:
        return SOURCE_RANK[Source(source)]


class CampaignStatus(models.TextChoices):
    OPEN = "open", "in progress"
    DONE = "done", "finished"


class AuditStep(models.TextChoices):
    ROLES = "roles", "Roles"
    ASSIGN = "assign", "Assign people"
    SELF = "self", "Self ratings"
    MANAGER = "manager", "Manager ratings"
    REPORT = "report", "Gap report"


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

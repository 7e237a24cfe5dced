"""ESCO v1.1.1 inside the product: skills, skill groups, occupations, ISCO groups and their relations.

Global reference data, not tenant-owned: plain managers. Rows are identified by their ESCO URI, which the
loader upserts on, so primary keys (which other contexts point at) survive a reload.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from skillcluster.taxonomy.domain.categories import Category, CrossJobArea


class SkillType(models.TextChoices):
    SKILL = "skill/competence", _("skill/competence")
    KNOWLEDGE = "knowledge", _("knowledge")
    UNKNOWN = "", _("not stated")  # 6 skills in v1.1.1 have no type


class ReuseLevel(models.TextChoices):
    TRANSVERSAL = "transversal", pgettext_lazy("ESCO reuse level", "transversal")
    CROSS_SECTOR = "cross-sector", pgettext_lazy("ESCO reuse level", "cross-sector")
    SECTOR_SPECIFIC = "sector-specific", pgettext_lazy("ESCO reuse level", "sector-specific")
    OCCUPATION_SPECIFIC = "occupation-specific", pgettext_lazy("ESCO reuse level", "occupation-specific")
    UNKNOWN = "", _("not stated")


class Relation(models.TextChoices):
    ESSENTIAL = "essential", pgettext_lazy("ESCO occupation-skill relation", "essential")
    OPTIONAL = "optional", pgettext_lazy("ESCO occupation-skill relation", "optional")


class SkillGroup(models.Model):
    """A node of the skills hierarchy: a pillar (S, K, T, L) at level 0 down to level 3."""

    uri = models.CharField(max_length=200, unique=True)
    code = models.CharField(max_length=20, blank=True, db_index=True)  # "S4.3.1"; empty for ISCED-F groups
    isced_f = models.CharField(max_length=4, blank=True)  # "0414" for knowledge groups
    preferred_label = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    pillar = models.CharField(max_length=1)
    level = models.PositiveSmallIntegerField()
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")

    def __str__(self) -> str:
        return f"{self.code or self.isced_f} {self.preferred_label}".strip()

    def path(self) -> list["SkillGroup"]:
        """From the pillar down to this group (at most 4 rows, one query each)."""
        chain = [self]
        while (parent := chain[0].parent) is not None:
            chain.insert(0, parent)
        return chain


class Skill(models.Model):
    uri = models.CharField(max_length=200, unique=True)
    preferred_label = models.CharField(max_length=300, db_index=True)
    alt_labels = models.TextField(blank=True)  # newline separated, as in ESCO
    hidden_labels = models.TextField(blank=True)
    description = models.TextField(blank=True)
    skill_type = models.CharField(max_length=20, choices=SkillType.choices, blank=True)
    reuse_level = models.CharField(max_length=20, choices=ReuseLevel.choices, blank=True)
    in_transversal = models.BooleanField(default=False)  # ESCO collections
    in_digital = models.BooleanField(default=False)
    in_green = models.BooleanField(default=False)
    in_language = models.BooleanField(default=False)
    groups = models.ManyToManyField(SkillGroup, through="SkillGroupMembership", related_name="skills")

    def __str__(self) -> str:
        return self.preferred_label

    @property
    def alt_label_list(self) -> list[str]:
        return [label for label in self.alt_labels.split("\n") if label]


class SkillGroupMembership(models.Model):
    """A skill under one of its nearest groups (reached through broader skills where needed)."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="memberships")
    group = models.ForeignKey(SkillGroup, on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["skill", "group"], name="taxonomy_membership_unique")]


class SkillCategory(models.Model):
    """One category of a skill (a skill has one or more): a table so SQL can GROUP BY category."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="categories")
    category = models.CharField(max_length=20, choices=[(c.value, c.label) for c in Category])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["skill", "category"], name="taxonomy_category_unique")]
        indexes = [models.Index(fields=["category", "skill"], name="taxonomy_category_skill")]


class SkillCrossJobArea(models.Model):
    """Where a cross-job skill sits among ESCO's transversal groups (thinking, social, ...), for reports."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="cross_job_areas")
    area = models.CharField(max_length=20, choices=[(a.value, a.label) for a in CrossJobArea])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["skill", "area"], name="taxonomy_area_unique")]


class IscoGroup(models.Model):
    uri = models.CharField(max_length=200, unique=True)
    code = models.CharField(max_length=10, unique=True)
    preferred_label = models.CharField(max_length=300)
    description = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.code} {self.preferred_label}"


class Occupation(models.Model):
    uri = models.CharField(max_length=200, unique=True)
    code = models.CharField(max_length=40, blank=True)  # ESCO code, e.g. "2166.1"
    preferred_label = models.CharField(max_length=300, db_index=True)
    alt_labels = models.TextField(blank=True)
    hidden_labels = models.TextField(blank=True)
    description = models.TextField(blank=True)
    isco_group = models.CharField(max_length=10, db_index=True)  # IscoGroup.code
    broader = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="narrower")
    skills = models.ManyToManyField(Skill, through="OccupationSkill", related_name="occupations")

    def __str__(self) -> str:
        return self.preferred_label

    @property
    def alt_label_list(self) -> list[str]:
        return [label for label in self.alt_labels.split("\n") if label]


class OccupationSkill(models.Model):
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="skill_relations")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="occupation_relations")
    relation = models.CharField(max_length=10, choices=Relation.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["occupation", "skill"], name="taxonomy_occupation_skill_unique")]
        indexes = [models.Index(fields=["skill", "relation"], name="taxonomy_occskill_skill")]


class EscoLoad(models.Model):
    """One run of the loader: what it loaded. The latest row also keys the per-process search and
    linking indexes, so a reload is picked up without restarting."""

    loaded_at = models.DateTimeField(auto_now_add=True)
    version = models.CharField(max_length=20)
    counts = models.JSONField(default=dict)
    quirks = models.JSONField(default=list)
    seconds = models.FloatField(default=0)

    def __str__(self) -> str:
        return f"ESCO {self.version} loaded {self.loaded_at:%Y-%m-%d %H:%M}"


class ConceptLabel(models.Model):
    """A skill's or occupation's labels in another language, by ESCO URI, with the ESCO version they come from
    (`data/esco-i18n/PROVENANCE.md`). English stays in Skill and Occupation."""

    kind = models.CharField(max_length=10)  # "skill" or "occupation"
    uri = models.CharField(max_length=200, db_index=True)
    language = models.CharField(max_length=2)
    preferred_label = models.CharField(max_length=400)
    alt_labels = models.TextField(blank=True)  # one per line
    esco_version = models.CharField(max_length=12, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint("uri", "language", name="taxonomy_one_label_set_per_language")]

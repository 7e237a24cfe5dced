"""A firm's 12-month learning plan: items drawn from the diagnostic's recommendations, the gap report, booked
cohorts, mentoring agreements and the market briefing, or added by hand; each tagged with the learning component
it serves. Firms in crisis mode keep monthly check-ins instead of a full plan."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.models import Firm, Person

COMPONENT_CHOICES = [
    ("information_gathering", _("Information-gathering")),
    ("knowledge_acquisition", _("Knowledge acquisition")),
    ("competence_development", _("Competence development")),
]
KIND_CHOICES = [
    ("course", _("Course or workshop")), ("mentoring", _("Mentoring")), ("circle", _("Peer circle")),
    ("placement", _("Placement or shadowing")), ("briefing", _("Market watching")),
    ("review", _("Review or meeting")), ("other", pgettext_lazy("kind of action", "Other")),
]  # fmt: skip


class Plan(models.Model):
    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="+")
    starts_on = models.DateField()
    ends_on = models.DateField()
    created_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(firm="firm")
    all_objects = models.Manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="plan_span")]


class ItemStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("plan action status", "Planned")
    DONE = "done", pgettext_lazy("plan action status", "Done")
    DROPPED = "dropped", pgettext_lazy("plan action status", "Dropped")


class PlanItem(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(max_length=200)
    source = models.CharField(max_length=20, default="hand")  # diagnostic, gap, cohort, mentoring, briefing, hand
    source_ref = models.CharField(max_length=80, blank=True)  # what it came from (a rule code, a skill URI, an id)
    component = models.CharField(max_length=24, choices=COMPONENT_CHOICES)
    kind = models.CharField(max_length=10, choices=KIND_CHOICES, default="other")
    people = models.ManyToManyField(Person, related_name="+", blank=True)
    skills = models.ManyToManyField(Skill, related_name="+", blank=True)
    hours = models.DecimalField(max_digits=6, decimal_places=1)
    cost_cents = models.PositiveIntegerField(default=0)
    funding_cents = models.PositiveIntegerField(default=0)
    due_on = models.DateField()
    status = models.CharField(max_length=8, choices=ItemStatus.choices, default=ItemStatus.PLANNED)
    done_on = models.DateField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)  # the reminder of its due date went out
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gte=0), name="plan_item_hours"),
            models.CheckConstraint(condition=Q(funding_cents__lte=models.F("cost_cents")), name="plan_item_funding"),
        ]


class CheckIn(models.Model):
    """A crisis-mode firm's monthly two-minute check-in on its one next step."""

    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the month
    step = models.CharField(max_length=200)
    answer = models.CharField(
        max_length=8, choices=[("done", pgettext_lazy("check-in answer", "Done")), ("not_yet", _("Not yet"))]
    )
    obstacle = models.CharField(max_length=300, blank=True)  # what got in the way
    by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(firm="firm")
    all_objects = models.Manager()

    class Meta:
        ordering = ["-month", "-pk"]
        constraints = [models.UniqueConstraint("firm", "month", name="one_check_in_a_month")]

"""Pooled services of a cluster: the catalogue (services and their sessions), the firms' terms (budget, seat
cap, de minimis room), seat requests and booked seats, and the cohort plans that assign them.

A seat is a `SeatRequest` holding a session (`session` set, status ``booked``): one row per person and
service, so the cohort plan, a direct booking and attendance all speak of the same row. Booking locks the
session's row and counts its seats in the same transaction (`services/bookings.py`), so two owners taking
the last seat at once get one seat and one refusal, on SQLite and PostgreSQL alike.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.models import Cluster, Firm, Person

LANGUAGES = [("it", "Italiano"), ("en", "English"), ("de", "Deutsch"), ("fr", "Français"), ("es", "Español")]
# Public co-funding by EU size class, in percent, unless a service says otherwise (Skillnet-style: at most half
# for medium firms, more for the smallest).
DEFAULT_COFUNDING = {"micro": 60, "small": 50, "medium": 40, "large": 0}
SIZE_CLASSES = tuple(DEFAULT_COFUNDING)  # the EU size classes, smallest first


class ServiceKind(models.TextChoices):
    COURSE = "course", _("Training course")
    WORKSHOP = "workshop", _("Workshop")
    ADVISORY = "advisory", _("Advisory visit")
    SHARED = "shared", _("Shared service (marketing, export)")
    AUDIT = "audit", _("Skills-audit service")
    BRIEFING = "briefing", _("Market-intelligence briefing")


class ProviderKind(models.TextChoices):
    TRAINING_BODY = "training_body", _("Training body")
    SUPPORT_ORGANISATION = "support_org", _("The support organisation")
    MEMBER_EXPERT = "member_expert", _("An expert from a member firm")


class Service(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=ServiceKind.choices, default=ServiceKind.COURSE)
    description = models.TextField(blank=True)
    provider_kind = models.CharField(max_length=16, choices=ProviderKind.choices, default=ProviderKind.TRAINING_BODY)
    provider_name = models.CharField(max_length=200)
    provider_firm = models.ForeignKey(Firm, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    skills = models.ManyToManyField(Skill, related_name="+")
    target_level = models.PositiveSmallIntegerField(default=2, help_text="The level it teaches up to, 1-4")
    cofunding_percent = models.JSONField(default=dict, help_text="Public share by EU size class, 0-100")
    in_kind_cents = models.PositiveBigIntegerField(default=0, help_text="Value contributed in kind per session")
    created_at = models.DateTimeField(default=timezone.now)
    archived_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(cluster="cluster")
    all_objects = models.Manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_level__gte=1, target_level__lte=4), name="pooling_service_level_1_4"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def percent_for(self, size_class: str) -> int:
        return int({**DEFAULT_COFUNDING, **self.cofunding_percent}.get(size_class, 0))


class SessionStatus(models.TextChoices):
    OPEN = "open", _("Open for requests")
    CONFIRMED = "confirmed", _("Confirmed: it runs")
    CANCELLED = "cancelled", _("Cancelled")


class Session(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="sessions")
    label = models.CharField(max_length=120, help_text="e.g. 'Spring, Fermo'")
    language = models.CharField(max_length=2, choices=LANGUAGES, default="it")
    location = models.CharField(max_length=200, blank=True)
    seats_min = models.PositiveSmallIntegerField()
    seats_max = models.PositiveSmallIntegerField()
    price_cents = models.PositiveBigIntegerField(help_text="What the provider charges for the whole session")
    status = models.CharField(max_length=10, choices=SessionStatus.choices, default=SessionStatus.OPEN)
    starts_at = models.DateTimeField()  # the first meeting's start: kept by the service, for ordering
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(cluster="service__cluster")
    all_objects = models.Manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(seats_min__gte=1, seats_max__gte=models.F("seats_min")), name="pooling_session_seats"
            )
        ]

    def __str__(self) -> str:
        place = f", {self.location}" if self.location and self.location not in self.label else ""
        return f"{self.service.title} — {self.label}{place}"


class Meeting(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    objects = ScopedManager(cluster="session__service__cluster")
    all_objects = models.Manager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="pooling_meeting")]


class FirmTerms(models.Model):
    """What a firm sets for pooled services: its budget (what it pays itself, after co-funding), how many seats
    it takes at most, and the de minimis room it has left from aid received elsewhere (declared)."""

    firm = models.OneToOneField(Firm, on_delete=models.CASCADE, related_name="+")
    budget_cents = models.PositiveBigIntegerField(null=True, blank=True)
    seat_cap = models.PositiveSmallIntegerField(null=True, blank=True)
    de_minimis_room_cents = models.PositiveBigIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = ScopedManager(firm="firm")
    all_objects = models.Manager()


class RequestStatus(models.TextChoices):
    OPEN = "open", "Waiting for the cohorts"
    BOOKED = "booked", "Seat booked"
    CANCELLED = "cancelled", "Cancelled"


class SeatRequest(models.Model):
    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="requests")
    session = models.ForeignKey(Session, on_delete=models.PROTECT, null=True, blank=True, related_name="seats")
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    requested_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    languages = models.JSONField(default=list, help_text="Languages the person can follow a session in; [] any")
    created_at = models.DateTimeField(default=timezone.now)
    booked_at = models.DateTimeField(null=True, blank=True)
    # The last cohort plan's word on it when it got no seat (a code of `domain/explanations.py`, with figures).
    reason = models.JSONField(default=dict, blank=True)

    objects = ScopedManager(firm="firm")
    all_objects = models.Manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "person", "service", condition=~Q(status="cancelled"), name="pooling_one_live_request"
            ),
            models.CheckConstraint(
                condition=Q(status="booked", session__isnull=False) | ~Q(status="booked"), name="pooling_booked_seat"
            ),
        ]
        indexes = [models.Index(fields=["session", "status"], name="pooling_seat_session")]


class PlanStatus(models.TextChoices):
    FORMING = "forming", "Being formed"
    FAILED = "failed", "Could not be formed"
    DRAFT = "draft", "Proposed"
    CONFIRMED = "confirmed", "Confirmed"
    DISCARDED = "discarded", "Discarded"


class CohortPlan(models.Model):
    """One run of "form cohorts": what the solver decided and why, kept as it was shown. It is created
    ``forming`` when the manager presses the button and filled by a background task (`tasks.py`)."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    formed_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    formed_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    solver_status = models.CharField(max_length=12, blank=True)  # optimal, time limit, greedy
    objective = models.PositiveIntegerField(default=0)
    greedy_objective = models.PositiveIntegerField(default=0)
    need = models.PositiveIntegerField(default=0, help_text="Σ weight of every request the plan considered")
    bound = models.FloatField(null=True)
    solve_ms = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)  # why it could not be formed (status failed)
    seats = models.JSONField(default=dict)  # request id → session id
    reasons = models.JSONField(default=dict)  # request id → {code, session, figures, also}
    weights = models.JSONField(default=dict)  # request id → weight, as computed when formed
    conflicts = models.JSONField(default=list)
    fingerprint = models.CharField(max_length=64)  # the requests' states it was formed on (`services/cohorts.py`)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(cluster="cluster")
    all_objects = models.Manager()

    class Meta:
        ordering = ["-formed_at", "-pk"]


class Attendance(models.Model):
    """Whether the person of a booked seat attended its session, and how well the training fitted their work
    (1-5, their own word: the seed survey found poor tailoring the main complaint about training)."""

    seat = models.OneToOneField(SeatRequest, on_delete=models.CASCADE, related_name="attendance")
    attended = models.BooleanField()
    recorded_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    fit = models.PositiveSmallIntegerField(null=True, blank=True)
    fit_comment = models.CharField(max_length=500, blank=True)

    objects = ScopedManager(firm="seat__firm")
    all_objects = models.Manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(fit__isnull=True) | Q(fit__gte=1, fit__lte=5), name="pooling_attendance_fit_1_5"
            )
        ]

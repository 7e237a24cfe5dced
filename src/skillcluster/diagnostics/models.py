"""Diagnostic rounds, the firms in them, responses and staff invitations.

Tenant scoping: rounds belong to a cluster (`cluster` scope); the rest belongs to a firm (`firm` scope).
Cluster figures cross firms on purpose, in `aggregates.py`, through `all_objects` and only behind the
k >= 5 floor.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from skillcluster.tenancy.models import Cluster, Firm, Person


class DiagnosticRound(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="diagnostic_rounds")
    title = models.CharField(max_length=200)
    instrument_version = models.CharField(max_length=16, default="1")
    opens_on = models.DateField()
    deadline = models.DateField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Once answers leave in an export, the round's data is fixed: it can no longer be reopened.
    exported_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(cluster="cluster")
    all_objects = models.Manager()

    class Meta:
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("opens_on")), name="round_deadline_after_open"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class RoundReopening(models.Model):
    """A close undone, kept on record: who reopened the round, when, why, and when it had been closed."""

    round = models.ForeignKey(DiagnosticRound, on_delete=models.CASCADE, related_name="reopenings")
    closed_at = models.DateTimeField()
    closed_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    reopened_at = models.DateTimeField(default=timezone.now)
    reopened_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField()

    objects = ScopedManager(cluster="round__cluster")
    all_objects = models.Manager()

    class Meta:
        ordering = ["reopened_at", "id"]

    def __str__(self) -> str:
        return f"{self.round} reopened {self.reopened_at:%Y-%m-%d}"


class RoundFirm(models.Model):
    """A firm chosen for a round, with the pseudonym its rows carry in the analysts' export."""

    round = models.ForeignKey(DiagnosticRound, on_delete=models.CASCADE, related_name="round_firms")
    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="diagnostic_rounds")
    pseudonym = models.CharField(max_length=8)
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(firm="firm")
    all_objects = models.Manager()

    class Meta:
        ordering = ["round", "firm__legal_name"]
        constraints = [
            models.UniqueConstraint("round", "firm", name="round_firm_unique"),
            models.UniqueConstraint("round", "pseudonym", name="round_firm_unique_pseudonym"),
        ]

    def __str__(self) -> str:
        return f"{self.firm} in {self.round}"


class FormKind(models.TextChoices):
    OWNER = "owner", _("Owner / manager form")
    STAFF = "staff", _("Staff form")


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Response(models.Model):
    """One person's answers in one round: raw answers {item code: 1..5}, before reverse keying."""

    round = models.ForeignKey(DiagnosticRound, on_delete=models.CASCADE, related_name="responses")
    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="diagnostic_responses")
    respondent = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="diagnostic_responses")
    form = models.CharField(max_length=8, choices=FormKind.choices)
    instrument_version = models.CharField(max_length=16)
    # The language the statements were shown in (the translation actually used, "en" where there was none):
    # the same codes are scored alike in every language, and analysts can check answers for a language effect.
    language = models.CharField(max_length=8, default="en")
    answers = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # When the answers began to count in figures others see: owner forms in batches of at least 5 firms,
    # staff forms in batches of at least 3 per firm, so two readings never differ by fewer (`services`).
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(firm="firm")
    all_objects = models.Manager()

    class Meta:
        ordering = ["round", "firm", "form", "id"]
        constraints = [
            models.UniqueConstraint("round", "respondent", name="response_one_per_respondent"),
            # One owner view per firm and round: the firm's profile starts from it.
            models.UniqueConstraint(
                "round", "firm", condition=models.Q(form="owner"), name="response_one_owner_form_per_firm"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_form_display()} of {self.firm} in {self.round}"

    @property
    def is_submitted(self) -> bool:
        return self.status == ResponseStatus.SUBMITTED


class StaffInvite(models.Model):
    """A signed link to the staff form, bound to one member of the firm; spent once that person submits."""

    round = models.ForeignKey(DiagnosticRound, on_delete=models.CASCADE, related_name="staff_invites")
    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="diagnostic_staff_invites")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="diagnostic_staff_invites")
    email = models.EmailField()
    nonce = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invited_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(firm="firm")
    all_objects = models.Manager()

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint("round", "person", name="staff_invite_one_per_person")]

    def __str__(self) -> str:
        return f"Staff form of {self.email} for {self.round}"

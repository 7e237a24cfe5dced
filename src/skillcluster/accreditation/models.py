"""Claims of informal learning, their evidence and assessment, issuer keys and issued credentials.

The four EU validation stages map onto the models: identification (Claim, ClaimSkill),
documentation (Evidence, Statement), assessment (Assessment), certification (IssuedCredential).
Tenant-owned rows are scoped by cluster: the claimant's firm and the cluster's assessors and
issuers all see a claim through its cluster; selectors narrow further. Verification is public,
so it reads issued credentials and keys through `all_objects`, visibly.
"""

import datetime as dt
import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from skillcluster.tenancy.models import Cluster, Firm, Person, SupportOrganisation


class HowLearned(models.TextChoices):
    ON_THE_JOB = "on_the_job", _("On the job")
    MENTOR = "mentor", _("From a mentor in another firm")
    PEER_SESSION = "peer_session", _("In a peer-learning session")
    EXPERT_PLACEMENT = "expert_placement", _("During a temporary expert placement")
    ONLINE_COURSE = "online_course", _("In an online course")
    SELF_TAUGHT = "self_taught", _("By myself (reading, videos, trying it out)")


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("claim status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("claim status", "Submitted")
    IN_ASSESSMENT = "in_assessment", pgettext_lazy("claim status", "In assessment")
    MORE_EVIDENCE = "more_evidence", pgettext_lazy("claim status", "More evidence requested")
    APPROVED = "approved", pgettext_lazy("claim status", "Approved")
    REJECTED = "rejected", pgettext_lazy("claim status", "Rejected")
    CREDENTIALED = "credentialed", pgettext_lazy("claim status", "Credentialed")
    REVOKED = "revoked", pgettext_lazy("claim status", "Credential revoked")


def in_sentence(label: str) -> str:
    """A choice label (``get_status_display()``) as a word inside a sentence: lower-cased, except in German,
    whose nouns keep their capital ("als Kollegin", "Status „Entwurf“")."""
    text = str(label)
    return text if (translation.get_language() or "").split("-")[0] == "de" else text.lower()


EDITABLE_STATUSES = (ClaimStatus.DRAFT, ClaimStatus.MORE_EVIDENCE)
ASSESSABLE_STATUSES = (ClaimStatus.SUBMITTED, ClaimStatus.IN_ASSESSMENT)


class Claim(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    claimant = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="claims")
    firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="claims")
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="claims")
    title = models.CharField(max_length=200)
    level = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])
    how_learned = models.CharField(max_length=20, choices=HowLearned.choices)
    story = models.TextField(blank=True, help_text="How and where the skill was learned and used")
    status = models.CharField(max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT)
    # set from the cluster's validation policy when submitted, so a policy change never alters a running claim
    panel_size = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1), MaxValueValidator(3)])
    awarded_level = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The level the panel approved: the claimed one or lower"
    )
    round = models.PositiveSmallIntegerField(default=1)  # a new round each time the claimant answers
    response = models.TextField(blank=True, help_text="The claimant's answer to a request for more evidence")
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(cluster="cluster")
    all_objects = models.Manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=4), name="claim_level_1_to_4"),
            models.CheckConstraint(condition=models.Q(panel_size__gte=1, panel_size__lte=3), name="claim_panel_1_to_3"),
            models.CheckConstraint(
                condition=models.Q(awarded_level__isnull=True)
                | models.Q(awarded_level__gte=1, awarded_level__lte=models.F("level")),
                name="claim_awarded_at_most_claimed",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class ClaimSkill(models.Model):
    """An ESCO skill claimed (the URI is the identifier; the label is kept as the claimant saw it)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="skills")
    esco_uri = models.CharField(max_length=200)
    label = models.CharField(max_length=300)

    class Meta:
        ordering = ["label"]
        constraints = [models.UniqueConstraint("claim", "esco_uri", name="claim_skill_unique")]

    def __str__(self) -> str:
        return self.label


class Evidence(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    description = models.TextField()
    link = models.URLField(blank=True)
    file = models.FileField(upload_to="evidence/%Y/%m/", blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=40, blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return self.file_name or self.link or self.description[:60]

    @property
    def kind(self) -> str:
        return "file" if self.file else "link" if self.link else "description"


class StatementRelation(models.TextChoices):
    COLLEAGUE = "colleague", _("Colleague")
    SUPERVISOR = "supervisor", _("Supervisor")
    MENTOR = "mentor", _("Mentor")
    PEER = "peer", _("Peer in a learning session")
    HOST = "host", _("Host of a placement or job shadowing")
    EXPERT = "expert", _("Expert outside the platform")
    CUSTOMER = "customer", _("Customer")


class Statement(models.Model):
    """A confirmation of the claimant's skill: by a person of the cluster while logged in (``author``), or by
    a confirmer outside the platform through a signed single-use link (``external_name``, shown as external)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="statements")
    author = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    external_name = models.CharField(max_length=120, blank=True)
    external_email = models.EmailField(blank=True)
    relation = models.CharField(max_length=16, choices=StatementRelation.choices)
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint("claim", "author", name="statement_one_per_author"),
            models.CheckConstraint(condition=models.Q(author__isnull=False) | ~models.Q(external_name=""),
                                   name="statement_has_author"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.author_name} on {self.claim}"

    @property
    def is_external(self) -> bool:
        return self.author_id is None

    @property
    def author_name(self) -> str:
        return self.author.full_name if self.author is not None else self.external_name


class StatementRequest(models.Model):
    """A request that someone confirm part of a claim: a person of the cluster (``person``, answering while
    logged in) or a confirmer outside the platform (``name`` and ``email``, answering through a signed link).
    ``about`` says what they are asked to confirm (the log entries they took part in). The link is single-use:
    answering sets ``answered_at``; it expires at ``expires_at``; ``nonce`` is in the signed token, so a link
    cannot be forged from the request's id."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="statement_requests")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField(max_length=120)
    email = models.EmailField()
    relation = models.CharField(max_length=16, choices=StatementRelation.choices)
    about = models.TextField()
    nonce = models.CharField(max_length=32)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    statement = models.OneToOneField(Statement, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = ScopedManager(cluster="claim__cluster")
    all_objects = models.Manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.name} asked to confirm {self.claim}"

    @property
    def is_external(self) -> bool:
        return self.person_id is None


class Decision(models.TextChoices):
    APPROVE = "approve", pgettext_lazy("assessment decision", "Approve")
    MORE_EVIDENCE = "more_evidence", pgettext_lazy("assessment decision", "Ask for more evidence")
    REJECT = "reject", pgettext_lazy("assessment decision", "Reject")


class Assessment(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="assessments")
    assessor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    round = models.PositiveSmallIntegerField()
    decision = models.CharField(max_length=16, choices=Decision.choices)
    reasons = models.TextField()
    criteria_met = models.JSONField(default=list, help_text="The rubric criteria judged met")
    awarded_level = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Set on an approval")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["round", "created_at"]
        constraints = [models.UniqueConstraint("claim", "assessor", "round", name="assessment_one_per_round")]

    def __str__(self) -> str:
        return f"{self.assessor}: {self.decision}"


class ValidationPolicy(models.Model):
    """How a cluster validates informal learning: for now, how many assessors judge each claim."""

    cluster = models.OneToOneField(Cluster, on_delete=models.CASCADE, related_name="validation_policy")
    panel_size = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text="1: one assessor; 2: both must agree; 3: the majority decides",
    )
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(cluster="cluster")
    all_objects = models.Manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(panel_size__gte=1, panel_size__lte=3), name="policy_panel_1_to_3")
        ]

    def __str__(self) -> str:
        return f"Validation policy of {self.cluster}"


class IssuerKey(models.Model):
    """An Ed25519 key of a support organisation; the private half is Fernet-encrypted at rest.

    Rotation retires a key (retired_at) and never deletes it: what it signed stays verifiable.
    """

    organisation = models.ForeignKey(SupportOrganisation, on_delete=models.PROTECT, related_name="issuer_keys")
    did = models.CharField(max_length=300)
    verification_method = models.CharField(max_length=400, unique=True)
    public_key = models.BinaryField(max_length=32)
    private_key_encrypted = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "organisation", condition=models.Q(retired_at__isnull=True), name="issuer_key_one_active"
            )
        ]

    def __str__(self) -> str:
        return self.verification_method


class StatusList(models.Model):
    """A Bitstring Status List of one issuer. `next_index` only grows: an index is never reused.

    The published bits are derived from the revoked credentials that point into the list.
    """

    organisation = models.ForeignKey(SupportOrganisation, on_delete=models.PROTECT, related_name="status_lists")
    size = models.PositiveIntegerField(default=131_072)
    next_index = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Status list {self.pk} of {self.organisation}"

    @property
    def is_full(self) -> bool:
        return self.next_index >= self.size


class IssuedCredential(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    claim = models.OneToOneField(Claim, on_delete=models.PROTECT, related_name="credential")
    holder = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="credentials")
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="credentials")
    issuer_key = models.ForeignKey(IssuerKey, on_delete=models.PROTECT, related_name="credentials")
    issued_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    document = models.JSONField()
    status_list = models.ForeignKey(StatusList, on_delete=models.PROTECT, related_name="credentials")
    status_index = models.PositiveIntegerField()
    issued_at = models.DateTimeField(default=timezone.now)
    valid_until = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.TextField(blank=True)
    revoked_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", null=True, blank=True)

    objects = ScopedManager(cluster="cluster")
    all_objects = models.Manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        constraints = [models.UniqueConstraint("status_list", "status_index", name="credential_unique_status_index")]

    def __str__(self) -> str:
        return f"{self.document.get('name', 'Credential')} — {self.holder}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def state(self, now: dt.datetime | None = None) -> str:
        """revoked / expired / valid, from the records (the public check recomputes it cryptographically)."""
        moment = now or timezone.now()
        if self.revoked_at is not None:
            return "revoked"
        if self.valid_until is not None and self.valid_until <= moment:
            return "expired"
        return "valid"

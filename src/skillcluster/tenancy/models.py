"""Who belongs where: support organisations, clusters, firms, people and their roles.

Tenant-owned rows use django-scopes managers: a query outside an active scope raises,
so a view that forgets to scope fails loudly instead of leaking another firm's data.
The request middleware activates the scope (visible firm and cluster ids); tests and
management commands switch it off visibly with `scopes_disabled()`.
"""

import datetime as dt
import hashlib
import secrets
import uuid
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from skillcluster.tenancy.domain import codes
from skillcluster.tenancy.domain.roles import CLUSTER_ROLE_ENGLISH, FIRM_ROLE_ENGLISH, ClusterRoleKind, FirmRole
from skillcluster.tenancy.domain.sme import SizeClass, is_startup, size_class

# The roles' names, translated when shown (`get_role_display`, forms); in a sentence, use `role_lower_label`.
FIRM_ROLE_CHOICES = [(r.value, _(FIRM_ROLE_ENGLISH[r])) for r in FirmRole]
CLUSTER_ROLE_CHOICES = [(r.value, _(CLUSTER_ROLE_ENGLISH[r])) for r in ClusterRoleKind]


def validate_nace(value: str) -> None:
    error = codes.nace_error(value)
    if error:
        raise ValidationError(error)


def validate_nuts(value: str) -> None:
    error = codes.nuts_error(value)
    if error:
        raise ValidationError(error)


class PersonManager(BaseUserManager["Person"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: object) -> "Person":
        person = self.model(email=self.normalize_email(email).lower(), **fields)
        person.set_password(password)
        person.save(using=self._db)
        return person

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> "Person":
        return self.create_user(email, password, is_staff=True, is_superuser=True, **fields)


class Person(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address; may work in several firms and clusters."""

    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # Set when the person's data were erased: the row stays (as "Erased person"), so that the ratings and
    # answers it holds keep every cluster figure as it was, but nothing in it names anyone any more.
    erased_at = models.DateTimeField(null=True, blank=True)
    # Blank: no choice made; pages follow the browser, e-mails the cluster's language.
    language = models.CharField(max_length=8, blank=True, choices=settings.LANGUAGES)

    objects = PersonManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class SupportOrganisation(models.Model):
    """The body that supports a cluster: a development agency, chamber or cluster management body."""

    name = models.CharField(max_length=200, unique=True)
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2 code, e.g. IT")
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ClusterType(models.TextChoices):
    # DELOS found no universal SME cluster but five types, each with its own learning practices.
    INDUSTRIAL_DISTRICT = "industrial_district", _("Industrial district")
    HUB_AND_SPOKE = "hub_and_spoke", _("Hub-and-spoke (around lead firms)")
    SATELLITE = "satellite", _("Satellite platform (branches of outside firms)")
    INSTITUTION_ANCHORED = "institution_anchored", _("Institution-anchored (around a university or public body)")
    INDUCED_NETWORK = "induced_network", _("Induced network (formed by a programme, park or agency)")


CLUSTER_TYPE_HELP = {
    ClusterType.INDUSTRIAL_DISTRICT: _(
        "Many small local firms of one trade that compete and co-operate; "
        "know-how travels through people moving between firms."
    ),
    ClusterType.HUB_AND_SPOKE: _(
        "Suppliers and subcontractors around one or a few large buyers, "
        "who set standards and often train their suppliers."
    ),
    ClusterType.SATELLITE: _("Branches of firms headquartered elsewhere; little local decision-making on learning."),
    ClusterType.INSTITUTION_ANCHORED: _(
        "Firms gathered around a university, research centre or public institution that supplies knowledge and people."
    ),
    ClusterType.INDUCED_NETWORK: _(
        "A network formed on purpose by an agency, programme or business park; "
        "ties between firms are young and need brokering."
    ),
}


class Cluster(models.Model):
    name = models.CharField(max_length=200)
    support_organisation = models.ForeignKey(SupportOrganisation, on_delete=models.PROTECT, related_name="clusters")
    nace_sectors = models.JSONField(default=list, help_text="NACE Rev. 2 divisions or classes the cluster works in")
    nuts_region = models.CharField(max_length=5, validators=[validate_nuts])
    cluster_type = models.CharField(max_length=32, choices=ClusterType.choices)
    description = models.TextField(blank=True)
    is_demo = models.BooleanField(default=False, help_text="Seeded with synthetic firms, people and answers")
    language = models.CharField(
        max_length=8, default="en", choices=settings.LANGUAGES, help_text="For e-mails to people who chose none"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Stamped after every write through the web by someone of the cluster: what pages memoise from the
    # cluster's data is valid while it stays the same (see `memo.py`).
    last_write_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(cluster="id")
    all_objects = models.Manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), "support_organisation", name="cluster_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def cluster_type_help(self) -> str:
        return str(CLUSTER_TYPE_HELP[ClusterType(self.cluster_type)])

    @property
    def region_name(self) -> str:
        return codes.nuts_name(self.nuts_region)

    def sector_labels(self) -> list[str]:
        return [f"{code} {codes.nace_title(code)}" for code in self.nace_sectors]

    def clean(self) -> None:
        errors = [codes.nace_error(code) for code in self.nace_sectors]
        messages = [error for error in errors if error]
        if messages:
            raise ValidationError({"nace_sectors": messages})


class FirmQuerySet(models.QuerySet["Firm"]):
    def startups(self, *, today: dt.date | None = None) -> "FirmQuerySet":
        year = (today or timezone.localdate()).year
        return self.filter(founding_year__gt=year - 5)


class Firm(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="firms")
    legal_name = models.CharField(max_length=200)
    headcount = models.PositiveIntegerField(help_text="Staff headcount in annual work units")
    turnover_eur = models.PositiveBigIntegerField(null=True, blank=True, help_text="Annual turnover in euros")
    balance_sheet_eur = models.PositiveBigIntegerField(null=True, blank=True, help_text="Balance-sheet total in euros")
    # Stored (not only computed) because cluster aggregates group by it in SQL; save() keeps it derived.
    size_class = models.CharField(max_length=8, choices=[(c.value, c.label) for c in SizeClass], editable=False)
    founding_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1800), MaxValueValidator(2100)]
    )
    nace_code = models.CharField(max_length=8, validators=[validate_nace], help_text="NACE Rev. 2 code, e.g. 15.20")
    nuts_code = models.CharField(max_length=5, validators=[validate_nuts], help_text="NUTS 2021 code, e.g. ITI35")
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the firm left the cluster: its people lose access to it and it leaves the cluster's lists; its
    # ratings and answers stay, so figures already shown do not change because it went.
    left_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(firm="id", _manager_class=models.Manager.from_queryset(FirmQuerySet))
    all_objects = models.Manager.from_queryset(FirmQuerySet)()

    class Meta:
        ordering = ["legal_name"]
        constraints = [models.UniqueConstraint(Lower("legal_name"), "cluster", name="firm_unique_name_in_cluster")]

    def __str__(self) -> str:
        return self.legal_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.nace_code = codes.normalise_nace(self.nace_code)
        self.nuts_code = self.nuts_code.strip().upper()
        self.size_class = size_class(self.headcount, self.turnover_eur, self.balance_sheet_eur).value
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "size_class", "nace_code", "nuts_code"}
        super().save(*args, **kwargs)

    @property
    def is_startup(self) -> bool:
        return is_startup(self.founding_year, timezone.localdate().year)

    @property
    def nace_title(self) -> str:
        return codes.nace_title(self.nace_code)

    @property
    def region_name(self) -> str:
        return codes.nuts_name(self.nuts_code)


class Membership(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=FIRM_ROLE_CHOICES)
    job_title = models.CharField(max_length=200, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(firm="firm")
    all_objects = models.Manager()

    class Meta:
        ordering = ["firm", "person__full_name"]
        constraints = [models.UniqueConstraint("person", "firm", name="membership_unique_person_firm")]

    def __str__(self) -> str:
        return f"{self.person} — {self.role} at {self.firm}"

    @property
    def role_lower_label(self) -> str:
        """The role's name inside a sentence ("as owner"), in the active language."""
        return FirmRole(self.role).lower_label


class ClusterRole(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="cluster_roles")
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=16, choices=CLUSTER_ROLE_CHOICES)
    granted_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(cluster="cluster")
    all_objects = models.Manager()

    class Meta:
        constraints = [models.UniqueConstraint("person", "cluster", "role", name="cluster_role_unique")]

    def __str__(self) -> str:
        return f"{self.person} — {self.role} of {self.cluster}"

    @property
    def role_lower_label(self) -> str:
        """The role's name inside a sentence ("as cluster manager"), in the active language."""
        return ClusterRoleKind(self.role).lower_label


class Invitation(models.Model):
    """An e-mailed, signed, single-use link to join a firm (with a firm role) or a cluster (with a cluster role)."""

    email = models.EmailField()
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="invitations")
    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="invitations", null=True, blank=True)
    firm_role = models.CharField(max_length=16, choices=FIRM_ROLE_CHOICES, blank=True)
    cluster_role = models.CharField(max_length=16, choices=CLUSTER_ROLE_CHOICES, blank=True)
    nonce = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invited_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = ScopedManager(cluster="cluster")
    all_objects = models.Manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(firm__isnull=False, cluster_role="") & ~models.Q(firm_role="")
                    | models.Q(firm__isnull=True, firm_role="") & ~models.Q(cluster_role="")
                ),
                name="invitation_firm_role_xor_cluster_role",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation of {self.email}"

    @property
    def role_label(self) -> str:
        if self.firm_role:
            return FirmRole(self.firm_role).label
        return ClusterRoleKind(self.cluster_role).label

    @property
    def role_lower_label(self) -> str:
        """The role's name inside a sentence ("invited you as owner"), in the active language."""
        if self.firm_role:
            return FirmRole(self.firm_role).lower_label
        return ClusterRoleKind(self.cluster_role).lower_label

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None


class RelationKind(models.TextChoices):
    COMPETITOR = "competitor", pgettext_lazy("firm relation", "Competitor")
    CUSTOMER = "customer", pgettext_lazy("firm relation", "Customer")


class FirmRelation(models.Model):
    """What a firm declares about another firm of its cluster: a competitor or a customer. It keeps people of
    those firms off the firm's validation panels (conflict of interest) and, later, out of its shared rooms."""

    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="relations")
    other = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=RelationKind.choices)
    declared_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(firm="firm")
    all_objects = models.Manager()

    class Meta:
        constraints = [
            models.UniqueConstraint("firm", "other", "kind", name="firm_relation_unique"),
            models.CheckConstraint(condition=~models.Q(firm=models.F("other")), name="firm_relation_not_itself"),
        ]

    def __str__(self) -> str:
        return f"{self.firm}: {self.other} is a {self.kind}"


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 of the secret is stored; the secret is shown once."""

    PREFIX = "sc_"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12, help_text="First characters of the token, to recognise it")
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @staticmethod
    def new_secret() -> str:
        return ApiToken.PREFIX + secrets.token_urlsafe(32)

    @staticmethod
    def hash_secret(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class AuditEvent(models.Model):
    """A sensitive action, kept for the record: who did what, to whom or what, when (never changed)."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    action = models.CharField(max_length=60)  # "<context>.<verb>", e.g. "membership.role_changed"
    cluster = models.ForeignKey(Cluster, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    firm = models.ForeignKey(Firm, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    subject = models.CharField(max_length=300, blank=True)  # in words, e.g. "Anna Rossi: employee → manager"
    detail = models.JSONField(default=dict, blank=True)

    objects = ScopedManager(cluster="cluster")
    all_objects = models.Manager()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.subject}"

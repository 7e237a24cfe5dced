"""The informal learning network across firms: offers to mentor (with the owner's agreement), mentorships
proposed by the cluster's matching and agreed by both sides, peer circles, job shadowing and expert placements
between firms, and each person's learning log, whose entries can become a claim's evidence.

Rows that span firms (a mentorship, a circle, a placement, a log entry its mentor reads) are scoped by cluster;
selectors narrow them to the people taking part (`domain/permissions.py` says who sees what)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from skillcluster.accreditation.models import Evidence
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.models import Cluster, Firm, Person


class MentorOffer(models.Model):
    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    capacity = models.PositiveSmallIntegerField(default=1, help_text="Mentees at once, 1-5")
    languages = models.JSONField(default=list)
    availability = models.CharField(max_length=120, blank=True, help_text="When they can meet, e.g. Tuesday afternoons")
    created_at = models.DateTimeField(default=timezone.now)
    agreed_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    agreed_at = models.DateTimeField(null=True, blank=True)  # the owner's agreement; matching waits for it
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(firm="firm")
    all_objects = models.Manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint("person", "skill", condition=Q(withdrawn_at__isnull=True),
                                    name="network_one_live_offer"),
            models.CheckConstraint(condition=Q(capacity__gte=1, capacity__lte=5), name="network_offer_capacity"),
        ]  # fmt: skip


class MentorshipStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("mentorship status", "Proposed")
    ACTIVE = "active", pgettext_lazy("mentorship status", "Agreed")
    DECLINED = "declined", pgettext_lazy("mentorship status", "Declined")
    ENDED = "ended", pgettext_lazy("mentorship status", "Ended")


LIVE_MENTORSHIP = (MentorshipStatus.PROPOSED, MentorshipStatus.ACTIVE)  # they take a place of the offer


class Mentorship(models.Model):
    """A mentor and a mentee of another firm around one goal: an ESCO skill and the level to reach. Proposed
    by the cluster's matching with its reason; an agreement once both accept; the mentee's log entries of it
    are its sessions. A decline is kept so the next proposal pairs the mentee with someone else."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(MentorOffer, on_delete=models.PROTECT, related_name="mentorships")
    mentor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    mentor_firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="+")
    mentee = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    mentee_firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="+")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    start_level = models.PositiveSmallIntegerField()
    target_level = models.PositiveSmallIntegerField()
    reason = models.JSONField(default=dict)  # the matching's figures when proposed (`domain/wording.py`)
    status = models.CharField(max_length=10, choices=MentorshipStatus.choices, default=MentorshipStatus.PROPOSED)
    proposed_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    mentee_accepted_at = models.DateTimeField(null=True, blank=True)
    mentor_accepted_at = models.DateTimeField(null=True, blank=True)
    declined_by = models.CharField(max_length=6, blank=True)  # "mentee" or "mentor"
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(cluster="cluster")
    all_objects = models.Manager()

    class Meta:
        ordering = ["-proposed_at", "pk"]
        constraints = [
            models.UniqueConstraint("mentee", "skill", condition=Q(status__in=["proposed", "active"]),
                                    name="network_one_live_mentorship"),
            models.CheckConstraint(condition=~Q(mentor=models.F("mentee")), name="network_not_own_mentor"),
            models.CheckConstraint(condition=Q(target_level__gte=1, target_level__lte=4),
                                   name="network_target_level"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return gettext("%(mentor)s mentors %(mentee)s in %(skill)s") % {
            "mentor": self.mentor, "mentee": self.mentee, "skill": self.skill}  # fmt: skip


class Circle(models.Model):
    """A peer circle the cluster manager creates around a theme (a 'marketing circle' of micro-firm owners):
    members from several firms, meetings each member logs, the log shared among the members."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    theme = models.CharField(max_length=120)
    skills = models.ManyToManyField(Skill, related_name="+")
    created_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(cluster="cluster")
    all_objects = models.Manager()

    class Meta:
        ordering = ["theme", "pk"]

    def __str__(self) -> str:
        return self.theme


class CircleMember(models.Model):
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint("circle", "person", name="network_circle_member_once")]


class PlacementKind(models.TextChoices):
    SHADOWING = "shadowing", _("Job shadowing")
    PLACEMENT = "placement", _("Temporary expert placement")


class Placement(models.Model):
    """A guest from one firm working beside a host in another for some days: job shadowing (the guest
    learns) or a temporary expert placement (the guest brings the skill). Recorded by the cluster manager."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=PlacementKind.choices)
    host_firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="+")
    host = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")  # the host's contact, who confirms
    guest = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    guest_firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField()
    days = models.PositiveSmallIntegerField()
    skills = models.ManyToManyField(Skill, related_name="+")
    recorded_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(cluster="cluster")
    all_objects = models.Manager()

    class Meta:
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(host_firm=models.F("guest_firm")), name="network_placement_firms"),
            models.CheckConstraint(condition=Q(days__gte=1, days__lte=90), name="network_placement_days"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return ngettext("%(kind)s at %(firm)s from %(date)s, %(days)d day",
                        "%(kind)s at %(firm)s from %(date)s, %(days)d days", self.days) % {
            "kind": self.get_kind_display(), "firm": self.host_firm, "date": f"{self.starts_on:%d/%m/%Y}",
            "days": self.days}  # fmt: skip


class EntryKind(models.TextChoices):
    MENTORING = "mentoring", _("Mentoring session")
    CIRCLE = "circle", _("Peer circle meeting")
    SHADOWING = "shadowing", _("Job shadowing")
    PLACEMENT = "placement", _("Expert placement")
    ON_THE_JOB = "on_the_job", _("On-the-job learning")


class Component(models.TextChoices):
    """The three learning components of the diagnostic (its `TRIAD`)."""

    INFORMATION = "information_gathering", _("Information-gathering")
    KNOWLEDGE = "knowledge_acquisition", _("Knowledge acquisition")
    COMPETENCE = "competence_development", _("Competence development")


class LogEntry(models.Model):
    """One thing a person learned from: a mentoring session, a circle meeting, a day of shadowing or of a
    placement, or on-the-job learning; with its skills, time, the learning component it served, and who can
    confirm it (the mentor, host or circle, or a named confirmer outside the platform). Once it is a claim's
    evidence (``evidence``) it is no longer edited."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=EntryKind.choices)
    component = models.CharField(max_length=24, choices=Component.choices)
    happened_on = models.DateField()
    minutes = models.PositiveSmallIntegerField()
    skills = models.ManyToManyField(Skill, related_name="+")
    practised = models.CharField(max_length=500)
    reflection = models.TextField(blank=True)
    mentorship = models.ForeignKey(Mentorship, on_delete=models.PROTECT, null=True, blank=True, related_name="log")
    circle = models.ForeignKey(Circle, on_delete=models.PROTECT, null=True, blank=True, related_name="log")
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, null=True, blank=True, related_name="log")
    confirmer_name = models.CharField(max_length=120, blank=True)  # someone outside the platform who saw it
    confirmer_email = models.EmailField(blank=True)
    confirmer_relation = models.CharField(max_length=16, blank=True)
    evidence = models.OneToOneField(Evidence, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(cluster="cluster")
    all_objects = models.Manager()

    class Meta:
        ordering = ["-happened_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(minutes__gte=5, minutes__lte=600), name="network_entry_minutes"),
        ]

    def __str__(self) -> str:
        return gettext("%(kind)s of %(person)s on %(date)s") % {
            "kind": self.get_kind_display(), "person": self.person, "date": self.happened_on}  # fmt: skip

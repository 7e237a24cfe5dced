"""The informal learning network: so far, people's offers to mentor others of the cluster in a skill they hold
at the top of the scale, with their owner's agreement (a mentor spends firm time outside the firm)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django_scopes import ScopedManager

from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.models import Firm, Person


class MentorOffer(models.Model):
    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    capacity = models.PositiveSmallIntegerField(default=1, help_text="Mentees at once, 1-5")
    languages = models.JSONField(default=list)
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

"""Writes of the guided audit: a firm's campaign and the steps it has done."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from skillcluster.audits.models import AuditCampaign, AuditStep, CampaignStatus
from skillcluster.tenancy.models import Firm, Person


def campaign_start(*, firm: Firm, started_by: Person) -> AuditCampaign:
    """The firm's open guided audit, started now when there is none."""
    current = AuditCampaign.objects.filter(firm=firm, status=CampaignStatus.OPEN).first()
    if current is not None:
        return current
    try:
        with transaction.atomic():
            return AuditCampaign.objects.create(firm=firm, started_by=started_by)
    except IntegrityError:  # another request started it a moment ago
        return AuditCampaign.objects.get(firm=firm, status=CampaignStatus.OPEN)


def campaign_step_done(*, campaign: AuditCampaign, step: str) -> AuditCampaign:
    if step not in AuditStep.values:
        raise ValidationError({"step": gettext("Unknown step '%(step)s'.") % {"step": step}})
    if step not in campaign.steps_done:
        campaign.steps_done = [s for s in AuditStep.values if s in {*campaign.steps_done, step}]
        campaign.save(update_fields=["steps_done"])
    if step == AuditStep.REPORT:
        campaign.status, campaign.finished_at = CampaignStatus.DONE, timezone.now()
        campaign.save(update_fields=["status", "finished_at"])
    return campaign

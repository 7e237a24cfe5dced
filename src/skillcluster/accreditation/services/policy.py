"""A cluster's validation policy, set by its cluster managers: how many assessors judge each claim."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from skillcluster.accreditation.models import ValidationPolicy
from skillcluster.tenancy.models import Cluster


def validation_policy_set(*, cluster: Cluster, panel_size: int) -> ValidationPolicy:
    """Applies to claims submitted from now on; claims already submitted keep the panel they started with."""
    if panel_size not in range(1, 4):
        raise ValidationError({"panel_size": gettext("A panel has one, two or three assessors.")})
    policy, _ = ValidationPolicy.all_objects.update_or_create(
        cluster=cluster, defaults={"panel_size": panel_size, "updated_at": timezone.now()}
    )
    return policy

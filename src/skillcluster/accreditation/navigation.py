"""What accreditation puts on a firm's to-do list: your claims waiting for you, and your people's claims you
could support with a statement as their employer (registered with tenancy's navigation in `apps.py`)."""

from collections.abc import Iterator

from django.urls import reverse

from skillcluster.accreditation.models import Claim, ClaimStatus
from skillcluster.tenancy.domain.permissions import Access, TenancyPerm
from skillcluster.tenancy.models import Firm, Person
from skillcluster.tenancy.navigation import Todo

SUPPORTABLE = (ClaimStatus.SUBMITTED, ClaimStatus.IN_ASSESSMENT, ClaimStatus.MORE_EVIDENCE)  # not drafts: private


def firm_todos(firm: Firm, person: Person, access: Access) -> Iterator[Todo]:
    own = Claim.objects.filter(firm=firm, claimant=person, status__in=[ClaimStatus.DRAFT, ClaimStatus.MORE_EVIDENCE])
    for claim in own.order_by("created_at"):
        if claim.status == ClaimStatus.MORE_EVIDENCE:
            text = f"The assessors ask for more evidence on your claim “{claim.title}”"
            action = "Add evidence"
        else:
            text = f"Your claim “{claim.title}” is a draft: add evidence and submit it when it is ready"
            action = "Open the claim"
        yield Todo(text, reverse("claim_detail", args=[claim.pk]), action)
    if access.has(TenancyPerm.FIRM_VIEW_PEOPLE) and access.works_here:  # the employer, not a cluster role
        waiting = (
            Claim.objects.filter(firm=firm, status__in=SUPPORTABLE)
            .exclude(claimant=person)
            .exclude(statements__author=person)
            .select_related("claimant")
            .order_by("created_at")
        )
        for claim in waiting:
            yield Todo(
                f"{claim.claimant.full_name} claims “{claim.title}”: a statement from you as their supervisor "
                "helps the assessors",
                reverse("claim_statement", args=[claim.uuid]),
                "Add my statement",
            )

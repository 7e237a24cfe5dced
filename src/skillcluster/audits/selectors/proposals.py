"""Training results waiting to be confirmed in a firm's audit."""

from django.db.models import QuerySet

from skillcluster.audits.models import ProposalStatus, RatingProposal
from skillcluster.tenancy.models import Firm, Person


def pending_proposals(firm: Firm, person: Person | None = None) -> QuerySet[RatingProposal]:
    found = RatingProposal.objects.filter(firm=firm, status=ProposalStatus.PENDING).select_related("skill", "person")
    return found if person is None else found.filter(person=person)


def proposal_get(firm: Firm, proposal_id: int) -> RatingProposal | None:
    return RatingProposal.objects.filter(firm=firm, pk=proposal_id).select_related("skill", "person").first()

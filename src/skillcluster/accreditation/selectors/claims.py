"""Reads, scoped to what the caller may see, and the role checks of the accreditation workflow.

- The claimant sees and edits their own claims.
- Assessors of the claim's cluster see submitted claims, except those of firms they work in.
- Cluster managers (the issuer's people) see the cluster's claims and issue and revoke.
A claim or credential the caller may not see answers 404, exactly like a missing one.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, QuerySet
from django.http import Http404

from skillcluster.accreditation.models import ASSESSABLE_STATUSES, Assessment, Claim, ClaimStatus, IssuedCredential
from skillcluster.tenancy.domain.roles import ClusterRoleKind
from skillcluster.tenancy.models import Cluster, ClusterRole, Membership, Person


def has_cluster_role(user: Person, cluster_id: int, role: ClusterRoleKind) -> bool:
    return ClusterRole.objects.filter(person=user, cluster_id=cluster_id, role=role).exists()


def works_in_firm(user: Person, firm_id: int) -> bool:
    return Membership.objects.filter(person=user, firm_id=firm_id).exists()


def may_assess(user: Person, claim: Claim) -> bool:
    """Assessors of the claim's cluster, never for a claim from a firm they work in."""
    return has_cluster_role(user, claim.cluster_id, ClusterRoleKind.ASSESSOR) and not works_in_firm(user, claim.firm_id)


def may_issue(user: Person, cluster_id: int) -> bool:
    return has_cluster_role(user, cluster_id, ClusterRoleKind.MANAGER)


def may_view_claim(user: Person, claim: Claim) -> bool:
    """The claimant, the cluster's assessors (so one from the claimant's firm hears why they may not
    decide, rather than a 404) and its managers."""
    if claim.claimant_id == user.pk:
        return True
    return has_cluster_role(user, claim.cluster_id, ClusterRoleKind.ASSESSOR) or may_issue(user, claim.cluster_id)


def _claims() -> QuerySet[Claim]:
    return Claim.objects.select_related("claimant", "firm", "cluster__support_organisation")


def claim_get_for_claimant(user: Person, claim_id: int) -> Claim:
    claim = _claims().filter(pk=claim_id, claimant=user).first()
    if claim is None:
        raise Http404("No such claim")
    return claim


def claim_get_for_user(user: Person, claim_id: int) -> Claim:
    claim = _claims().filter(pk=claim_id).first()
    if claim is None or not may_view_claim(user, claim):
        raise Http404("No such claim")
    if claim.status == ClaimStatus.DRAFT and claim.claimant_id != user.pk:
        raise Http404("No such claim")
    return claim


def claim_get_for_assessor(user: Person, claim_id: int) -> Claim:
    claim = claim_get_for_user(user, claim_id)
    if not may_assess(user, claim):
        raise PermissionDenied("Only an assessor of this cluster from outside the claimant's firm may assess it")
    return claim


def claim_get_for_issuer(user: Person, claim_id: int) -> Claim:
    claim = claim_get_for_user(user, claim_id)
    if not may_issue(user, claim.cluster_id):
        raise PermissionDenied("Only a cluster manager may issue credentials")
    return claim


def claim_get_for_statement(user: Person, claim_uuid: str) -> Claim:
    """A claim a colleague or mentor may confirm: same cluster, not their own, still open."""
    claim = _claims().filter(uuid=claim_uuid).first()
    in_cluster = claim is not None and (
        Membership.objects.filter(person=user, firm__cluster_id=claim.cluster_id).exists()
        or ClusterRole.objects.filter(person=user, cluster_id=claim.cluster_id).exists()
    )
    if claim is None or not in_cluster or claim.claimant_id == user.pk:
        raise Http404("No such claim")
    return claim


def claim_list_for_claimant(user: Person) -> QuerySet[Claim]:
    return _claims().filter(claimant=user).annotate(evidence_count=Count("evidence", distinct=True))


def assessor_queue(user: Person, cluster: Cluster) -> QuerySet[Claim]:
    """Claims waiting for this assessor: submitted, in their cluster, not from their firms, not yet voted on."""
    if not has_cluster_role(user, cluster.pk, ClusterRoleKind.ASSESSOR):
        return Claim.objects.none()
    own_firms = Membership.objects.filter(person=user).values("firm_id")
    voted = Assessment.objects.filter(assessor=user, claim__round=F("round")).values("claim_id")
    return (
        _claims()
        .filter(cluster=cluster, status__in=ASSESSABLE_STATUSES)
        .exclude(firm_id__in=own_firms)
        .exclude(pk__in=voted)
        .order_by("submitted_at")
    )


def claims_to_issue(user: Person, cluster: Cluster) -> QuerySet[Claim]:
    if not may_issue(user, cluster.pk):
        return Claim.objects.none()
    return _claims().filter(cluster=cluster, status=ClaimStatus.APPROVED).order_by("decided_at")


def claim_list_for_cluster(user: Person, cluster: Cluster) -> QuerySet[Claim]:
    if not may_issue(user, cluster.pk):
        return Claim.objects.none()
    return _claims().filter(cluster=cluster).exclude(status=ClaimStatus.DRAFT)


def _credentials() -> QuerySet[IssuedCredential]:
    return IssuedCredential.objects.select_related("holder", "claim", "cluster__support_organisation")


def credential_list_for_holder(user: Person) -> QuerySet[IssuedCredential]:
    return _credentials().filter(holder=user)


def credential_list_for_cluster(user: Person, cluster: Cluster) -> QuerySet[IssuedCredential]:
    if not may_issue(user, cluster.pk):
        return IssuedCredential.objects.none()
    return _credentials().filter(cluster=cluster)


def credential_get_for_user(user: Person, credential_uuid: object) -> IssuedCredential:
    """The holder's own credential, or any credential of a cluster the user manages."""
    credential = _credentials().filter(uuid=credential_uuid).first()
    if credential is None or not (credential.holder_id == user.pk or may_issue(user, credential.cluster_id)):
        raise Http404("No such credential")
    return credential


def credential_get_for_issuer(user: Person, credential_uuid: object) -> IssuedCredential:
    credential = credential_get_for_user(user, credential_uuid)
    if not may_issue(user, credential.cluster_id):
        raise PermissionDenied("Only a cluster manager may revoke credentials")
    return credential

"""Reads of claims and credentials, scoped to what the caller may see, through the one permission model.

- The claimant sees and edits their own claims.
- Assessors of the claim's cluster (`accreditation.assess`) see submitted claims, and assess those not from
  a firm they work in or one their firm declared competitor or customer (or was declared so by).
- Cluster managers (`accreditation.issue`, the issuer's people) see the cluster's claims and issue and revoke.
A claim or credential the caller may not see answers 404, exactly like a missing one. The access returned
with a claim is the caller's access to the claim's cluster.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, QuerySet
from django.http import Http404

from skillcluster.accreditation.domain.permissions import AccreditationPerm
from skillcluster.accreditation.models import (
    ASSESSABLE_STATUSES,
    Assessment,
    Claim,
    ClaimStatus,
    IssuedCredential,
    ValidationPolicy,
)
from skillcluster.tenancy.domain.permissions import Access, TenancyPerm
from skillcluster.tenancy.models import Cluster, Person
from skillcluster.tenancy.selectors import cluster_access, conflicted_firm_ids


def may_assess(user: Person, claim: Claim, access: Access) -> bool:
    """An assessor of the claim's cluster, never for a claim from a firm they work in or are in conflict with."""
    return access.has(AccreditationPerm.ASSESS) and claim.firm_id not in conflicted_firm_ids(user)


def validation_policy(cluster: Cluster) -> ValidationPolicy:
    """The cluster's policy, or the default (one assessor) while its managers have set none."""
    return ValidationPolicy.all_objects.filter(cluster=cluster).first() or ValidationPolicy(cluster=cluster)


def _claims() -> QuerySet[Claim]:
    return Claim.objects.select_related("claimant", "firm", "cluster__support_organisation")


def claim_get_for_claimant(user: Person, claim_id: int) -> Claim:
    claim = _claims().filter(pk=claim_id, claimant=user).first()
    if claim is None:
        raise Http404("No such claim")
    return claim


def claim_get_for_user(user: Person, claim_id: int) -> tuple[Claim, Access]:
    """The claim and the caller's access to its cluster: the claimant, the cluster's assessors (so one from the
    claimant's firm hears why they may not decide, rather than a 404) and its issuers."""
    claim = _claims().filter(pk=claim_id).first()
    if claim is None:
        raise Http404("No such claim")
    access = cluster_access(user, claim.cluster)
    is_claimant = claim.claimant_id == user.pk
    desk = access.has(AccreditationPerm.ASSESS) or access.has(AccreditationPerm.ISSUE)
    if not (is_claimant or desk) or (claim.status == ClaimStatus.DRAFT and not is_claimant):
        raise Http404("No such claim")
    return claim, access


def claim_get_for_issuer(user: Person, claim_id: int) -> Claim:
    claim, access = claim_get_for_user(user, claim_id)
    if not access.has(AccreditationPerm.ISSUE):
        raise PermissionDenied("Only a cluster manager may issue credentials")
    return claim


def claim_get_for_statement(user: Person, claim_uuid: str) -> Claim:
    """A claim a colleague or mentor may confirm: same cluster, not their own."""
    claim = _claims().filter(uuid=claim_uuid).first()
    if claim is None or claim.claimant_id == user.pk:
        raise Http404("No such claim")
    if not cluster_access(user, claim.cluster).has(TenancyPerm.CLUSTER_VIEW):
        raise Http404("No such claim")
    return claim


def claim_list_for_claimant(user: Person) -> QuerySet[Claim]:
    return _claims().filter(claimant=user).annotate(evidence_count=Count("evidence", distinct=True))


def assessor_queue(user: Person, cluster: Cluster, access: Access) -> QuerySet[Claim]:
    """Claims waiting for this assessor: submitted, in their cluster, not from their firms or firms in conflict
    with them, not yet voted on."""
    if not access.has(AccreditationPerm.ASSESS):
        return Claim.objects.none()
    voted = Assessment.objects.filter(assessor=user, claim__round=F("round")).values("claim_id")
    return (
        _claims()
        .filter(cluster=cluster, status__in=ASSESSABLE_STATUSES)
        .exclude(firm_id__in=conflicted_firm_ids(user))
        .exclude(pk__in=voted)
        .order_by("submitted_at")
    )


def claims_to_issue(cluster: Cluster, access: Access) -> QuerySet[Claim]:
    if not access.has(AccreditationPerm.ISSUE):
        return Claim.objects.none()
    return _claims().filter(cluster=cluster, status=ClaimStatus.APPROVED).order_by("decided_at")


def claim_list_for_cluster(cluster: Cluster, access: Access) -> QuerySet[Claim]:
    if not access.has(AccreditationPerm.ISSUE):
        return Claim.objects.none()
    return _claims().filter(cluster=cluster).exclude(status=ClaimStatus.DRAFT)


def _credentials() -> QuerySet[IssuedCredential]:
    return IssuedCredential.objects.select_related("holder", "claim", "cluster__support_organisation")


def credential_list_for_holder(user: Person) -> QuerySet[IssuedCredential]:
    return _credentials().filter(holder=user)


def credential_list_for_cluster(cluster: Cluster, access: Access) -> QuerySet[IssuedCredential]:
    if not access.has(AccreditationPerm.ISSUE):
        return IssuedCredential.objects.none()
    return _credentials().filter(cluster=cluster)


def credential_get_for_user(user: Person, credential_uuid: str) -> tuple[IssuedCredential, Access]:
    """The holder's own credential, or any credential of a cluster the user issues for."""
    credential = _credentials().filter(uuid=credential_uuid).first()
    if credential is None:
        raise Http404("No such credential")
    access = cluster_access(user, credential.cluster)
    if not (credential.holder_id == user.pk or access.has(AccreditationPerm.ISSUE)):
        raise Http404("No such credential")
    return credential, access


def credential_get_for_issuer(user: Person, credential_uuid: str) -> IssuedCredential:
    credential, access = credential_get_for_user(user, credential_uuid)
    if not access.has(AccreditationPerm.ISSUE):
        raise PermissionDenied("Only a cluster manager may revoke credentials")
    return credential

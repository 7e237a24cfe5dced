"""Who may do what in the accreditation workflow (pure: no Django), declared in the one permission model.

* Anyone working in a firm claims skills learned there; the claimant alone edits and submits the claim.
* Assessors of the claim's cluster assess it, except claims from a firm they work in (conflict of interest,
  checked by `selectors.claims.may_assess`).
* The cluster's managers (the support organisation's people) issue and revoke credentials.
* Anyone in the cluster (a colleague, a mentor) may add a statement to a submitted claim: tenancy's
  `cluster.view`.
"""

from skillcluster.tenancy.domain.permissions import cluster_permission, firm_permission
from skillcluster.tenancy.domain.roles import ALL_FIRM_ROLES, ClusterRoleKind


class AccreditationPerm:
    CLAIM = firm_permission("accreditation.claim", firm_roles=ALL_FIRM_ROLES)
    ASSESS = cluster_permission("accreditation.assess", cluster_roles={ClusterRoleKind.ASSESSOR})
    ISSUE = cluster_permission("accreditation.issue", cluster_roles={ClusterRoleKind.MANAGER})

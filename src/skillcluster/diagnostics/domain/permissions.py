"""Who may do what in the learning diagnostic (pure: no Django), declared in the one permission model.

* A firm's owner answers the owner form and invites staff to the staff form.
* A firm's report (what its people answered) is for the firm's own people: a cluster role sees member
  firms, but the cluster sees only aggregates.
* The cluster manager opens, reminds and closes rounds; the cluster's manager and auditors see the
  k-floored aggregates (tenancy's `cluster.view_aggregates`).
"""

from skillcluster.tenancy.domain.permissions import cluster_permission, firm_permission
from skillcluster.tenancy.domain.roles import ALL_FIRM_ROLES, ClusterRoleKind, FirmRole


class DiagnosticPerm:
    ANSWER_FOR_FIRM = firm_permission("diagnostic.answer_for_firm", firm_roles={FirmRole.OWNER})
    VIEW_FIRM_REPORT = firm_permission("diagnostic.view_firm_report", firm_roles=ALL_FIRM_ROLES)
    RUN_ROUNDS = cluster_permission("diagnostic.run_rounds", cluster_roles={ClusterRoleKind.MANAGER})

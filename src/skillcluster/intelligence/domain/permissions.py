"""Who may do what with market intelligence (pure: no Django), declared in the one permission model.

* The market's figures (ads, demand, trends) are about the market, not about any firm: every cluster role and
  everyone working in a member firm sees them.
* The cluster manager imports sources and confirms or rejects uncertain skill links.
* A firm's needs re-ranked by demand are the firm's audit: whoever sees its gap report sees them
  (`AuditPerm.VIEW_REPORT`).
"""

from skillcluster.tenancy.domain.permissions import cluster_permission
from skillcluster.tenancy.domain.roles import ALL_CLUSTER_ROLES, ClusterRoleKind


class IntelligencePerm:
    VIEW = cluster_permission("intelligence.view", cluster_roles=ALL_CLUSTER_ROLES, member_firms=True)
    MANAGE = cluster_permission("intelligence.manage", cluster_roles={ClusterRoleKind.MANAGER})

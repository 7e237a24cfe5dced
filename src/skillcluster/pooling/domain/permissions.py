"""Who may do what with pooled services (pure: no Django), declared in the one permission model.

* Everyone working in a member firm, and every cluster role, sees the cluster's catalogue.
* The cluster manager keeps the catalogue, forms and confirms the cohorts, records attendance, and sees the
  figures of seats and co-funding. To form cohorts the manager sees, for each seat a firm asked for, the
  person's name and the need the course would cover: the firm shares them by asking (the booking page says so).
* A firm's owner or manager asks for and books seats for the firm's people, sets the firm's budget and seat
  cap, and sees the firm's bookings and costs; the cluster manager sees them too (it runs the bookings).
* Every member of a firm may ask for a seat for themselves; it counts in the firm's budget, so the owner or
  manager sees it and may cancel it.
"""

from skillcluster.tenancy.domain.permissions import cluster_permission, firm_permission
from skillcluster.tenancy.domain.roles import ALL_CLUSTER_ROLES, ALL_FIRM_ROLES, ClusterRoleKind, FirmRole

_FIRM_LEADS = {FirmRole.OWNER, FirmRole.MANAGER}


class PoolingPerm:
    VIEW_CATALOGUE = cluster_permission("pooling.view_catalogue", cluster_roles=ALL_CLUSTER_ROLES, member_firms=True)
    MANAGE = cluster_permission("pooling.manage", cluster_roles={ClusterRoleKind.MANAGER})
    BOOK = firm_permission("pooling.book", firm_roles=_FIRM_LEADS)
    VIEW_BOOKINGS = firm_permission(
        "pooling.view_bookings", firm_roles=_FIRM_LEADS, cluster_roles={ClusterRoleKind.MANAGER}
    )
    ASK_FOR_SELF = firm_permission("pooling.ask_for_self", firm_roles=ALL_FIRM_ROLES)

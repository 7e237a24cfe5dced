"""Who may do what in the learning network (pure: no Django), declared in the one permission model.

* Everyone working in a firm offers to mentor in a skill they hold at level 3 or 4 (their own offers only),
  keeps a learning log and turns its entries into a claim.
* The firm's owner agrees that its people mentor outside the firm (their time is the firm's).
* The cluster manager proposes mentor–mentee pairs across firms, creates peer circles and records job
  shadowing and expert placements; with the cluster's auditor, sees the knowledge-flow map (firms, never
  people, under the anonymity floor).
* A mentorship is seen by its mentor and mentee (and proposed by the manager); a mentor sees the mentee's log
  entries of that mentorship and nothing of the mentee's firm (its audit stays the firm's). A circle's log is
  seen by its members. Nobody else reads a person's log: owners see its balance, in hours per component.
"""

from skillcluster.tenancy.domain.permissions import cluster_permission, firm_permission
from skillcluster.tenancy.domain.roles import ALL_FIRM_ROLES, ClusterRoleKind, FirmRole


class NetworkPerm:
    OFFER = firm_permission("network.offer", firm_roles=ALL_FIRM_ROLES)
    AGREE = firm_permission("network.agree", firm_roles={FirmRole.OWNER})
    LOG = firm_permission("network.log", firm_roles=ALL_FIRM_ROLES)
    MATCH = cluster_permission("network.match", cluster_roles={ClusterRoleKind.MANAGER})
    FLOWS = cluster_permission("network.flows", cluster_roles={ClusterRoleKind.MANAGER, ClusterRoleKind.AUDITOR})

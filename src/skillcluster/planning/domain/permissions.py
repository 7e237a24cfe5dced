"""Who keeps a firm's learning plan (pure: no Django): its owner and managers, who run the firm's learning;
the cluster manager sees the cluster's figures over plans, never a firm's plan."""

from skillcluster.tenancy.domain.permissions import cluster_permission, firm_permission
from skillcluster.tenancy.domain.roles import ClusterRoleKind, FirmRole


class PlanningPerm:
    KEEP = firm_permission("planning.keep", firm_roles={FirmRole.OWNER, FirmRole.MANAGER})
    CLUSTER = cluster_permission("planning.cluster", cluster_roles={ClusterRoleKind.MANAGER})

"""Roles are data; what each role may do is a named permission (no `if role == ...` chains in views)."""

from enum import StrEnum


class FirmRole(StrEnum):
    OWNER = "owner"
    MANAGER = "manager"
    EMPLOYEE = "employee"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class ClusterRoleKind(StrEnum):
    MANAGER = "manager"
    AUDITOR = "auditor"
    ASSESSOR = "assessor"

    @property
    def label(self) -> str:
        return {"manager": "Cluster manager", "auditor": "Skills auditor", "assessor": "Assessor"}[self.value]


class Perm(StrEnum):
    """Named permissions. `firm.*` apply to one firm, `cluster.*` to one cluster."""

    FIRM_VIEW = "firm.view"
    FIRM_EDIT = "firm.edit"
    FIRM_VIEW_PEOPLE = "firm.view_people"
    FIRM_INVITE = "firm.invite"
    FIRM_ASSIGN_ROLES = "firm.assign_roles"
    CLUSTER_VIEW = "cluster.view"
    CLUSTER_MANAGE = "cluster.manage"
    CLUSTER_INVITE_FIRMS = "cluster.invite_firms"
    CLUSTER_VIEW_AGGREGATES = "cluster.view_aggregates"


FIRM_ROLE_PERMS: dict[FirmRole, frozenset[Perm]] = {
    FirmRole.OWNER: frozenset(
        {Perm.FIRM_VIEW, Perm.FIRM_EDIT, Perm.FIRM_VIEW_PEOPLE, Perm.FIRM_INVITE, Perm.FIRM_ASSIGN_ROLES}
    ),
    FirmRole.MANAGER: frozenset({Perm.FIRM_VIEW, Perm.FIRM_VIEW_PEOPLE, Perm.FIRM_INVITE}),
    FirmRole.EMPLOYEE: frozenset({Perm.FIRM_VIEW}),
}

# What a cluster role grants on each member firm of that cluster: read access for the
# people who support the firms, never the right to change a firm's own records.
CLUSTER_ROLE_FIRM_PERMS: dict[ClusterRoleKind, frozenset[Perm]] = {
    ClusterRoleKind.MANAGER: frozenset({Perm.FIRM_VIEW, Perm.FIRM_VIEW_PEOPLE}),
    ClusterRoleKind.AUDITOR: frozenset({Perm.FIRM_VIEW, Perm.FIRM_VIEW_PEOPLE}),
    ClusterRoleKind.ASSESSOR: frozenset(),
}

CLUSTER_ROLE_PERMS: dict[ClusterRoleKind, frozenset[Perm]] = {
    ClusterRoleKind.MANAGER: frozenset(
        {Perm.CLUSTER_VIEW, Perm.CLUSTER_MANAGE, Perm.CLUSTER_INVITE_FIRMS, Perm.CLUSTER_VIEW_AGGREGATES}
    ),
    ClusterRoleKind.AUDITOR: frozenset({Perm.CLUSTER_VIEW, Perm.CLUSTER_VIEW_AGGREGATES}),
    ClusterRoleKind.ASSESSOR: frozenset({Perm.CLUSTER_VIEW}),
}

# Every person working in a member firm sees the cluster it belongs to.
FIRM_MEMBER_CLUSTER_PERMS: frozenset[Perm] = frozenset({Perm.CLUSTER_VIEW})


def firm_perms(firm_roles: set[FirmRole], cluster_roles: set[ClusterRoleKind]) -> frozenset[Perm]:
    """Union of what a person's roles in a firm, and in the firm's cluster, allow on that firm."""
    granted: set[Perm] = set()
    for firm_role in firm_roles:
        granted |= FIRM_ROLE_PERMS[firm_role]
    for cluster_role in cluster_roles:
        granted |= CLUSTER_ROLE_FIRM_PERMS[cluster_role]
    return frozenset(granted)


def cluster_perms(cluster_roles: set[ClusterRoleKind], *, works_in_member_firm: bool) -> frozenset[Perm]:
    granted: set[Perm] = set(FIRM_MEMBER_CLUSTER_PERMS) if works_in_member_firm else set()
    for cluster_role in cluster_roles:
        granted |= CLUSTER_ROLE_PERMS[cluster_role]
    return frozenset(granted)

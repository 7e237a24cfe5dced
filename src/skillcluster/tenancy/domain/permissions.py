"""The one permission model of the product: named permissions granted by roles (pure: no Django).

A `Permission` applies either to one firm or to one cluster and says which roles grant it: roles in the
firm itself, roles in the firm's cluster, and (for cluster permissions) working in one of the cluster's
firms. Tenancy declares its own permissions below; every other context declares its permissions the same
way, in its own `domain/permissions.py`, with `firm_permission(...)` / `cluster_permission(...)`, and
imports that module from its `AppConfig.ready()`. Declaring registers the permission, so `Access.perms`
knows them all: a firm is visible to a person who holds *any* permission on it.

Views and the API never compare role strings: they fetch the firm or cluster through the tenancy access
helpers, which return an `Access`, and ask `access.has(SomePerm.X)`. Templates test the codes:
``{% if "audit.run" in access.perms %}``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from skillcluster.tenancy.domain.roles import ALL_CLUSTER_ROLES, ALL_FIRM_ROLES, ClusterRoleKind, FirmRole


class Scope(StrEnum):
    FIRM = "firm"
    CLUSTER = "cluster"


@dataclass(frozen=True)
class Roles:
    """A person's roles as they bear on one firm (its roles and its cluster's) or on one cluster."""

    firm: frozenset[FirmRole] = frozenset()
    cluster: frozenset[ClusterRoleKind] = frozenset()
    works_in_cluster: bool = False  # works in some firm of the cluster (cluster scope only)


@dataclass(frozen=True)
class Permission:
    code: str  # "<context>.<verb>", e.g. "audit.rate_manager"
    scope: Scope
    firm_roles: frozenset[FirmRole] = frozenset()
    cluster_roles: frozenset[ClusterRoleKind] = frozenset()
    member_firms: bool = False  # cluster scope: granted to everyone working in a member firm

    def __str__(self) -> str:
        return self.code

    def granted_by(self, roles: Roles) -> bool:
        return bool(
            roles.firm & self.firm_roles
            or roles.cluster & self.cluster_roles
            or (self.member_firms and roles.works_in_cluster)
        )


_REGISTRY: dict[str, Permission] = {}


def _register(permission: Permission) -> Permission:
    known = _REGISTRY.setdefault(permission.code, permission)
    if known != permission:
        raise ValueError(f"permission {permission.code!r} is declared twice with different roles")
    return permission


def firm_permission(
    code: str, *, firm_roles: Iterable[FirmRole] = (), cluster_roles: Iterable[ClusterRoleKind] = ()
) -> Permission:
    """Declare a permission on one firm, granted by roles in the firm and roles in the firm's cluster."""
    return _register(Permission(code, Scope.FIRM, frozenset(firm_roles), frozenset(cluster_roles)))


def cluster_permission(
    code: str, *, cluster_roles: Iterable[ClusterRoleKind] = (), member_firms: bool = False
) -> Permission:
    """Declare a permission on one cluster, granted by cluster roles (and, optionally, to its firms' people)."""
    return _register(Permission(code, Scope.CLUSTER, cluster_roles=frozenset(cluster_roles), member_firms=member_firms))


def registered(scope: Scope) -> list[Permission]:
    return sorted((p for p in _REGISTRY.values() if p.scope is scope), key=lambda p: p.code)


def cluster_roles_seeing_firms() -> frozenset[ClusterRoleKind]:
    """Cluster roles that hold some firm permission on every member firm (they see those firms)."""
    return frozenset(role for p in registered(Scope.FIRM) for role in p.cluster_roles)


@dataclass(frozen=True)
class Access:
    """What one person may do on one firm or one cluster: the permissions their roles grant."""

    scope: Scope
    roles: Roles
    perms: frozenset[str] = field(init=False)  # granted permission codes (for templates)

    def __post_init__(self) -> None:
        granted = frozenset(p.code for p in registered(self.scope) if p.granted_by(self.roles))
        object.__setattr__(self, "perms", granted)

    def has(self, permission: Permission) -> bool:
        if permission.scope is not self.scope:
            raise ValueError(f"{permission.code} is a {permission.scope} permission, asked of {self.scope} access")
        return permission.granted_by(self.roles)

    @property
    def is_visible(self) -> bool:
        """Any permission at all: the firm or cluster exists for this person (otherwise 404)."""
        return bool(self.perms)

    @property
    def works_here(self) -> bool:
        """Holds a role in the firm itself (not only through the cluster)."""
        return bool(self.roles.firm)


class TenancyPerm:
    """Tenancy's own permissions."""

    FIRM_VIEW = firm_permission(
        "firm.view", firm_roles=ALL_FIRM_ROLES, cluster_roles={ClusterRoleKind.MANAGER, ClusterRoleKind.AUDITOR}
    )
    FIRM_EDIT = firm_permission("firm.edit", firm_roles={FirmRole.OWNER})
    # The firm's records in one download (its right of access, and what it takes along when it leaves).
    FIRM_EXPORT = firm_permission("firm.export", firm_roles={FirmRole.OWNER})
    # Turnover and balance sheet stay inside the firm: the cluster sees the size class they give.
    FIRM_VIEW_FINANCIALS = firm_permission("firm.view_financials", firm_roles=ALL_FIRM_ROLES)
    # Cluster roles read member firms' people, never change a firm's own records.
    FIRM_VIEW_PEOPLE = firm_permission(
        "firm.view_people",
        firm_roles={FirmRole.OWNER, FirmRole.MANAGER},
        cluster_roles={ClusterRoleKind.MANAGER, ClusterRoleKind.AUDITOR},
    )
    FIRM_INVITE = firm_permission("firm.invite", firm_roles={FirmRole.OWNER, FirmRole.MANAGER})
    FIRM_ASSIGN_ROLES = firm_permission("firm.assign_roles", firm_roles={FirmRole.OWNER})
    # The cluster records that a member firm left it (the firm asks; the cluster manager carries it out).
    FIRM_OFFBOARD = firm_permission("firm.offboard", cluster_roles={ClusterRoleKind.MANAGER})
    # Every person working in a member firm sees the cluster it belongs to.
    CLUSTER_VIEW = cluster_permission("cluster.view", cluster_roles=ALL_CLUSTER_ROLES, member_firms=True)
    CLUSTER_MANAGE = cluster_permission("cluster.manage", cluster_roles={ClusterRoleKind.MANAGER})
    CLUSTER_INVITE_FIRMS = cluster_permission("cluster.invite_firms", cluster_roles={ClusterRoleKind.MANAGER})
    CLUSTER_VIEW_AGGREGATES = cluster_permission(
        "cluster.view_aggregates", cluster_roles={ClusterRoleKind.MANAGER, ClusterRoleKind.AUDITOR}
    )

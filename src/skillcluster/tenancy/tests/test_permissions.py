import pytest

from skillcluster.tenancy.domain import permissions
from skillcluster.tenancy.domain.permissions import (
    Access,
    Roles,
    Scope,
    TenancyPerm,
    cluster_permission,
    cluster_roles_seeing_firms,
    firm_permission,
    registered,
)
from skillcluster.tenancy.domain.roles import ClusterRoleKind, FirmRole


@pytest.fixture(autouse=True)
def _registry_restored():
    """Permissions declared by a test leave the registry with it."""
    before = dict(permissions._REGISTRY)
    yield
    permissions._REGISTRY.clear()
    permissions._REGISTRY.update(before)


TENANCY_FIRM = {"firm.view", "firm.edit", "firm.view_people", "firm.invite", "firm.assign_roles"}


def _firm(*firm_roles: FirmRole, cluster: tuple[ClusterRoleKind, ...] = ()) -> Access:
    return Access(Scope.FIRM, Roles(firm=frozenset(firm_roles), cluster=frozenset(cluster)))


def test_owner_may_do_everything_tenancy_names_on_the_firm():
    assert _firm(FirmRole.OWNER).perms >= TENANCY_FIRM


def test_employee_only_views_the_firm_among_tenancy_permissions():
    assert _firm(FirmRole.EMPLOYEE).perms & TENANCY_FIRM == {"firm.view"}


def test_cluster_manager_reads_member_firms_but_never_edits_them():
    access = _firm(cluster=(ClusterRoleKind.MANAGER,))
    assert access.perms & TENANCY_FIRM == {"firm.view", "firm.view_people"}
    assert not access.has(TenancyPerm.FIRM_EDIT)


def test_assessor_does_not_view_firms_by_role_alone():
    assert not _firm(cluster=(ClusterRoleKind.ASSESSOR,)).has(TenancyPerm.FIRM_VIEW)


def test_firm_member_sees_cluster_but_nothing_more_of_tenancy():
    member = Access(Scope.CLUSTER, Roles(works_in_cluster=True))
    assert member.perms & {"cluster.view", "cluster.manage", "cluster.invite_firms", "cluster.view_aggregates"} == {
        "cluster.view"
    }
    assert Access(Scope.CLUSTER, Roles()).perms == frozenset()


def test_no_roles_no_permissions_so_nothing_is_visible():
    assert not _firm().is_visible
    assert not Access(Scope.CLUSTER, Roles()).is_visible


def test_a_context_extends_the_vocabulary_and_access_knows_it():
    perm = firm_permission("test.extend", firm_roles={FirmRole.EMPLOYEE})
    assert perm in registered(Scope.FIRM)
    assert "test.extend" in _firm(FirmRole.EMPLOYEE).perms
    assert _firm(FirmRole.EMPLOYEE).has(perm)
    assert not _firm(FirmRole.OWNER).has(perm)


def test_declaring_again_with_the_same_roles_is_harmless_but_different_roles_are_refused():
    assert firm_permission("test.extend", firm_roles={FirmRole.EMPLOYEE}).code == "test.extend"
    with pytest.raises(ValueError, match="declared twice"):
        firm_permission("test.extend", firm_roles={FirmRole.OWNER})


def test_asking_a_firm_access_for_a_cluster_permission_is_a_programming_error():
    with pytest.raises(ValueError, match="cluster permission"):
        _firm(FirmRole.OWNER).has(TenancyPerm.CLUSTER_VIEW)


def test_cluster_permission_for_member_firms():
    perm = cluster_permission("test.members", member_firms=True)
    assert Access(Scope.CLUSTER, Roles(works_in_cluster=True)).has(perm)
    assert not Access(Scope.CLUSTER, Roles(cluster=frozenset({ClusterRoleKind.MANAGER}))).has(perm)


def test_roles_that_see_member_firms_come_from_the_declared_permissions():
    # the assessor holds a firm permission of the audit (rating people as assessor), so member firms are
    # in the assessor's tenant scope, though the firm pages stay hidden (no firm.view).
    assert cluster_roles_seeing_firms() == {ClusterRoleKind.MANAGER, ClusterRoleKind.AUDITOR, ClusterRoleKind.ASSESSOR}

from skillcluster.tenancy.domain.roles import ClusterRoleKind, FirmRole, Perm, cluster_perms, firm_perms


def test_owner_may_do_everything_on_the_firm():
    assert firm_perms({FirmRole.OWNER}, set()) == {
        Perm.FIRM_VIEW,
        Perm.FIRM_EDIT,
        Perm.FIRM_VIEW_PEOPLE,
        Perm.FIRM_INVITE,
        Perm.FIRM_ASSIGN_ROLES,
    }


def test_employee_only_views_the_firm():
    assert firm_perms({FirmRole.EMPLOYEE}, set()) == {Perm.FIRM_VIEW}


def test_cluster_manager_reads_member_firms_but_never_edits_them():
    assert firm_perms(set(), {ClusterRoleKind.MANAGER}) == {Perm.FIRM_VIEW, Perm.FIRM_VIEW_PEOPLE}


def test_assessor_sees_no_firm_by_role_alone():
    assert firm_perms(set(), {ClusterRoleKind.ASSESSOR}) == frozenset()


def test_firm_member_sees_cluster_but_nothing_more():
    assert cluster_perms(set(), works_in_member_firm=True) == {Perm.CLUSTER_VIEW}
    assert cluster_perms(set(), works_in_member_firm=False) == frozenset()

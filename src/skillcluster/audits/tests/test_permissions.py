import pytest

from skillcluster.audits.domain.charts import category_bars, label_lines
from skillcluster.audits.domain.levels import Source
from skillcluster.audits.domain.permissions import rating_refusal
from skillcluster.tenancy.domain.permissions import Access, Roles, Scope
from skillcluster.tenancy.domain.roles import ClusterRoleKind, FirmRole


def audit_perms(firm_roles, cluster_roles):
    roles = Roles(frozenset(map(FirmRole, firm_roles)), frozenset(map(ClusterRoleKind, cluster_roles)))
    access = Access(Scope.FIRM, roles)
    return {code for code in access.perms if code.startswith("audit.")}


def test_perms_per_role():
    assert audit_perms(["employee"], []) == {"audit.rate_self"}
    assert audit_perms(["owner"], []) == {"audit.run", "audit.view_report", "audit.rate_self", "audit.rate_manager"}
    assert audit_perms([], ["auditor"]) == {"audit.run", "audit.view_report", "audit.rate_assessor"}
    assert audit_perms([], ["manager"]) == set()
    assert audit_perms([], ["assessor"]) == {"audit.rate_assessor"}
    assert audit_perms([], []) == set()


@pytest.mark.parametrize(
    ("roles", "source", "about_self", "expected"),
    [
        (["employee"], Source.SELF, True, None),
        (["employee"], Source.MANAGER, False, "Your role does not allow manager ratings in this firm."),
        (["manager"], Source.MANAGER, False, None),
        (["manager"], Source.MANAGER, True, "You cannot rate your own skills as manager; add a self rating."),
        (["owner"], Source.SELF, False, "A self rating is about your own skills only."),
        (
            ["owner"],
            Source.CREDENTIAL,
            False,
            "Credential ratings are added by the accreditation workflow, not by hand.",
        ),
    ],
)
def test_rating_refusal(roles, source, about_self, expected):
    access = Access(Scope.FIRM, Roles(firm=frozenset(map(FirmRole, roles))))
    assert rating_refusal(access, source, about_self=about_self) == expected


def test_chart_escapes_labels_and_scales_bars():
    svg = category_bars([{"label": "<b>x</b>", "coverage": 50, "gap_share": None}])
    assert "&lt;b&gt;x&lt;/b&gt;" in svg
    assert 'width="190"' in svg  # 50 % of the 380-pixel track
    assert ">n/a</text>" in svg


def test_long_category_labels_take_two_lines():
    assert label_lines("production, quality and safety") == ["production, quality and", "safety"]
    assert label_lines("management") == ["management"]
    svg = category_bars([{"label": "marketing, sales and customers", "coverage": 10, "gap_share": 20}])
    assert '<tspan x="0" y="46">marketing, sales and</tspan><tspan x="0" y="61">customers</tspan>' in svg

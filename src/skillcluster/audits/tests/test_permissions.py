import pytest

from skillcluster.audits.domain.charts import category_bars
from skillcluster.audits.domain.levels import Source
from skillcluster.audits.domain.permissions import AuditPerm, audit_perms, rating_refusal


def test_perms_per_role():
    assert audit_perms(["employee"], []) == {AuditPerm.RATE_SELF}
    assert audit_perms(["owner"], []) == {
        AuditPerm.RUN, AuditPerm.VIEW_REPORT, AuditPerm.RATE_SELF, AuditPerm.RATE_MANAGER,
    }  # fmt: skip
    assert audit_perms([], ["auditor"]) == {AuditPerm.RUN, AuditPerm.VIEW_REPORT, AuditPerm.RATE_ASSESSOR}
    assert audit_perms([], ["manager"]) == frozenset()
    assert audit_perms([], ["assessor"]) == {AuditPerm.RATE_ASSESSOR}
    assert audit_perms([], []) == frozenset()


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
    assert rating_refusal(audit_perms(roles, []), source, about_self=about_self) == expected


def test_chart_escapes_labels_and_scales_bars():
    svg = category_bars([{"label": "<b>x</b>", "coverage": 50, "gap_share": None}])
    assert "&lt;b&gt;x&lt;/b&gt;" in svg
    assert 'width="190"' in svg  # 50 % of the 380-pixel track
    assert ">n/a</text>" in svg

"""Who may do what in a firm's skills audit (pure: no Django). Roles are data; checks are named permissions.

* Run the audit (define roles and requirements, assign people, import a matrix, see the matrix and the gap
  report): the firm's owner or manager, or a skills auditor of the firm's cluster.
* Rate as ``self``: any member of the firm, for their own skills only.
* Rate as ``manager``: only the firm's owner or manager, and never about themselves (an employee rating a
  colleague as manager is refused; so is an auditor: the auditor runs the audit, the firm judges its staff).
* Rate as ``assessor``: an assessor or a skills auditor of the firm's cluster.
* ``credential`` ratings come from the accreditation context, never from a form.
* The cluster manager sees the cluster aggregates (k-floored) but not a firm's matrix, report or profiles:
  only the auditor the firm works with does (DESIGN.md: no raw firm data for the cluster).
"""

from __future__ import annotations

import enum
from collections.abc import Collection

from skillcluster.audits.domain.levels import Source


class AuditPerm(enum.StrEnum):
    RUN = "audit.run"
    VIEW_REPORT = "audit.view_report"
    RATE_SELF = "audit.rate_self"
    RATE_MANAGER = "audit.rate_manager"
    RATE_ASSESSOR = "audit.rate_assessor"


FIRM_ROLE_AUDIT_PERMS: dict[str, frozenset[AuditPerm]] = {
    "owner": frozenset({AuditPerm.RUN, AuditPerm.VIEW_REPORT, AuditPerm.RATE_SELF, AuditPerm.RATE_MANAGER}),
    "manager": frozenset({AuditPerm.RUN, AuditPerm.VIEW_REPORT, AuditPerm.RATE_SELF, AuditPerm.RATE_MANAGER}),
    "employee": frozenset({AuditPerm.RATE_SELF}),
}
CLUSTER_ROLE_AUDIT_PERMS: dict[str, frozenset[AuditPerm]] = {
    "auditor": frozenset({AuditPerm.RUN, AuditPerm.VIEW_REPORT, AuditPerm.RATE_ASSESSOR}),
    "manager": frozenset(),  # the cluster manager sees cluster aggregates only, never a firm's own ratings
    "assessor": frozenset({AuditPerm.RATE_ASSESSOR}),
}
SOURCE_PERM: dict[Source, AuditPerm | None] = {
    Source.SELF: AuditPerm.RATE_SELF,
    Source.MANAGER: AuditPerm.RATE_MANAGER,
    Source.ASSESSOR: AuditPerm.RATE_ASSESSOR,
    Source.CREDENTIAL: None,
}


def audit_perms(firm_roles: Collection[str], cluster_roles: Collection[str]) -> frozenset[AuditPerm]:
    """Union of what the person's roles in the firm and in the firm's cluster allow in its audit."""
    granted: set[AuditPerm] = set()
    for role in firm_roles:
        granted |= FIRM_ROLE_AUDIT_PERMS.get(role, frozenset())
    for role in cluster_roles:
        granted |= CLUSTER_ROLE_AUDIT_PERMS.get(role, frozenset())
    return frozenset(granted)


def rating_refusal(perms: Collection[AuditPerm], source: Source, *, about_self: bool) -> str | None:
    """Why the rater may not add this rating, or ``None`` when allowed."""
    needed = SOURCE_PERM[source]
    if needed is None:
        return "Credential ratings are added by the accreditation workflow, not by hand."
    if source is Source.SELF and not about_self:
        return "A self rating is about your own skills only."
    if source is not Source.SELF and about_self:
        return f"You cannot rate your own skills as {source.value}; add a self rating."
    if needed not in perms:
        return f"Your role does not allow {source.value} ratings in this firm."
    return None

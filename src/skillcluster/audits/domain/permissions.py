"""Who may do what in a firm's skills audit (pure: no Django), declared in the one permission model.

* Run the audit (define roles and requirements, assign people, import a matrix, see the matrix and the gap
  report): the firm's owner or manager, or a skills auditor of the firm's cluster.
* Rate as ``self``: any member of the firm, for their own skills only.
* Rate as ``manager``: only the firm's owner or manager, and never about themselves (an employee rating a
  colleague as manager is refused; so is an auditor: the auditor runs the audit, the firm judges its staff).
* Rate as ``assessor``: an assessor or a skills auditor of the firm's cluster. An assessor sees nothing else
  of the firm: the rating pages are the only ones the firm is visible on for them.
* ``credential`` ratings come from the accreditation context, never from a form.
* The cluster manager sees the cluster aggregates (k-floored) but not a firm's matrix, report or profiles:
  only the auditor the firm works with does (DESIGN.md: no raw firm data for the cluster).
"""

from __future__ import annotations

from skillcluster.audits.domain.levels import Source
from skillcluster.tenancy.domain.permissions import Access, Permission, firm_permission
from skillcluster.tenancy.domain.roles import ALL_FIRM_ROLES, ClusterRoleKind, FirmRole
from skillcluster.words import Translated, gettext, gettext_noop

_FIRM_LEADS = {FirmRole.OWNER, FirmRole.MANAGER}


class AuditPerm:
    RUN = firm_permission("audit.run", firm_roles=_FIRM_LEADS, cluster_roles={ClusterRoleKind.AUDITOR})
    VIEW_REPORT = firm_permission("audit.view_report", firm_roles=_FIRM_LEADS, cluster_roles={ClusterRoleKind.AUDITOR})
    RATE_SELF = firm_permission("audit.rate_self", firm_roles=ALL_FIRM_ROLES)
    RATE_MANAGER = firm_permission("audit.rate_manager", firm_roles=_FIRM_LEADS)
    RATE_ASSESSOR = firm_permission(
        "audit.rate_assessor", cluster_roles={ClusterRoleKind.AUDITOR, ClusterRoleKind.ASSESSOR}
    )


SOURCE_PERM: dict[Source, Permission | None] = {
    Source.SELF: AuditPerm.RATE_SELF,
    Source.MANAGER: AuditPerm.RATE_MANAGER,
    Source.ASSESSOR: AuditPerm.RATE_ASSESSOR,
    Source.CREDENTIAL: None,
}


# One whole sentence per source, so that each language words it its own way.
NOT_ABOUT_SELF = Translated(
    {
        Source.MANAGER: gettext_noop("You cannot rate your own skills as manager; add a self rating."),
        Source.ASSESSOR: gettext_noop("You cannot rate your own skills as assessor; add a self rating."),
    }
)
ROLE_REFUSES = Translated(
    {
        Source.SELF: gettext_noop("Your role does not allow self ratings in this firm."),
        Source.MANAGER: gettext_noop("Your role does not allow manager ratings in this firm."),
        Source.ASSESSOR: gettext_noop("Your role does not allow assessor ratings in this firm."),
    }
)


def rating_refusal(access: Access, source: Source, *, about_self: bool) -> str | None:
    """Why the rater may not add this rating, or ``None`` when allowed."""
    needed = SOURCE_PERM[source]
    if needed is None:
        return gettext("Credential ratings are added by the accreditation workflow, not by hand.")
    if source is Source.SELF and not about_self:
        return gettext("A self rating is about your own skills only.")
    if source is not Source.SELF and about_self:
        return NOT_ABOUT_SELF[source]
    if not access.has(needed):
        return ROLE_REFUSES[source]
    return None


def may_rate_others(access: Access) -> bool:
    return access.has(AuditPerm.RATE_MANAGER) or access.has(AuditPerm.RATE_ASSESSOR)

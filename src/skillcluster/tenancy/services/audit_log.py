"""The record of sensitive actions (role changes, removals, exports, erasures, credentials issued and revoked).

Every context writes through :func:`audit_record`, inside the transaction of the action itself, so an action
that rolls back leaves no entry and no committed action lacks one.
"""

from skillcluster.tenancy.models import AuditEvent, Cluster, Firm, Person


def audit_record(
    action: str,
    *,
    actor: Person | None,
    subject: str = "",
    firm: Firm | None = None,
    cluster: Cluster | None = None,
    **detail: object,
) -> AuditEvent:
    """Record ``action`` ("<context>.<verb>") by ``actor`` about ``subject`` (in words, as people read it)."""
    if cluster is None and firm is not None:
        cluster = firm.cluster
    return AuditEvent.all_objects.create(
        action=action, actor=actor, subject=subject[:300], firm=firm, cluster=cluster, detail=detail
    )

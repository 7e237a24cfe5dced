"""Reads, always scoped to what the caller may see.

The access helpers are the only way views and the API fetch a firm or a cluster: a row the
user may not see answers 404 exactly like a missing one; a visible row without the asked
permission answers 403.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from skillcluster.tenancy.domain.permissions import (
    Access,
    Permission,
    Roles,
    Scope,
    TenancyPerm,
    cluster_roles_seeing_firms,
)
from skillcluster.tenancy.domain.roles import ClusterRoleKind, FirmRole
from skillcluster.tenancy.models import (
    ApiToken,
    AuditEvent,
    Cluster,
    ClusterRole,
    Firm,
    FirmRelation,
    Invitation,
    Membership,
    Person,
)


def mail_language(chosen: str, cluster: Cluster | None) -> str:
    """The language an e-mail is written in: the recipient's choice, else their cluster's, else the site's."""
    return chosen or (cluster.language if cluster is not None else "") or settings.LANGUAGE_CODE


def visible_scope(user: object) -> tuple[list[int], list[int]]:
    """(firm ids, cluster ids) the user may see; two empty lists for anonymous users."""
    if not isinstance(user, Person) or not user.is_active:
        return [], []
    # Every request runs this: a UNION of index lookups, not an OR across subqueries (which scans every firm of
    # the database, a cost that grows with the whole region rather than with what the person sees). No ORDER BY
    # inside the UNION (SQLite refuses one).
    own = Membership.all_objects.filter(person=user, firm__left_at__isnull=True).order_by()
    roles = ClusterRole.all_objects.filter(person=user).order_by()
    watching = roles.filter(role__in=[role.value for role in cluster_roles_seeing_firms()])
    firm_ids = own.values_list("firm_id", flat=True).union(
        Firm.all_objects.filter(cluster_id__in=watching.values("cluster_id")).order_by().values_list("id", flat=True)
    )
    cluster_ids = roles.values_list("cluster_id", flat=True).union(own.values_list("firm__cluster_id", flat=True))
    return sorted(firm_ids), sorted(cluster_ids)


def firm_access(user: Person, firm: Firm) -> Access:
    """The person's roles on the firm; a firm that left the cluster grants its former people nothing."""
    firm_roles = Membership.objects.filter(person=user, firm=firm, firm__left_at__isnull=True).values_list(
        "role", flat=True
    )
    cluster_roles = ClusterRole.objects.filter(person=user, cluster_id=firm.cluster_id).values_list("role", flat=True)
    roles = Roles(firm=frozenset(map(FirmRole, firm_roles)), cluster=frozenset(map(ClusterRoleKind, cluster_roles)))
    return Access(Scope.FIRM, roles)


def cluster_access(user: Person, cluster: Cluster) -> Access:
    cluster_roles = ClusterRole.objects.filter(person=user, cluster=cluster).values_list("role", flat=True)
    works_here = Membership.objects.filter(person=user, firm__cluster=cluster, firm__left_at__isnull=True).exists()
    return Access(
        Scope.CLUSTER, Roles(cluster=frozenset(map(ClusterRoleKind, cluster_roles)), works_in_cluster=works_here)
    )


def _check(access: Access, perm: Permission | None, view: Permission, name: str, what: str) -> None:
    """404 unless the person may view the object or was granted the very action asked (an assessor rates a
    member firm's people without seeing the firm's pages); 403 for a visible object without ``perm``.
    ``perm=None`` asks for no action: any permission on the object makes it visible."""
    visible = access.has(view) or (access.is_visible if perm is None else access.has(perm))
    if not visible:
        raise Http404(f"No such {what}")
    if perm is not None and not access.has(perm):
        raise PermissionDenied(gettext("Your role in %(name)s does not allow this") % {"name": name})


def firm_get_for_user(
    user: Person, firm_id: int, *, perm: Permission | None = TenancyPerm.FIRM_VIEW
) -> tuple[Firm, Access]:
    firm = Firm.objects.select_related("cluster").filter(pk=firm_id).first()
    if firm is None:
        raise Http404("No such firm")
    access = firm_access(user, firm)
    _check(access, perm, TenancyPerm.FIRM_VIEW, firm.legal_name, "firm")
    return firm, access


def cluster_get_for_user(
    user: Person, cluster_id: int, *, perm: Permission | None = TenancyPerm.CLUSTER_VIEW
) -> tuple[Cluster, Access]:
    cluster = Cluster.objects.select_related("support_organisation").filter(pk=cluster_id).first()
    if cluster is None:
        raise Http404("No such cluster")
    access = cluster_access(user, cluster)
    _check(access, perm, TenancyPerm.CLUSTER_VIEW, cluster.name, "cluster")
    return cluster, access


def works_in_firm(user: Person, firm_id: int) -> bool:
    return Membership.objects.filter(person=user, firm_id=firm_id).exists()


def conflicted_firm_ids(user: Person) -> set[int]:
    """Firms whose people this person may not judge: the firms they work in, and the competitors and customers
    those firms declared or were declared by (a conflict of interest either way)."""
    own = set(Membership.all_objects.filter(person=user).values_list("firm_id", flat=True))
    declared = FirmRelation.all_objects.filter(firm_id__in=own).values_list("other_id", flat=True)
    declaring = FirmRelation.all_objects.filter(other_id__in=own).values_list("firm_id", flat=True)
    return own | set(declared) | set(declaring)


def relation_list_for_firm(firm: Firm) -> QuerySet[FirmRelation]:
    return FirmRelation.objects.filter(firm=firm).select_related("other").order_by("kind", "other__legal_name")


def membership_get_for_user(user: Person, firm: Firm, membership_id: int) -> Membership:
    membership = Membership.objects.select_related("person").filter(pk=membership_id, firm=firm).first()
    if membership is None:
        raise Http404("No such member")
    return membership


def cluster_list_for_user(user: Person) -> QuerySet[Cluster]:
    """The clusters `user` sees: the request's tenant scope (set for this user) does the filtering."""
    return Cluster.objects.select_related("support_organisation").annotate(firm_count=Count("firms"))


def firm_list_for_cluster(cluster: Cluster) -> QuerySet[Firm]:
    """The cluster's member firms (not those that left)."""
    return Firm.objects.filter(cluster=cluster, left_at__isnull=True).annotate(
        people=Count("memberships"),
        owners=Count("memberships", filter=Q(memberships__role=FirmRole.OWNER)),
    )


def last_login_by_firm(cluster: Cluster) -> dict[int, dt.datetime]:
    """When someone of each firm last logged in (firms where nobody has are left out)."""
    rows = (
        Membership.objects.filter(firm__cluster=cluster, person__last_login__isnull=False)
        .values_list("firm_id")
        .annotate(Max("person__last_login"))
        .order_by()
    )
    return dict(rows)


def firm_count_for_cluster(cluster: Cluster) -> int:
    """All the cluster's member firms, whoever asks (a firm's own request is scoped to that firm)."""
    return Firm.all_objects.filter(cluster=cluster, left_at__isnull=True).count()


def firm_peer_list(firm: Firm) -> QuerySet[Firm]:
    """The other firms of the firm's cluster, by name: a firm's request is scoped to itself."""
    return (
        Firm.all_objects.filter(cluster_id=firm.cluster_id, left_at__isnull=True)
        .exclude(pk=firm.pk)
        .order_by("legal_name")
    )


def firm_list_for_person(user: Person) -> QuerySet[Membership]:
    return Membership.objects.filter(person=user, firm__left_at__isnull=True).select_related("firm", "firm__cluster")


def cluster_roles_for_person(user: Person) -> QuerySet[ClusterRole]:
    return ClusterRole.objects.filter(person=user).select_related("cluster")


def member_list_for_firm(firm: Firm) -> QuerySet[Membership]:
    return Membership.objects.filter(firm=firm).select_related("person").order_by("person__full_name")


def invitation_list_for_firm(firm: Firm) -> QuerySet[Invitation]:
    return Invitation.objects.filter(firm=firm).select_related("accepted_by", "invited_by")


def invitation_pending_for_firm(firm: Firm) -> QuerySet[Invitation]:
    """Invitations to the firm neither accepted nor expired (their link still works)."""
    since = timezone.now() - dt.timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
    return Invitation.objects.filter(firm=firm, accepted_at__isnull=True, created_at__gte=since)


def invitation_list_for_cluster(cluster: Cluster) -> QuerySet[Invitation]:
    """Invitations the cluster sent itself: firm owners and cluster roles (not firms' own staff invitations)."""
    owner_or_cluster_role = Q(firm_role=FirmRole.OWNER) | Q(firm__isnull=True)
    return Invitation.objects.filter(owner_or_cluster_role, cluster=cluster).select_related("firm", "accepted_by")


def token_list_for_person(user: Person) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(person=user)


@dataclass(frozen=True)
class ClusterSummary:
    firms: int
    people: int
    startups: int
    by_size: list[tuple[str, int, int]]  # (size class label, firms, percent of firms)


def cluster_summary(cluster: Cluster, *, current_year: int) -> ClusterSummary:
    """Counts for the cluster page's headline figures, aggregated in SQL."""
    firms = Firm.objects.filter(cluster=cluster)
    sizes = dict(firms.values_list("size_class").annotate(n=Count("id")).order_by())
    total = sum(sizes.values())
    order = [
        ("micro", gettext("Micro (< 10)")),
        ("small", gettext("Small (< 50)")),
        ("medium", gettext("Medium (< 250)")),
        ("large", gettext("Large")),
    ]
    by_size = [
        (key, label, sizes.get(key, 0), round(100 * sizes.get(key, 0) / total) if total else 0) for key, label in order
    ]
    return ClusterSummary(
        firms=total,
        people=Membership.objects.filter(firm__cluster=cluster).values("person").distinct().count(),
        startups=firms.filter(founding_year__gt=current_year - 5).count(),
        by_size=[(label, count, percent) for key, label, count, percent in by_size if key != "large" or count],
    )


def database_ping() -> None:
    """One round trip to the database; raises DatabaseError when it cannot be reached."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def audit_events_for_firm(firm: Firm, *, limit: int = 20) -> list[AuditEvent]:
    return list(AuditEvent.all_objects.filter(firm=firm).select_related("actor")[:limit])


def audit_events_for_cluster(cluster: Cluster, *, limit: int = 50) -> list[AuditEvent]:
    """The cluster's own actions and its firms' (the cluster manager's record of sensitive actions)."""
    return list(AuditEvent.all_objects.filter(cluster=cluster).select_related("actor", "firm")[:limit])

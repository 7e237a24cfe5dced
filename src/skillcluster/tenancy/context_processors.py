from django.http import HttpRequest

from skillcluster.tenancy.models import Person
from skillcluster.tenancy.selectors import cluster_roles_for_person, firm_list_for_person


def navigation(request: HttpRequest) -> dict[str, object]:
    """The clusters and firms the signed-in person belongs to, for the role-aware menu."""
    user = getattr(request, "user", None)  # absent on a request refused before authentication (too large)
    if not isinstance(user, Person):
        return {}
    roles = list(cluster_roles_for_person(user))
    clusters = {role.cluster for role in roles}
    memberships = list(firm_list_for_person(user))
    clusters |= {membership.firm.cluster for membership in memberships}
    return {
        "nav_clusters": sorted(clusters, key=lambda c: c.name),
        "nav_memberships": memberships,
        "nav_cluster_roles": roles,
    }

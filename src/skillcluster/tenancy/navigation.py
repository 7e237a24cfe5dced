"""Tabs that other contexts add to the firm and cluster pages (registered in their AppConfig.ready()).

Tenancy knows nothing of the contexts built on it; they register here, so imports keep running one way.
A tab shows to whoever holds its permission on the firm (cluster) the page is about.
"""

from dataclasses import dataclass

from skillcluster.tenancy.domain.permissions import Permission, TenancyPerm


@dataclass(frozen=True)
class Tab:
    label: str
    url_name: str  # reversed with the firm's or the cluster's id
    perm: Permission


FIRM_TABS: list[Tab] = [Tab("Overview", "firm_detail", TenancyPerm.FIRM_VIEW)]
CLUSTER_TABS: list[Tab] = [Tab("Overview", "cluster_detail", TenancyPerm.CLUSTER_VIEW)]


def register_firm_tab(label: str, url_name: str, perm: Permission = TenancyPerm.FIRM_VIEW) -> None:
    if all(tab.url_name != url_name for tab in FIRM_TABS):
        FIRM_TABS.append(Tab(label, url_name, perm))


def register_cluster_tab(label: str, url_name: str, perm: Permission = TenancyPerm.CLUSTER_VIEW) -> None:
    if all(tab.url_name != url_name for tab in CLUSTER_TABS):
        CLUSTER_TABS.append(Tab(label, url_name, perm))

from django import template
from django.urls import reverse

from skillcluster.tenancy.navigation import CLUSTER_TABS, FIRM_TABS, Tab

register = template.Library()


def _tabs(tabs: list[Tab], object_id: int, perms: frozenset[str], current_path: str) -> list[dict[str, object]]:
    shown = []
    for tab in tabs:
        if tab.perm in perms:
            url = reverse(tab.url_name, args=[object_id])
            shown.append({"label": tab.label, "url": url, "current": current_path == url})
    return shown


@register.inclusion_tag("tenancy/tabs.html", takes_context=True)
def firm_tabs(context: template.Context, firm: object, access: object) -> dict[str, object]:
    path = context["request"].path
    return {"tabs": _tabs(FIRM_TABS, firm.pk, access.perms, path)}  # type: ignore[attr-defined]


@register.inclusion_tag("tenancy/tabs.html", takes_context=True)
def cluster_tabs(context: template.Context, cluster: object, access: object) -> dict[str, object]:
    path = context["request"].path
    return {"tabs": _tabs(CLUSTER_TABS, cluster.pk, access.perms, path)}  # type: ignore[attr-defined]

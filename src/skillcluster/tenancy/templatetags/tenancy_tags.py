from django import template
from django.db.models import Model
from django.urls import reverse

from skillcluster.tenancy.domain.links import is_safe_link
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.navigation import CLUSTER_TABS, FIRM_TABS, Tab

register = template.Library()


def _tabs(tabs: list[Tab], object_id: object, access: Access, current_path: str) -> list[dict[str, object]]:
    shown: list[dict[str, object]] = []
    for tab in tabs:
        if access.has(tab.perm):
            url = reverse(tab.url_name, args=[object_id])
            shown.append({"label": tab.label, "url": url, "current": current_path == url})
    return shown


@register.inclusion_tag("tenancy/tabs.html", takes_context=True)
def firm_tabs(context: template.Context, firm: Model, access: Access) -> dict[str, object]:
    return {
        "tabs": _tabs(FIRM_TABS, firm.pk, access, context["request"].path),
        "demo": _is_demo(getattr(firm, "cluster", None)),
    }


@register.inclusion_tag("tenancy/tabs.html", takes_context=True)
def cluster_tabs(context: template.Context, cluster: Model, access: Access) -> dict[str, object]:
    return {"tabs": _tabs(CLUSTER_TABS, cluster.pk, access, context["request"].path), "demo": _is_demo(cluster)}


def _is_demo(cluster: object) -> bool:
    return bool(getattr(cluster, "is_demo", False))


@register.filter
def safe_link(value: object) -> str:
    """The link when it is one we would store (http or https, with a host), else "": render
    ``{% if x|safe_link %}<a href="{{ x }}">`` so that no stored or received text becomes a script link."""
    return value if isinstance(value, str) and is_safe_link(value) else ""

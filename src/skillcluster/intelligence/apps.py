from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntelligenceConfig(AppConfig):
    """Market intelligence for the cluster: job ads imported, de-duplicated and linked to ESCO skills; demand
    by skill, category, region and month with trends; training needs re-ranked by what the market asks."""

    name = "skillcluster.intelligence"
    label = "intelligence"
    verbose_name = "Market intelligence"

    def ready(self) -> None:
        from skillcluster.audits.domain.permissions import AuditPerm
        from skillcluster.intelligence.domain.permissions import IntelligencePerm
        from skillcluster.intelligence.navigation import briefing_offer
        from skillcluster.tenancy.navigation import register_activity_offer, register_cluster_tab, register_firm_tab

        register_cluster_tab(_("Market"), "intelligence_cluster", IntelligencePerm.VIEW)
        register_firm_tab(_("Market"), "intelligence_firm", AuditPerm.VIEW_REPORT)
        register_activity_offer("market_intelligence_service", briefing_offer)

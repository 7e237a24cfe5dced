from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "skillcluster.audits"
    label = "audits"
    verbose_name = "Skills audit"

    def ready(self) -> None:
        from skillcluster.tenancy.domain.roles import Perm
        from skillcluster.tenancy.navigation import register_cluster_tab, register_firm_tab

        register_firm_tab("Skills audit", "audits_firm", Perm.FIRM_VIEW)
        register_cluster_tab("Skills", "audits_cluster", Perm.CLUSTER_VIEW_AGGREGATES)

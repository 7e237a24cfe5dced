from django.apps import AppConfig


class DiagnosticsConfig(AppConfig):
    name = "skillcluster.diagnostics"
    label = "diagnostics"
    verbose_name = "Learning-organisation diagnostic"

    def ready(self) -> None:
        from skillcluster.tenancy.domain.roles import Perm
        from skillcluster.tenancy.navigation import register_cluster_tab, register_firm_tab

        register_firm_tab("Learning diagnostic", "diagnostics_firm", Perm.FIRM_VIEW)
        register_cluster_tab("Diagnostic rounds", "diagnostics_cluster", Perm.CLUSTER_VIEW_AGGREGATES)

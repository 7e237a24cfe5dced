from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiagnosticsConfig(AppConfig):
    name = "skillcluster.diagnostics"
    label = "diagnostics"
    verbose_name = "Learning-organisation diagnostic"

    def ready(self) -> None:
        # Importing the permissions declares them in the one permission model; the tabs show by them.
        from skillcluster.diagnostics import services
        from skillcluster.diagnostics.domain.permissions import DiagnosticPerm  # noqa: F401
        from skillcluster.diagnostics.navigation import engagement, firm_todos
        from skillcluster.diagnostics.selectors import firm_data
        from skillcluster.tenancy.domain.permissions import TenancyPerm
        from skillcluster.tenancy.navigation import (
            register_cluster_tab,
            register_engagement,
            register_firm_tab,
            register_firm_todos,
        )
        from skillcluster.tenancy.services.people import register_firm_data, register_personal_data

        register_firm_tab(_("Learning diagnostic"), "diagnostics_firm", TenancyPerm.FIRM_VIEW)
        register_cluster_tab(_("Diagnostic rounds"), "diagnostics_cluster", TenancyPerm.CLUSTER_VIEW_AGGREGATES)
        register_firm_todos(firm_todos)
        register_engagement(engagement)
        register_personal_data("diagnostic", export=services.personal_data_export, erase=services.personal_data_erase)
        register_firm_data("diagnostic", firm_data.firm_export)

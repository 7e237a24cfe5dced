from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    name = "skillcluster.accreditation"
    label = "accreditation"
    verbose_name = "Accreditation of informal learning"

    def ready(self) -> None:
        # Importing the permissions declares them in the one permission model; the tabs show by them.
        from skillcluster.accreditation.domain.permissions import AccreditationPerm  # noqa: F401
        from skillcluster.accreditation.navigation import engagement, firm_todos
        from skillcluster.accreditation.services import personal_data
        from skillcluster.tenancy.domain.permissions import TenancyPerm
        from skillcluster.tenancy.navigation import (
            register_cluster_tab,
            register_engagement,
            register_firm_tab,
            register_firm_todos,
        )
        from skillcluster.tenancy.services.people import register_personal_data

        register_firm_tab(_("Credentials"), "accreditation_firm", TenancyPerm.FIRM_VIEW)
        register_cluster_tab(_("Accreditation"), "accreditation_cluster", TenancyPerm.CLUSTER_VIEW)
        register_firm_todos(firm_todos)
        register_engagement(engagement)
        register_personal_data("accreditation", export=personal_data.export, erase=personal_data.erase)

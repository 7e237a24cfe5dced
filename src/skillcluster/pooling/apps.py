from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoolingConfig(AppConfig):
    name = "skillcluster.pooling"
    label = "pooling"
    verbose_name = "Pooled services"

    def ready(self) -> None:
        # Importing the permissions declares them in the one permission model; the tabs show by them.
        from skillcluster.pooling.domain.permissions import PoolingPerm
        from skillcluster.pooling.navigation import pooled_training_offer
        from skillcluster.pooling.services import personal_data
        from skillcluster.tenancy.navigation import register_activity_offer, register_cluster_tab, register_firm_tab
        from skillcluster.tenancy.services.people import register_firm_data, register_personal_data

        register_firm_tab(_("Pooled training"), "pooling_firm", PoolingPerm.VIEW_BOOKINGS)
        register_cluster_tab(_("Pooled services"), "pooling_cluster", PoolingPerm.VIEW_CATALOGUE)
        register_personal_data("pooled_training", export=personal_data.export, erase=personal_data.erase)
        register_activity_offer("pooled_training", pooled_training_offer)
        register_firm_data("pooled_training", personal_data.firm_export)

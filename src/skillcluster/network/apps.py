from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """The informal learning network across firms: offers to mentor, mentor matching (`domain/matching.py`)
    and mentorships, peer circles, job shadowing and placements, the learning log that becomes a claim's
    evidence, and the cluster's knowledge-flow map."""

    name = "skillcluster.network"
    label = "network"
    verbose_name = "Learning network"

    def ready(self) -> None:
        # Importing the permissions declares them in the one permission model; the tabs show by them.
        from skillcluster.network.domain.permissions import NetworkPerm
        from skillcluster.network.navigation import firm_todos
        from skillcluster.network.selectors import personal_data
        from skillcluster.network.services.personal_data import erase
        from skillcluster.tenancy.navigation import register_cluster_tab, register_firm_tab, register_firm_todos
        from skillcluster.tenancy.services.people import register_firm_data, register_personal_data

        register_firm_tab(_("Learning network"), "network_firm", NetworkPerm.OFFER)
        register_cluster_tab(_("Learning network"), "network_flows", NetworkPerm.FLOWS)
        register_firm_todos(firm_todos)
        register_personal_data("learning_network", export=personal_data.person_export, erase=erase)
        register_firm_data("learning_network", personal_data.firm_export)

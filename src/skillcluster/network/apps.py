from django.apps import AppConfig


class NetworkConfig(AppConfig):
    """The informal learning network across firms: mentoring, peer circles, placements, the learning log.
    Built in slices: the mentor matching (`domain/matching.py`), people's offers to mentor with their owner's
    agreement."""

    name = "skillcluster.network"
    label = "network"
    verbose_name = "Learning network"

    def ready(self) -> None:
        # Importing the permissions declares them in the one permission model; the tab shows by them.
        from skillcluster.network import selectors
        from skillcluster.network.domain.permissions import NetworkPerm
        from skillcluster.network.navigation import firm_todos
        from skillcluster.tenancy.navigation import register_firm_tab, register_firm_todos
        from skillcluster.tenancy.services.people import register_firm_data, register_personal_data

        register_firm_tab("Mentoring", "network_firm", NetworkPerm.OFFER)
        register_firm_todos(firm_todos)
        # Offers hold no free text about the person: erasure has nothing to blank (the person's row is anonymised).
        register_personal_data("learning_network", export=selectors.person_export, erase=lambda person: None)
        register_firm_data("learning_network", selectors.firm_export)

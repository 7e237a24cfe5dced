from django.apps import AppConfig


class AccreditationConfig(AppConfig):
    name = "skillcluster.accreditation"
    label = "accreditation"
    verbose_name = "Accreditation of informal learning"

    def ready(self) -> None:
        from skillcluster.tenancy.domain.roles import Perm
        from skillcluster.tenancy.navigation import register_cluster_tab, register_firm_tab

        register_firm_tab("Credentials", "accreditation_firm", Perm.FIRM_VIEW)
        register_cluster_tab("Accreditation", "accreditation_cluster", Perm.CLUSTER_VIEW)

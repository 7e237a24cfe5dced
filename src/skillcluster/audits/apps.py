from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class AuditsConfig(AppConfig):
    name = "skillcluster.audits"
    label = "audits"
    verbose_name = "Skills audit"

    def ready(self) -> None:
        # Importing the permissions declares them in the one permission model; the tabs show by them.
        from skillcluster import events
        from skillcluster.accreditation.domain.events import CredentialIssued, CredentialRevoked
        from skillcluster.audits.domain.permissions import AuditPerm  # noqa: F401
        from skillcluster.audits.navigation import engagement, firm_todos
        from skillcluster.audits.services import personal_data, skill_record
        from skillcluster.tenancy.domain.permissions import TenancyPerm
        from skillcluster.tenancy.navigation import (
            register_cluster_tab,
            register_engagement,
            register_firm_tab,
            register_firm_todos,
        )
        from skillcluster.tenancy.services.people import register_firm_data, register_personal_data

        register_firm_tab(gettext_lazy("Skills audit"), "audits_firm", TenancyPerm.FIRM_VIEW)
        register_cluster_tab(gettext_lazy("Skills"), "audits_cluster", TenancyPerm.CLUSTER_VIEW_AGGREGATES)
        events.subscribe(CredentialIssued, skill_record.on_credential_issued)
        events.subscribe(CredentialRevoked, skill_record.on_credential_revoked)
        register_firm_todos(firm_todos)
        register_engagement(engagement)
        register_personal_data("skills_audit", export=personal_data.export, erase=personal_data.erase)
        register_firm_data("skills_audit", personal_data.firm_export)

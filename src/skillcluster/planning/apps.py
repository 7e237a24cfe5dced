from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    """A firm's learning plan and its follow-up: items from the diagnostic, the audit, cohorts, mentoring and
    the market briefing, each tagged with the learning component it serves; crisis-mode check-ins."""

    name = "skillcluster.planning"
    label = "planning"
    verbose_name = "Learning plan"

    def ready(self) -> None:
        from skillcluster.planning.domain.permissions import PlanningPerm
        from skillcluster.planning.navigation import done_actions
        from skillcluster.tenancy.navigation import register_cluster_tab, register_done_actions, register_firm_tab

        register_firm_tab(_("Learning plan"), "planning_firm", PlanningPerm.KEEP)
        register_cluster_tab(_("Learning plans"), "planning_cluster", PlanningPerm.CLUSTER)
        register_done_actions(done_actions)

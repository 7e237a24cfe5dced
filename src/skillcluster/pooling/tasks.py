"""Background work of pooled services: forming the cohorts (seconds for a large cluster) runs in the task
queue, not in the manager's request; the plan page shows it forming and refreshes until it is done."""

from django_scopes import scopes_disabled
from django_tasks import task

from skillcluster.pooling.models import CohortPlan, PlanStatus
from skillcluster.pooling.services.cohorts import cohort_form_run


@task()
def form_cohorts(plan_id: int) -> str:
    """Fill the plan (`cohort_form_run`); the worker reads across firms like the seed does, outside any
    request's tenant scope. A failure is kept on the plan, in words, for the page to show."""
    with scopes_disabled():
        plan = CohortPlan.all_objects.select_related("cluster").filter(pk=plan_id, status=PlanStatus.FORMING).first()
        if plan is None:
            return "gone"
        try:
            return cohort_form_run(plan=plan).status
        except Exception as error:
            CohortPlan.all_objects.filter(pk=plan_id).update(status=PlanStatus.FAILED, error=str(error)[:300])
            raise

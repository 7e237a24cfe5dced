"""The pooling demo seed on the catalogue's ESCO skills alone (no roles ask for them: owners ask as a wish)."""

from skillcluster.audits.models import RatingProposal
from skillcluster.pooling import seed as pooling_seed
from skillcluster.pooling.models import Attendance, CohortPlan, SeatRequest, Service
from skillcluster.seeding import SeedContext
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy import seed as tenancy_seed


def test_the_seed_forms_and_confirms_cohorts_shows_a_held_workshop_and_is_idempotent(db):
    uris = {uri for *_, skills, _, _ in pooling_seed.CATALOGUE for uri in skills}
    Skill.objects.bulk_create(Skill(uri=pooling_seed.SKILL + uri, preferred_label=uri[:8]) for uri in sorted(uris))
    ctx = SeedContext(seed=1, firm_count=8, current_year=2026, out=lambda _: None)
    tenancy_seed.seed(ctx)
    pooling_seed.seed(ctx)
    assert Service.all_objects.count() == len(pooling_seed.CATALOGUE)
    plan = CohortPlan.all_objects.get()
    assert (plan.status, plan.solver_status, plan.conflicts) == ("confirmed", "optimal", [])
    booked = SeatRequest.all_objects.filter(status="booked").count()
    assert booked == len(plan.seats) + Attendance.all_objects.count()  # the plan's seats and the held workshop's
    assert Attendance.all_objects.filter(attended=True).count() == Attendance.all_objects.count() - 1
    assert RatingProposal.all_objects.filter(status="confirmed").exists()
    counts = (SeatRequest.all_objects.count(), Attendance.all_objects.count(), RatingProposal.all_objects.count())
    pooling_seed.seed(ctx)
    assert (
        SeatRequest.all_objects.count(),
        Attendance.all_objects.count(),
        RatingProposal.all_objects.count(),
    ) == counts

"""Demo seed step for learning plans: for the district's firms scored in the last two closed diagnostic rounds,
the plan each kept between them (some of its actions done, more often mentoring and reviews in firms whose
score rose, so the cluster's effect table has something to show: demo data, and the pages say so), and this
year's plan for most firms with a few actions done. Idempotent: a cluster with plans is kept."""

import datetime as dt
import math

from django.utils import timezone

from skillcluster.diagnostics.models import DiagnosticRound
from skillcluster.diagnostics.selectors.firm_report import overall, round_firm_data
from skillcluster.planning.domain.sources import ACTIVITIES
from skillcluster.planning.models import ItemStatus, Plan, PlanItem
from skillcluster.planning.services import check_item_add, plan_current
from skillcluster.seeding import SeedContext
from skillcluster.tenancy.domain.roles import FirmRole
from skillcluster.tenancy.models import Cluster, Firm, Membership, Person
from skillcluster.tenancy.selectors import firm_access

ACTIONS = [  # (title, activity of `domain/sources.py`)
    ("Weekly 15-minute learning review with the staff", "learning_review"),
    ("Mentoring across firms for two people", "mentoring"),
    ("Pooled course for the sales staff", "pooled_training"),
    ("Read the cluster's market briefing and discuss it", "market_intelligence_service"),
    ("Join the marketing circle of the district", "peer_network"),
    ("One-page development plan for each person", "development_plan"),
]
LIFTS = {"learning_review", "mentoring", "development_plan"}  # done more often where the score rose (demo)


def seed(ctx: SeedContext) -> None:
    cluster = ctx.shared.get("cluster")
    if not isinstance(cluster, Cluster):
        return
    if Plan.all_objects.filter(firm__cluster=cluster).exists():
        ctx.out("Learning plans: reusing the existing plans.")
        return
    rng = ctx.rng("planning")
    rounds = list(DiagnosticRound.all_objects.filter(cluster=cluster, closed_at__isnull=False).order_by("-opens_on"))
    past = 0
    if len(rounds) >= 2:
        later, earlier = rounds[0], rounds[1]
        before, after = round_firm_data(earlier), round_firm_data(later)
        for firm_id in sorted(set(before) & set(after)):
            first, second = overall(before[firm_id].scores), overall(after[firm_id].scores)
            owner = _owner(firm_id)
            if first is None or second is None or owner is None:
                continue
            rose = 1 / (1 + math.exp(-(second - first) / 4))  # 0..1, higher where the score rose
            starts = earlier.opens_on + dt.timedelta(days=20)
            plan = Plan.all_objects.create(firm_id=firm_id, starts_on=starts, ends_on=later.opens_on, created_by=owner)
            access = firm_access(owner, plan.firm)
            for title, activity in ACTIONS:
                component, kind, hours = ACTIVITIES[activity]
                due = starts + dt.timedelta(days=rng.randint(30, (later.opens_on - starts).days - 1))
                item = check_item_add(access=access, plan=plan, title=title, component=component, kind=kind,
                                      hours=hours, due_on=due, source="hand")  # fmt: skip
                chance = 0.15 + 0.7 * rose if activity in LIFTS else 0.45
                if rng.random() < chance:
                    PlanItem.objects.filter(pk=item.pk).update(status=ItemStatus.DONE, done_on=due)
            past += 1
    current = 0
    for firm in Firm.all_objects.filter(cluster=cluster, left_at__isnull=True).order_by("pk"):
        owner = _owner(firm.pk)
        if owner is None or rng.random() < 0.3:
            continue
        plan = plan_current(firm=firm, actor=owner)
        access = firm_access(owner, firm)
        for title, activity in rng.sample(ACTIONS, k=rng.randint(2, 4)):
            component, kind, hours = ACTIVITIES[activity]
            due = plan.starts_on + dt.timedelta(days=rng.randint(20, 330))
            item = check_item_add(access=access, plan=plan, title=title, component=component, kind=kind, hours=hours,
                                  due_on=due, source="hand")  # fmt: skip
            if rng.random() < 0.25:
                PlanItem.objects.filter(pk=item.pk).update(status=ItemStatus.DONE, done_on=timezone.localdate())
        current += 1
    ctx.out(f"Learning plans: {past} plans kept between the last two rounds, {current} plans for this year.")


def _owner(firm_id: int) -> Person | None:
    row = Membership.all_objects.filter(firm_id=firm_id, role=FirmRole.OWNER).select_related("person").first()
    return row.person if row else None

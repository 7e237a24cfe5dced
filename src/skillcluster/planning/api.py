"""Learning-plan endpoints: a firm's current plan with its figures, and adding an item; the same selectors and
services as the page."""

import datetime as dt
from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema, Status
from pydantic import Field

from skillcluster.planning import selectors, services
from skillcluster.planning.domain.permissions import PlanningPerm
from skillcluster.planning.domain.plan import COMPONENTS
from skillcluster.planning.models import PlanItem
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.models import Person
from skillcluster.tenancy.selectors import firm_get_for_user

router = Router(tags=["learning plan"])


class ItemOut(Schema):
    id: int
    title: str
    component: str
    kind: str
    hours: float
    due_on: dt.date
    status: str
    source: str


class PlanOut(Schema):
    starts_on: dt.date
    ends_on: dt.date
    items: list[ItemOut]
    planned_hours: dict[str, float]
    done_hours: dict[str, float]
    notes: list[str]
    completion_percent: int


class ItemIn(Schema):
    title: str = Field(max_length=500)
    component: str = Field(max_length=40)
    kind: str = Field(default="other", max_length=20)
    hours: Decimal = Field(ge=-10_000, le=10_000)
    due_on: dt.date
    cost_cents: int = Field(default=0, ge=-(2**31), le=2**31)
    funding_cents: int = Field(default=0, ge=-(2**31), le=2**31)
    person_ids: list[int] = Field(default_factory=list, max_length=50)


def _item(item: PlanItem) -> dict[str, object]:
    return {"id": item.pk, "title": item.title, "component": item.component, "kind": item.kind,
            "hours": float(item.hours), "due_on": item.due_on, "status": item.status,
            "source": item.source}  # fmt: skip


@router.get("/firms/{firm_id}/plan", response=PlanOut)
def plan(request: PersonRequest, firm_id: int) -> object:
    firm, _ = firm_get_for_user(request.user, firm_id, perm=PlanningPerm.KEEP)
    found = services.plan_current(firm=firm, actor=request.user)
    view = selectors.plan_view(found, None)
    return {"starts_on": found.starts_on, "ends_on": found.ends_on, "items": [_item(i) for i in view.items],
            "planned_hours": {c: view.balance.planned[c] for c in COMPONENTS},
            "done_hours": {c: view.balance.done[c] for c in COMPONENTS}, "notes": view.notes,
            "completion_percent": view.completion.percent}  # fmt: skip


@router.post("/firms/{firm_id}/plan/items", response={201: ItemOut})
def item_add(request: PersonRequest, firm_id: int, payload: ItemIn) -> object:
    firm, access = firm_get_for_user(request.user, firm_id, perm=PlanningPerm.KEEP)
    found = services.plan_current(firm=firm, actor=request.user)
    people = list(Person.objects.filter(pk__in=payload.person_ids))
    if len(people) != len(set(payload.person_ids)):
        raise Http404("No such person")
    item = services.check_item_add(access=access, plan=found, title=payload.title, component=payload.component,
                                   kind=payload.kind, hours=payload.hours, due_on=payload.due_on, people=people,
                                   cost_cents=payload.cost_cents, funding_cents=payload.funding_cents)  # fmt: skip
    return Status(201, _item(item))

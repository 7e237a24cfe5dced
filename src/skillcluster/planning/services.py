"""Writes of learning plans: the firm's current plan (a year from when it is started), items added (from a
suggestion or by hand) with every field checked, items marked done or dropped, and crisis-mode check-ins."""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from skillcluster.accreditation.services.credentials import site_url
from skillcluster.mail import mail_after_commit
from skillcluster.planning.domain.permissions import PlanningPerm
from skillcluster.planning.domain.plan import COMPONENTS
from skillcluster.planning.models import KIND_CHOICES, CheckIn, ItemStatus, Plan, PlanItem
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.domain.roles import FirmRole
from skillcluster.tenancy.models import Firm, Membership, Person
from skillcluster.tenancy.selectors import mail_language

KINDS = [code for code, _ in KIND_CHOICES]


def _keep(access: Access) -> None:
    if not access.has(PlanningPerm.KEEP):
        raise ValidationError(gettext("The firm's owner and managers keep its learning plan."))


def plan_current(*, firm: Firm, actor: Person | None, today: dt.date | None = None) -> Plan:
    """The plan covering today, started now for twelve months when there is none."""
    today = today or timezone.localdate()
    found = Plan.all_objects.filter(firm=firm, starts_on__lte=today, ends_on__gte=today).first()
    if found is not None:
        return found
    ends = today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29) else dt.date(
        today.year + 1, 2, 28)  # fmt: skip
    return Plan.all_objects.create(firm=firm, starts_on=today, ends_on=ends, created_by=actor)


def check_item_add(
    *, access: Access, plan: Plan, title: str, component: str, kind: str, hours: object, due_on: dt.date | None,
    cost_cents: int = 0, funding_cents: int = 0, people: Sequence[Person] = (), skills: Sequence[Skill] = (),
    source: str = "hand", source_ref: str = "",
) -> PlanItem:  # fmt: skip
    """An item; every field is checked and named, nothing is saved on an error."""
    _keep(access)
    errors: dict[str, str] = {}
    if not title.strip() or len(title.strip()) > 200:
        errors["title"] = gettext("Say what the action is (at most 200 characters).")
    if component not in COMPONENTS:
        errors["component"] = gettext(
            "Choose the learning component it serves: information-gathering, knowledge "
            "acquisition or competence development."
        )
    if kind not in KINDS:
        errors["kind"] = gettext("Choose one of: %(choices)s.") % {"choices": ", ".join(KINDS)}
    try:
        amount = Decimal(str(hours))
    except InvalidOperation:
        amount = Decimal(-1)
    if not Decimal(0) <= amount <= Decimal(2000):
        errors["hours"] = gettext("Hours from 0 to 2,000; got %(hours)s.") % {"hours": hours}
    if cost_cents < 0:
        errors["cost"] = gettext("The cost is never negative.")
    elif not 0 <= funding_cents <= cost_cents:
        errors["funding"] = gettext("Funding from 0 up to the cost.")
    if due_on is None or not plan.starts_on <= due_on <= plan.ends_on:
        errors["due_on"] = gettext("A due date within the plan, %(start)s to %(end)s.") % {
            "start": f"{plan.starts_on:%d/%m/%Y}",
            "end": f"{plan.ends_on:%d/%m/%Y}",
        }
    members = set(Membership.all_objects.filter(firm_id=plan.firm_id).values_list("person_id", flat=True))
    outside = [p.full_name for p in people if p.pk not in members]
    if outside:
        errors["people"] = ngettext(
            "%(people)s does not work in %(firm)s.", "%(people)s do not work in %(firm)s.", len(outside)
        ) % {"people": ", ".join(outside), "firm": plan.firm}
    if errors or due_on is None:  # a missing date is named above
        raise ValidationError(errors)
    item = PlanItem.objects.create(plan=plan, title=title.strip(), component=component, kind=kind, hours=amount,
                                   cost_cents=cost_cents, funding_cents=funding_cents, due_on=due_on, source=source,
                                   source_ref=source_ref[:80])  # fmt: skip
    item.people.set(people)
    item.skills.set(skills)
    return item


def check_item_status(*, access: Access, item: PlanItem, status: str, today: dt.date | None = None) -> PlanItem:
    _keep(access)
    if status not in ItemStatus.values:
        raise ValidationError(
            {"status": gettext("Choose one of: %(choices)s.") % {"choices": ", ".join(ItemStatus.values)}}
        )
    item.status = status
    item.done_on = (today or timezone.localdate()) if status == ItemStatus.DONE else None
    item.save(update_fields=["status", "done_on"])
    return item


def check_in(
    *, access: Access, firm: Firm, step: str, answer: str, obstacle: str, by: Person, today: dt.date | None = None
) -> CheckIn:
    """This month's check-in on the one next step (a second one this month replaces the first)."""
    _keep(access)
    if answer not in ("done", "not_yet"):
        raise ValidationError({"answer": gettext("Answer done or not yet.")})
    if len(obstacle) > 300:
        raise ValidationError({"obstacle": gettext("At most 300 characters; got %(n)s.") % {"n": len(obstacle)}})
    month = (today or timezone.localdate()).replace(day=1)
    found, _ = CheckIn.all_objects.update_or_create(
        firm=firm, month=month, defaults={"step": step[:200], "answer": answer, "obstacle": obstacle.strip(), "by": by}
    )
    return found


REMIND_DAYS = 7


def remind_due(*, today: dt.date | None = None) -> int:
    """E-mail each firm's owner and managers once about the planned actions due within a week, each in their
    language (their own choice, else the cluster's); how many actions were reminded. Run by the worker
    (`skillcluster plan remind` queues it, daily)."""
    today = today or timezone.localdate()
    week = (today, today + dt.timedelta(days=REMIND_DAYS))
    due = PlanItem.objects.filter(status=ItemStatus.PLANNED, reminded_at__isnull=True, due_on__range=week)
    due = due.select_related("plan__firm__cluster")
    by_firm: dict[int, list[PlanItem]] = {}
    for item in due:
        by_firm.setdefault(item.plan.firm_id, []).append(item)
    for firm_id, found in by_firm.items():
        leads = Membership.all_objects.filter(firm_id=firm_id, role__in=[FirmRole.OWNER, FirmRole.MANAGER])
        by_language: dict[str, list[str]] = {}
        for email, chosen in leads.values_list("person__email", "person__language"):
            by_language.setdefault(mail_language(chosen, found[0].plan.firm.cluster), []).append(email)
        for language, recipients in by_language.items():
            with translation.override(language):
                _remind(found, recipients)
        PlanItem.objects.filter(pk__in=[i.pk for i in found]).update(reminded_at=timezone.now())
    return sum(len(found) for found in by_firm.values())


def _remind(found: list[PlanItem], recipients: list[str]) -> None:
    """One firm's reminder, worded in the active language."""
    firm = found[0].plan.firm
    lines = "\n".join(
        gettext("- %(action)s, due %(date)s") % {"action": i.title, "date": f"{i.due_on:%d/%m/%Y}"} for i in found
    )
    link = site_url() + reverse("planning_firm", args=[firm.pk])
    subject = ngettext(
        "Learning plan: %(n)s action due this week", "Learning plan: %(n)s actions due this week", len(found)
    ) % {"n": len(found)}
    intro = gettext("Due within a week in %(firm)s's learning plan:") % {"firm": firm}
    mail_after_commit(subject=subject, message=f"{intro}\n{lines}\n\n{link}", recipients=recipients)

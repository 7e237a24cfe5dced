"""What the skills audit puts on a firm's to-do list: your own skills to rate, your people to rate as manager
(registered with tenancy's navigation in `apps.py`)."""

from collections.abc import Iterator

from django.urls import reverse

from skillcluster.audits.domain.permissions import AuditPerm
from skillcluster.audits.selectors.progress import audit_progress
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.models import Firm, Person
from skillcluster.tenancy.navigation import Todo


def firm_todos(firm: Firm, person: Person, access: Access) -> Iterator[Todo]:
    steps = {step.key: step for step in audit_progress(firm)}
    own = next((item for item in steps["self"].left if item.person.pk == person.pk), None)
    if own is not None and access.has(AuditPerm.RATE_SELF):
        yield Todo(
            f"Rate your own skills: {own.skills} skill{'s' if own.skills != 1 else ''} your role needs "
            f"{'are' if own.skills != 1 else 'is'} not rated yet (about 5 minutes)",
            reverse("audits_rate", args=[firm.pk, person.pk]) + "?source=self",
            "Rate my skills",
        )
    if access.has(AuditPerm.RATE_MANAGER):
        others = [item for item in steps["manager"].left if item.person.pk != person.pk]
        if others:
            names = ", ".join(item.person.full_name for item in others[:3]) + (" …" if len(others) > 3 else "")
            total = sum(item.skills for item in others)
            yield Todo(
                f"Rate {len(others)} {'people' if len(others) != 1 else 'person'} as their manager "
                f"({names}): {total} skills in all",
                reverse("audits_firm", args=[firm.pk]) + "#step-manager",
                "Rate my people",
            )

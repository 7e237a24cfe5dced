"""Where a firm stands in the guided audit, counted from its data (five small queries)."""

from dataclasses import dataclass

from skillcluster.audits.models import Rating, Role, RoleAssignment
from skillcluster.tenancy.models import Firm, Membership

STEPS = [
    ("roles", "Describe your roles",
     "Type each job title in your firm; we propose the matching ESCO occupation and fill in the skills it needs. "
     "Keep what fits, set the level each role needs (1 aware … 4 expert) and how much it matters."),
    ("assign", "Say who does which role",
     "Tick the roles each person holds. A person can hold several; their requirements are merged."),
    ("self", "Everyone rates their own skills",
     "Each person rates each required skill from 0 (none) to 4 (can teach others). It takes 5 minutes per person."),
    ("manager", "The manager rates them too",
     "You (or your manager) rate the same skills. Self and manager ratings are kept side by side, never averaged."),
    ("report", "Read the gap report",
     "See where required skills are missing, by person, role and skill category, and what to train first."),
]  # fmt: skip


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    help: str
    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done >= self.total


def audit_progress(firm: Firm) -> list[Step]:
    roles = Role.objects.filter(firm=firm)
    people = Membership.objects.filter(firm=firm).count()
    assigned = set(RoleAssignment.objects.filter(role__firm=firm).values_list("membership__person_id", flat=True))
    rated = Rating.objects.filter(firm=firm, person_id__in=assigned)
    counts = {
        "roles": (roles.filter(requirements__isnull=False).distinct().count(), roles.count() or 1),
        "assign": (len(assigned), people),
        "self": (rated.filter(source="self").values("person_id").distinct().count(), len(assigned)),
        "manager": (rated.filter(source="manager").values("person_id").distinct().count(), len(assigned)),
    }
    report_ready = (counts["self"][0] + counts["manager"][0] > 0, 1)
    counts["report"] = (int(report_ready[0]), 1)
    return [Step(key, title, text, *counts[key]) for key, title, text in STEPS]

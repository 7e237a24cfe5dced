"""Where a firm stands in the guided audit, counted from its data: what is really left, and who can do it.

A person has finished a rating step when every skill their roles require has a rating of that source (a
skill added to a role later makes them unfinished again). The manager step counts only the people someone
may rate as manager (the firm's owners and managers, never about themselves): a sole owner is named as out
of reach instead of holding the step at "7 of 8" for ever.
"""

from collections import defaultdict
from dataclasses import dataclass, replace

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from skillcluster.audits.domain.levels import Source
from skillcluster.audits.domain.permissions import AuditPerm
from skillcluster.audits.models import Rating, Role, RoleAssignment
from skillcluster.tenancy.models import Cluster, Firm, Membership, Person

STEPS = [
    ("roles", _("Describe your roles"),
     _("Type each job title in your firm; we propose the matching ESCO occupation and fill in the skills it needs. "
       "Keep what fits, set the level each role needs (1 aware … 4 expert) and how much it matters.")),
    ("assign", _("Say who does which role"),
     _("Tick the roles each person holds. A person can hold several; their requirements are merged.")),
    ("self", _("Everyone rates their own skills"),
     _("Each person rates each required skill from 0 (none) to 4 (can teach others). It takes 5 minutes per "
       "person.")),
    ("manager", _("The manager rates them too"),
     _("You (or your manager) rate the same skills. Self and manager ratings are kept side by side, never "
       "averaged.")),
    ("report", _("Read the gap report"),
     _("See where required skills are missing, by person, role and skill category, and what to train first.")),
]  # fmt: skip


@dataclass(frozen=True)
class Left:
    """A person who still has skills to be rated in a step."""

    person: Person
    skills: int


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    help: str
    done: int
    total: int
    left: tuple[Left, ...] = ()
    finishers: tuple[Person, ...] = ()  # who can rate the people left (manager step)
    out_of_reach: tuple[Person, ...] = ()  # nobody may rate them in this step
    unassigned: tuple[Person, ...] = ()  # people without a role

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done >= self.total


def audit_progress(firm: Firm) -> list[Step]:
    rating = _rating_progress(firm)
    roles = Role.objects.filter(firm=firm).aggregate(
        total=Count("id", distinct=True), described=Count("id", filter=Q(requirements__isnull=False), distinct=True)
    )
    text = {key: (str(title), str(help_text)) for key, title, help_text in STEPS}
    return [
        Step("roles", *text["roles"], done=roles["described"], total=roles["total"] or 1),
        Step(
            "assign",
            *text["assign"],
            done=len(rating.assigned),
            total=len(rating.members),
            unassigned=tuple(m.person for m in rating.members if m.person_id not in rating.required),
        ),
        rating.self_step,
        rating.manager_step,
        Step("report", *text["report"], done=int(rating.any_rated), total=1),
    ]


def rating_steps(firm: Firm) -> tuple[Step, Step]:
    """The self and the manager rating steps alone (three queries): what the firm's to-do list follows."""
    rating = _rating_progress(firm)
    return rating.self_step, rating.manager_step


@dataclass(frozen=True)
class _RatingProgress:
    members: list[Membership]
    required: dict[int, set[int]]  # skills each assigned person's roles require, by person
    assigned: list[Person]
    self_step: Step
    manager_step: Step
    any_rated: bool


def _rating_progress(firm: Firm) -> _RatingProgress:
    members = list(Membership.objects.filter(firm=firm).select_related("person").order_by("person__full_name"))
    required = {person: skills for (_, person), skills in _required_skills(role__firm=firm).items()}
    assigned = [m.person for m in members if m.person_id in required]
    rated = {(p, source): skills for (_, p, source), skills in _rated_skills(firm=firm).items()}
    raters = tuple(m.person for m in members if m.role in AuditPerm.RATE_MANAGER.firm_roles)
    rateable = [p for p in assigned if any(r.pk != p.pk for r in raters)]
    text = {key: (str(title), str(help_text)) for key, title, help_text in STEPS}

    def rating_step(key: str, people: list[Person], source: Source) -> Step:
        left = tuple(Left(p, n) for p in people if (n := len(required[p.pk] - rated.get((p.pk, source), set()))))
        return Step(key, *text[key], done=len(people) - len(left), total=len(people), left=left)

    manager = rating_step("manager", rateable, Source.MANAGER)
    return _RatingProgress(
        members,
        required,
        assigned,
        rating_step("self", assigned, Source.SELF),
        replace(manager, finishers=raters, out_of_reach=tuple(p for p in assigned if p not in rateable)),
        any(rated.values()),
    )


@dataclass(frozen=True)
class FirmAuditStatus:
    """One firm's audit in counts, for the cluster's engagement view (never a level or a gap)."""

    roles: int
    assigned: int  # people with a role
    self_done: int  # of them, people with every required skill self-rated
    manager_done: int  # and rated by a manager


def cluster_audit_status(cluster: Cluster) -> dict[int, FirmAuditStatus]:
    """The same counting as `audit_progress`, for every member firm of the cluster in four queries."""
    roles = dict(
        Role.objects.filter(firm__cluster=cluster, firm__left_at__isnull=True)
        .values_list("firm_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    required = _required_skills(role__firm__cluster=cluster)
    rated = _rated_skills(firm__cluster=cluster)
    people: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for key in required:
        people[key[0]].append(key)

    def finished(keys: list[tuple[int, int]], source: Source) -> int:
        return sum(1 for f, p in keys if required[(f, p)] <= rated.get((f, p, source), set()))

    return {
        firm_id: FirmAuditStatus(
            count,
            len(people[firm_id]),
            finished(people[firm_id], Source.SELF),
            finished(people[firm_id], Source.MANAGER),
        )
        for firm_id, count in roles.items()
    }


def _required_skills(**where: object) -> dict[tuple[int, int], set[int]]:
    """Skills each assigned person's roles require, by (firm, person); a role without requirements: empty."""
    # `where` names the role's firm; one query: each assignment joined to its role's requirements, if any.
    rows = RoleAssignment.objects.filter(**where).values_list(
        "role__firm_id", "membership__person_id", "role__requirements__skill_id"
    )
    required: dict[tuple[int, int], set[int]] = defaultdict(set)
    for firm_id, person_id, skill_id in rows:
        skills = required[(firm_id, person_id)]
        if skill_id is not None:
            skills.add(skill_id)
    return dict(required)


def _rated_skills(**where: object) -> dict[tuple[int, int, Source], set[int]]:
    """Skills with a standing rating, by (firm, person, source); a withdrawn rating does not count."""
    rated: dict[tuple[int, int, Source], set[int]] = defaultdict(set)
    rows = (
        Rating.objects.filter(withdrawal__isnull=True, **where)
        .values_list("firm_id", "person_id", "source", "skill_id")
        .distinct()
    )
    for firm_id, person_id, source, skill_id in rows:
        rated[(firm_id, person_id, Source(source))].add(skill_id)
    return rated

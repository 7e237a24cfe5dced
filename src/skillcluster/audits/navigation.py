"""What the skills audit adds to tenancy's pages (registered in `apps.py`): on a firm's to-do list, your own
skills to rate and your people to rate as manager; on the cluster's engagement page, each firm's progress."""

from collections.abc import Iterator

from django.urls import reverse

from skillcluster.audits.domain.permissions import AuditPerm
from skillcluster.audits.selectors import records
from skillcluster.audits.selectors.progress import audit_progress, cluster_audit_status
from skillcluster.audits.selectors.proposals import pending_proposals
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.models import Cluster, Firm, Person
from skillcluster.tenancy.navigation import Cell, EngagementColumn, Todo
from skillcluster.tenancy.selectors import firm_count_for_cluster


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
        yield from _training_todos(firm, person)


def _training_todos(firm: Firm, person: Person) -> Iterator[Todo]:
    """Levels proposed after a pooled training, waiting for the manager's word."""
    pending = [p for p in pending_proposals(firm) if p.person_id != person.pk]
    if pending:
        first = pending[0]
        people = len({p.person_id for p in pending})
        yield Todo(
            f"Confirm what {people} {'people' if people != 1 else 'person'} learned in a pooled course: "
            f"{len(pending)} skill level{'s' if len(pending) != 1 else ''} proposed",
            reverse("audits_person", args=[firm.pk, first.person_id]) + "#training",
            "Confirm",
        )


def engagement(cluster: Cluster) -> EngagementColumn:
    """How far each firm's audit has come, in counts of people (never a level or a gap)."""
    status = cluster_audit_status(cluster)
    last = records.last_rating_by_firm(cluster)
    cells = {}
    for firm_id, st in status.items():
        if not st.assigned:
            cells[firm_id] = Cell(f"{st.roles} role{'s' if st.roles != 1 else ''}, nobody assigned", "idle")
            continue
        text = f"{st.self_done} of {st.assigned} self-rated · {st.manager_done} by a manager"
        state = "done" if st.self_done == st.manager_done == st.assigned else "pending"
        cells[firm_id] = Cell(text, state, last.get(firm_id))
    firms = firm_count_for_cluster(cluster)
    unstarted = firms - len(status)
    unfinished = sum(1 for cell in cells.values() if cell.state != "done")
    waiting = []
    if unstarted:
        waiting.append(f"{unstarted} of {firms} firms have not started their skills audit")
    if unfinished:
        waiting.append(f"{unfinished} audit{'s are' if unfinished != 1 else ' is'} under way but not finished")
    return EngagementColumn("Skills audit", cells, tuple(waiting))

"""What the skills audit adds to tenancy's pages (registered in `apps.py`): on a firm's to-do list, your own
skills to rate and your people to rate as manager; on the cluster's engagement page, each firm's progress."""

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext, ngettext

from skillcluster.audits.domain.permissions import AuditPerm
from skillcluster.audits.selectors import records
from skillcluster.audits.selectors.progress import cluster_audit_status, rating_steps
from skillcluster.audits.selectors.proposals import pending_proposals
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.models import Cluster, Firm, Person
from skillcluster.tenancy.navigation import Cell, EngagementColumn, Todo
from skillcluster.tenancy.selectors import firm_count_for_cluster


def firm_todos(firm: Firm, person: Person, access: Access) -> Iterator[Todo]:
    self_step, manager_step = rating_steps(firm)
    own = next((item for item in self_step.left if item.person.pk == person.pk), None)
    if own is not None and access.has(AuditPerm.RATE_SELF):
        text = ngettext(
            "Rate your own skills: %(n)s skill your role needs is not rated yet (about 5 minutes)",
            "Rate your own skills: %(n)s skills your role needs are not rated yet (about 5 minutes)",
            own.skills,
        ) % {"n": own.skills}
        yield Todo(text, reverse("audits_rate", args=[firm.pk, person.pk]) + "?source=self", gettext("Rate my skills"))
    if access.has(AuditPerm.RATE_MANAGER):
        others = [item for item in manager_step.left if item.person.pk != person.pk]
        if others:
            names = ", ".join(item.person.full_name for item in others[:3]) + (" …" if len(others) > 3 else "")
            total = sum(item.skills for item in others)
            text = ngettext(
                "Rate %(n)s person as their manager (%(names)s): %(total)s skills in all",
                "Rate %(n)s people as their manager (%(names)s): %(total)s skills in all",
                len(others),
            ) % {"n": len(others), "names": names, "total": total}
            yield Todo(text, reverse("audits_firm", args=[firm.pk]) + "#step-manager", gettext("Rate my people"))
        yield from _training_todos(firm, person)


def _training_todos(firm: Firm, person: Person) -> Iterator[Todo]:
    """Levels proposed after a pooled training, waiting for the manager's word."""
    pending = [p for p in pending_proposals(firm) if p.person_id != person.pk]
    if pending:
        first = pending[0]
        people = len({p.person_id for p in pending})
        levels = ngettext("%(n)s skill level proposed", "%(n)s skill levels proposed", len(pending)) % {
            "n": len(pending)
        }
        text = ngettext(
            "Confirm what %(people)s person learned in a pooled course: %(levels)s",
            "Confirm what %(people)s people learned in a pooled course: %(levels)s",
            people,
        ) % {"people": people, "levels": levels}
        url = reverse("audits_person", args=[firm.pk, first.person_id]) + "#training"
        yield Todo(text, url, gettext("Confirm"))


def engagement(cluster: Cluster) -> EngagementColumn:
    """How far each firm's audit has come, in counts of people (never a level or a gap)."""
    status = cluster_audit_status(cluster)
    last = records.last_rating_by_firm(cluster)
    cells = {}
    for firm_id, st in status.items():
        if not st.assigned:
            text = ngettext("%(n)s role, nobody assigned", "%(n)s roles, nobody assigned", st.roles) % {"n": st.roles}
            cells[firm_id] = Cell(text, "idle")
            continue
        text = gettext("%(self)s of %(assigned)s self-rated · %(manager)s by a manager") % {
            "self": st.self_done, "assigned": st.assigned, "manager": st.manager_done,
        }  # fmt: skip
        state = "done" if st.self_done == st.manager_done == st.assigned else "pending"
        cells[firm_id] = Cell(text, state, last.get(firm_id))
    firms = firm_count_for_cluster(cluster)
    unstarted = firms - len(status)
    unfinished = sum(1 for cell in cells.values() if cell.state != "done")
    waiting = []
    if unstarted:
        # Translators: the count is the firms that have not started; English says "firms" either way.
        text = ngettext("%(unstarted)s of %(firms)s firms have not started their skills audit",
                        "%(unstarted)s of %(firms)s firms have not started their skills audit", unstarted)  # fmt: skip
        waiting.append(text % {"unstarted": unstarted, "firms": firms})
    if unfinished:
        waiting.append(
            ngettext(
                "%(n)s audit is under way but not finished", "%(n)s audits are under way but not finished", unfinished
            )
            % {"n": unfinished}
        )
    return EngagementColumn(gettext("Skills audit"), cells, tuple(waiting))

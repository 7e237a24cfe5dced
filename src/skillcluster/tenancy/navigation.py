"""What other contexts add to tenancy's pages, registered in their AppConfig.ready(): tabs on the firm and
cluster pages, the to-do list on a firm's overview, the columns of the cluster's engagement page, and the
offers behind a kind of cluster activity (a recommendation to join a pooled cohort shows only with one).

Tenancy knows nothing of the contexts built on it; they register here, so imports keep running one way.
A tab shows to whoever holds its permission on the firm (cluster) the page is about.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from skillcluster.tenancy.domain.permissions import Access, Permission, TenancyPerm
from skillcluster.tenancy.models import Cluster, Firm, Person
from skillcluster.tenancy.selectors import invitation_pending_for_firm


@dataclass(frozen=True)
class Tab:
    label: str | Promise  # registered at start-up, so a lazy translation: it is worded per request
    url_name: str  # reversed with the firm's or the cluster's id
    perm: Permission


FIRM_TABS: list[Tab] = [Tab(_("Overview"), "firm_detail", TenancyPerm.FIRM_VIEW)]
CLUSTER_TABS: list[Tab] = [
    Tab(_("Overview"), "cluster_detail", TenancyPerm.CLUSTER_VIEW),
    Tab(_("Engagement"), "cluster_engagement", TenancyPerm.CLUSTER_MANAGE),
]


def register_firm_tab(label: str | Promise, url_name: str, perm: Permission = TenancyPerm.FIRM_VIEW) -> None:
    if all(tab.url_name != url_name for tab in FIRM_TABS):
        FIRM_TABS.append(Tab(label, url_name, perm))


def register_cluster_tab(label: str | Promise, url_name: str, perm: Permission = TenancyPerm.CLUSTER_VIEW) -> None:
    if all(tab.url_name != url_name for tab in CLUSTER_TABS):
        CLUSTER_TABS.append(Tab(label, url_name, perm))


@dataclass(frozen=True)
class Todo:
    """Something waiting for one person in one firm: what, by when, and the link that does it."""

    text: str
    url: str
    action: str  # the link's words, e.g. "Answer now"
    due: dt.date | None = None


# A context's to-do source: (firm, person, their access to the firm) → what waits for that person there.
TodoSource = Callable[[Firm, Person, Access], Iterable[Todo]]


def _pending_invitations(firm: Firm, person: Person, access: Access) -> Iterator[Todo]:
    if not access.has(TenancyPerm.FIRM_INVITE):
        return
    pending = list(invitation_pending_for_firm(firm))
    if pending:
        names = ", ".join(i.email for i in pending[:3]) + (" …" if len(pending) > 3 else "")
        text = ngettext(
            "%(count)d person has not accepted your invitation yet (%(names)s): remind them in person, or check "
            "the address",
            "%(count)d people have not accepted your invitation yet (%(names)s): remind them in person, or check "
            "the address",
            len(pending),
        ) % {"count": len(pending), "names": names}
        yield Todo(text, reverse("firm_detail", args=[firm.pk]) + "#invitations", gettext("See invitations"))


FIRM_TODOS: list[TodoSource] = [_pending_invitations]


def register_firm_todos(source: TodoSource) -> None:
    if source not in FIRM_TODOS:
        FIRM_TODOS.append(source)


def firm_todos(firm: Firm, person: Person, access: Access) -> list[Todo]:
    """Everything waiting for `person` in `firm`, the soonest due first (undated ones last, in context order)."""
    todos = [todo for source in FIRM_TODOS for todo in source(firm, person, access)]
    return sorted(todos, key=lambda todo: (todo.due is None, todo.due or dt.date.max))


@dataclass(frozen=True)
class Cell:
    """One firm's state in one part of the cluster's work; `state` picks its colour."""

    text: str
    state: str  # "done", "pending" (started, not finished), "idle" (asked, not started)
    last_active: dt.datetime | None = None


@dataclass(frozen=True)
class EngagementColumn:
    """A context's column on the cluster's engagement page: per firm what stands, and what waits cluster-wide."""

    title: str
    cells: Mapping[int, Cell]  # by firm id; a firm left out was asked nothing here
    waiting: tuple[str, ...] = ()  # lines for the cluster manager, e.g. "3 claims wait for assessors"
    url: str = ""


EngagementSource = Callable[[Cluster], EngagementColumn | None]
CLUSTER_ENGAGEMENT: list[EngagementSource] = []


def register_engagement(source: EngagementSource) -> None:
    if source not in CLUSTER_ENGAGEMENT:
        CLUSTER_ENGAGEMENT.append(source)


def cluster_engagement(cluster: Cluster) -> list[EngagementColumn]:
    return [column for source in CLUSTER_ENGAGEMENT if (column := source(cluster)) is not None]


@dataclass(frozen=True)
class ActivityOffer:
    """What the cluster offers a firm now for one kind of activity, and where to take it up."""

    text: str  # e.g. "3 courses match your people's gaps"
    url: str
    action: str  # the link's words, e.g. "Book a seat"


# A context's offer finder for one activity: firm → its offer now, or None when there is none.
OfferFinder = Callable[[Firm], ActivityOffer | None]
ACTIVITY_OFFERS: dict[str, OfferFinder] = {}


def register_activity_offer(activity: str, finder: OfferFinder) -> None:
    ACTIVITY_OFFERS.setdefault(activity, finder)


def activity_offers(firm: Firm) -> dict[str, ActivityOffer | None]:
    """For every activity some context offers: the firm's offer now (None: none; recommend it not)."""
    return {activity: finder(firm) for activity, finder in ACTIVITY_OFFERS.items()}


@dataclass(frozen=True)
class DoneAction:
    """A learning action a firm completed, as a higher context records it (the learning plan)."""

    title: str
    component: str  # the learning component it served, in words
    done_on: dt.date


DoneActionSource = Callable[[Firm, dt.date, dt.date], list[DoneAction]]
DONE_ACTIONS: list[DoneActionSource] = []


def register_done_actions(source: DoneActionSource) -> None:
    if source not in DONE_ACTIONS:
        DONE_ACTIONS.append(source)


def done_actions(firm: Firm, since: dt.date, until: dt.date) -> list[DoneAction]:
    """What the firm completed from ``since`` up to (not including) ``until``, oldest first."""
    found = [action for source in DONE_ACTIONS for action in source(firm, since, until)]
    return sorted(found, key=lambda a: (a.done_on, a.title))

"""A firm's learning plan in figures (pure): the balance of its hours over the three learning components,
planned and done, what the plan leaves out or leans on, and how far it is done.

* **Balance**: hours per component (information-gathering, knowledge acquisition, competence development), for
  the items planned (every item not dropped) and for those done; shares in percent of the planned total.
* **Imbalance notes**, in words, from the planned hours: a component with no hours ("nothing watches your
  market"), one kind of action holding 60 % or more of the hours ("70 % of your planned hours are courses"), and
  a component the diagnostic perceives as the firm's weakest getting the smallest share of the hours.
* **Completion**: items done over items not dropped, and hours done over hours planned.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from skillcluster.words import Translated, gettext, gettext_noop

COMPONENTS = ("information_gathering", "knowledge_acquisition", "competence_development")
COMPONENT_NAMES = Translated({
    "information_gathering": gettext_noop("information-gathering"),
    "knowledge_acquisition": gettext_noop("knowledge acquisition"),
    "competence_development": gettext_noop("competence development"),
})  # fmt: skip
MISSING = Translated({  # what a plan with no hours in a component lacks, in the owner's words
    "information_gathering": gettext_noop("nothing watches your market"),
    "knowledge_acquisition": gettext_noop("nothing brings new knowledge in"),
    "competence_development": gettext_noop("nobody practises what is learned"),
})  # fmt: skip
KIND_NAMES = Translated({
    "course": gettext_noop("courses"), "mentoring": gettext_noop("mentoring"),
    "circle": gettext_noop("peer circles"), "placement": gettext_noop("placements"),
    "briefing": gettext_noop("market watching"), "review": gettext_noop("reviews and meetings"),
    "other": gettext_noop("other actions"),
})  # fmt: skip
DOMINANT_SHARE = 60  # percent of the planned hours in one kind of action


@dataclass(frozen=True)
class Item:
    component: str
    kind: str
    hours: float
    status: str  # planned, done, dropped


@dataclass(frozen=True)
class Balance:
    planned: dict[str, float]  # component → hours
    done: dict[str, float]

    @property
    def planned_total(self) -> float:
        return sum(self.planned.values())

    def share(self, component: str) -> int:
        total = self.planned_total
        return round(100 * self.planned[component] / total) if total else 0


def balance(items: Iterable[Item]) -> Balance:
    planned = dict.fromkeys(COMPONENTS, 0.0)
    done = dict.fromkeys(COMPONENTS, 0.0)
    for item in items:
        if item.status == "dropped":
            continue
        planned[item.component] += item.hours
        if item.status == "done":
            done[item.component] += item.hours
    return Balance(planned, done)


def notes(items: Iterable[Item], perceived: Mapping[str, float | None] | None = None) -> list[str]:
    """What the plan leaves out or leans on, in words; empty for an empty plan."""
    live = [i for i in items if i.status != "dropped"]
    total = sum(i.hours for i in live)
    if not total:
        return []
    found = []
    by_kind: dict[str, float] = {}
    for item in live:
        by_kind[item.kind] = by_kind.get(item.kind, 0.0) + item.hours
    kind, hours = max(by_kind.items(), key=lambda pair: (pair[1], pair[0]))
    if round(100 * hours / total) >= DOMINANT_SHARE:
        found.append(
            gettext("%(share)s %% of your planned hours are %(kind)s")
            % {"share": round(100 * hours / total), "kind": KIND_NAMES.get(kind, kind)}
        )
    plan = balance(live)
    found += [MISSING[c] for c in COMPONENTS if plan.planned[c] == 0]
    if perceived:
        scored = {c: v for c, v in perceived.items() if c in COMPONENTS and v is not None}
        if len(scored) == len(COMPONENTS):
            weakest = min(COMPONENTS, key=lambda c: (scored[c], COMPONENTS.index(c)))
            smallest = min(COMPONENTS, key=lambda c: (plan.planned[c], COMPONENTS.index(c)))
            if weakest == smallest and plan.planned[weakest] > 0:
                found.append(
                    gettext(
                        "%(component)s is your weakest component in the diagnostic (%(score).0f/100) and gets the "
                        "smallest share of the plan (%(share)s %%)"
                    )
                    % {"component": COMPONENT_NAMES[weakest], "score": scored[weakest], "share": plan.share(weakest)}
                )
    return found


@dataclass(frozen=True)
class Completion:
    items_done: int
    items: int
    hours_done: float
    hours: float

    @property
    def percent(self) -> int:
        return round(100 * self.hours_done / self.hours) if self.hours else 0


def completion(items: Iterable[Item]) -> Completion:
    live = [i for i in items if i.status != "dropped"]
    done = [i for i in live if i.status == "done"]
    return Completion(len(done), len(live), sum(i.hours for i in done), sum(i.hours for i in live))

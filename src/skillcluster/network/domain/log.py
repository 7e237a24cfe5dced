"""The rules of a learning-log entry, the evidence text an entry becomes, and what a log adds up to
(pure: no Django)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

MIN_MINUTES = 5
MAX_MINUTES = 600  # ten hours: a longer stretch is logged day by day
MAX_PRACTISED = 500
MAX_REFLECTION = 2000
MAX_SKILLS = 5
OLDEST_DAYS = 3 * 366  # evidence older than three years is not current practice


def entry_errors(
    *, happened_on: dt.date, today: dt.date, minutes: int | None, practised: str, reflection: str, skills: int
) -> dict[str, str]:
    """Field → what is wrong with an entry; empty when it may be saved."""
    errors = {}
    if happened_on > today:
        errors["happened_on"] = f"The date is in the future ({happened_on:%d/%m/%Y}); log what already happened."
    elif (today - happened_on).days > OLDEST_DAYS:
        errors["happened_on"] = "Log what happened in the last three years."
    if minutes is None or not MIN_MINUTES <= minutes <= MAX_MINUTES:
        errors["minutes"] = (
            f"Between {MIN_MINUTES} and {MAX_MINUTES} minutes (10 hours) per entry; "
            f"log a longer stretch day by day. Got {minutes if minutes is not None else 'nothing'}."
        )
    if not practised.strip():
        errors["practised"] = "Say what you practised or learned."
    elif len(practised) > MAX_PRACTISED:
        errors["practised"] = f"At most {MAX_PRACTISED} characters; got {len(practised)}."
    if len(reflection) > MAX_REFLECTION:
        errors["reflection"] = f"At most {MAX_REFLECTION} characters; got {len(reflection)}."
    if not 1 <= skills <= MAX_SKILLS:
        errors["skills"] = f"Name 1 to {MAX_SKILLS} ESCO skills the entry served; got {skills}."
    return errors


@dataclass(frozen=True)
class Entry:
    """What an evidence text needs of an entry."""

    kind: str  # the kind's label: "Mentoring session"
    happened_on: dt.date
    minutes: int
    practised: str
    reflection: str = ""
    with_whom: str = ""  # "with Maria Rossi (Calzaturificio Bianchi)"


def hours(minutes: int) -> str:
    whole, rest = divmod(minutes, 60)
    return f"{whole} h {rest:02d} min" if whole and rest else f"{whole} h" if whole else f"{rest} min"


def evidence_text(entry: Entry) -> str:
    """One evidence item's description: what, when, how long, with whom, and the learner's reflection."""
    head = f"{entry.kind} on {entry.happened_on:%d/%m/%Y}, {hours(entry.minutes)}"
    text = f"{head} {entry.with_whom}".strip() + f": {entry.practised.strip()}"
    if entry.reflection.strip():
        text += f"\nReflection: {entry.reflection.strip()}"
    return text


def story(entries: Iterable[Entry]) -> str:
    """The claim's story, drawn from the log: how many entries, how long, from when to when."""
    found = sorted(entries, key=lambda e: e.happened_on)
    if not found:
        return ""
    total = sum(e.minutes for e in found)
    kinds = ", ".join(sorted({e.kind.lower() for e in found}))
    span = f"{found[0].happened_on:%d/%m/%Y}" + (
        f" to {found[-1].happened_on:%d/%m/%Y}" if found[-1].happened_on != found[0].happened_on else ""
    )
    noun = "entry" if len(found) == 1 else "entries"
    return f"Learned through {len(found)} logged {noun} ({kinds}), {hours(total)} in all, {span}."


def balance(rows: Iterable[tuple[str, int]], components: Iterable[str]) -> dict[str, int]:
    """Minutes per learning component, every component present (0 when none)."""
    found = dict.fromkeys(components, 0)
    for component, minutes in rows:
        found[component] = found.get(component, 0) + minutes
    return found

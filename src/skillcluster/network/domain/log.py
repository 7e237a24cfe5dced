"""The rules of a learning-log entry, the evidence text an entry becomes, and what a log adds up to
(pure: no Django)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from skillcluster.words import gettext, ngettext, pgettext

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
        errors["happened_on"] = gettext("The date is in the future (%(date)s); log what already happened.") % {
            "date": f"{happened_on:%d/%m/%Y}"
        }
    elif (today - happened_on).days > OLDEST_DAYS:
        errors["happened_on"] = gettext("Log what happened in the last three years.")
    if minutes is None or not MIN_MINUTES <= minutes <= MAX_MINUTES:
        bounds = {"least": MIN_MINUTES, "most": MAX_MINUTES, "got": minutes}
        errors["minutes"] = (
            gettext("Between %(least)d and %(most)d minutes (10 hours) per entry; log a longer stretch day by day. "
                    "Got nothing.") % bounds
            if minutes is None else
            gettext("Between %(least)d and %(most)d minutes (10 hours) per entry; log a longer stretch day by day. "
                    "Got %(got)d.") % bounds
        )  # fmt: skip
    if not practised.strip():
        errors["practised"] = gettext("Say what you practised or learned.")
    elif len(practised) > MAX_PRACTISED:
        errors["practised"] = gettext("At most %(most)d characters; got %(got)d.") % {
            "most": MAX_PRACTISED, "got": len(practised)}  # fmt: skip
    if len(reflection) > MAX_REFLECTION:
        errors["reflection"] = gettext("At most %(most)d characters; got %(got)d.") % {
            "most": MAX_REFLECTION, "got": len(reflection)}  # fmt: skip
    if not 1 <= skills <= MAX_SKILLS:
        errors["skills"] = gettext("Name 1 to %(most)d ESCO skills the entry served; got %(got)d.") % {
            "most": MAX_SKILLS, "got": skills}  # fmt: skip
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
    values = {"kind": entry.kind, "date": f"{entry.happened_on:%d/%m/%Y}", "duration": hours(entry.minutes),
              "with_whom": entry.with_whom.strip(), "practised": entry.practised.strip()}  # fmt: skip
    if values["with_whom"]:
        text = gettext("%(kind)s on %(date)s, %(duration)s %(with_whom)s: %(practised)s") % values
    else:
        text = gettext("%(kind)s on %(date)s, %(duration)s: %(practised)s") % values
    if entry.reflection.strip():
        text += "\n" + gettext("Reflection: %(reflection)s") % {"reflection": entry.reflection.strip()}
    return text


def story(entries: Iterable[Entry]) -> str:
    """The claim's story, drawn from the log: how many entries, how long, from when to when."""
    found = sorted(entries, key=lambda e: e.happened_on)
    if not found:
        return ""
    total = sum(e.minutes for e in found)
    kinds = ", ".join(sorted({_in_a_sentence(e.kind) for e in found}))
    first, last = f"{found[0].happened_on:%d/%m/%Y}", f"{found[-1].happened_on:%d/%m/%Y}"
    span = first if first == last else gettext("%(first)s to %(last)s") % {"first": first, "last": last}
    return ngettext(
        "Learned through %(n)d logged entry (%(kinds)s), %(duration)s in all, %(span)s.",
        "Learned through %(n)d logged entries (%(kinds)s), %(duration)s in all, %(span)s.",
        len(found),
    ) % {"n": len(found), "kinds": kinds, "duration": hours(total), "span": span}


def _in_a_sentence(kind: str) -> str:
    """A kind's name inside a sentence: in lower case, unless the language keeps its capitals there (German
    nouns)."""
    # Translators: answer with the English word "yes" or "no", untranslated: are names such as "Mentoring
    # session" written in lower case inside a sentence? (German: no.)
    return kind.lower() if pgettext("lower-case inside a sentence", "yes") == "yes" else kind


def balance(rows: Iterable[tuple[str, int]], components: Iterable[str]) -> dict[str, int]:
    """Minutes per learning component, every component present (0 when none)."""
    found = dict.fromkeys(components, 0)
    for component, minutes in rows:
        found[component] = found.get(component, 0) + minutes
    return found

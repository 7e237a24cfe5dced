"""The reasons of `explanations.py` and the rules booked seats break in plain words, and money as people read
it (pure), in the active language."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from skillcluster.pooling.domain.cohorts import BLOCKERS, BROKEN, Key, Reason
from skillcluster.words import gettext, gettext_noop, language, ngettext

# How an amount reads in each language: thousands separator, decimal mark, and the amount's place beside
# the sign; a language not listed reads it the English way.
MONEY = {
    "en": (",", ".", "{sign}€{amount}"),
    "it": (".", ",", "{sign}{amount}\u00a0€"),
    "de": (".", ",", "{sign}{amount}\u00a0€"),
    "es": (".", ",", "{sign}{amount}\u00a0€"),
    "fr": ("\u202f", ",", "{sign}{amount}\u00a0€"),
}
RELAX = {  # what to relax for each rule of `cohorts.BROKEN` that booked seats can break on their own
    "over_budget": gettext_noop("raise the firm's budget or give one of its booked seats back"),
    "firm_cap": gettext_noop("raise the firm's seat cap or give one of its booked seats back"),
    "competitors": gettext_noop("move one firm's people to another session, or one firm withdraws its declaration"),
    "clash": gettext_noop("give one of the person's two seats back"),
    "fairness": gettext_noop("give a third seat back until every micro-firm that asked has one"),
}
# Translators: a rule that seats already booked break, then what to relax to mend it.
WITH_RELAX = gettext_noop("%(broken)s: %(relax)s")


def euros(cents: int | float | None) -> str:
    """12345 → '€123.45'; whole euros without decimals (1200000 → '€12,000'); '12.000 €' in Italian, German
    and Spanish, '12 000 €' in French."""
    if cents is None:
        return "—"
    value = int(cents)
    grouping, decimal, shape = MONEY.get(language().split("-")[0].lower(), MONEY["en"])
    whole, rest = divmod(abs(value), 100)
    amount = f"{whole:,}".replace(",", grouping) + (f"{decimal}{rest:02d}" if rest else "")
    return shape.format(sign="-" if value < 0 else "", amount=amount)


def reason_text(reason: Reason, *, name_of: Callable[[Key], str] = str) -> str:
    """One sentence; ``name_of`` names a session from its id."""
    text = _sentence(reason, name_of)
    also = [reason_text(a, name_of=name_of) for a in reason.also]
    return " ".join([text, *(gettext("Also: %(reason)s") % {"reason": a} for a in also)])


def _sentence(reason: Reason, name_of: Callable[[Key], str]) -> str:
    """Where the request stands: seated, or why no session could take it at all."""
    f, code = reason.figures, reason.code
    session = name_of(reason.session) if reason.session is not None else ""
    if code in BLOCKERS:
        return _blocker(code, f, session, name_of)
    if code == "seated":
        return gettext("Seated in %(session)s (need %(weight)s).") % {"session": session, "weight": f.get("weight")}
    if code == "booked":
        return gettext("Booked in %(session)s.") % {"session": session}
    if code == "no_need":
        return gettext("Already holds what this course teaches: no need to cover.")
    if code == "no_session":
        return gettext("No session of this service yet.")
    if code == "no_language":
        return ngettext(
            "None of the %(sessions)s sessions is in a language chosen for this person.",
            "None of the %(sessions)s sessions is in a language chosen for this person.",
            _int(f, "sessions"),
        ) % {"sessions": f.get("sessions")}
    if code == "over_budget_alone":
        return gettext(
            "Over the firm's budget: a seat costs up to %(seat)s after co-funding, the budget is %(budget)s."
        ) % {"seat": euros(_int(f, "seat_cents")), "budget": euros(_int(f, "budget_cents"))}
    if code == "left_out":
        return gettext("Could sit in %(session)s; the solver stopped before seating it.") % {"session": session}
    if code == "session_cancelled":
        return gettext("The session it was booked in was cancelled; waiting for the next cohorts.")
    if code == "service_withdrawn":
        return gettext("The cluster withdrew this service from the catalogue: withdraw the request.")
    return code


def _blocker(code: str, f: Mapping[str, Key], session: str, name_of: Callable[[Key], str]) -> str:
    """What keeps the request out of the session that came closest (`cohorts.BLOCKERS`)."""
    if code == "clash":
        other = name_of(f["other"]) if "other" in f else gettext("another session")
        return gettext("At the same time as %(other)s, where this person has a seat.") % {"other": other}
    if code == "firm_cap":
        return ngettext(
            "The firm's cap of %(cap)s seats is reached.", "The firm's cap of %(cap)s seats is reached.", _int(f, "cap")
        ) % {"cap": f.get("cap")}
    if code == "over_budget":
        return gettext(
            "Over the firm's budget: %(left)s left, a seat in %(session)s costs up to %(seat)s after co-funding."
        ) % {"left": euros(_int(f, "left_cents")), "session": session, "seat": euros(_int(f, "seat_cents"))}
    if code == "competitor":
        return gettext("A firm declared a competitor already sits in %(session)s.") % {"session": session}
    if code == "fairness":
        return ngettext(
            "A third seat waits until %(waiting)s micro-firm(s) that asked have their first seat.",
            "A third seat waits until %(waiting)s micro-firm(s) that asked have their first seat.",
            _int(f, "waiting"),
        ) % {"waiting": f.get("waiting")}
    if code == "not_running":
        return ngettext(
            "%(session)s did not reach its minimum of %(minimum)s people, so it does not run.",
            "%(session)s did not reach its minimum of %(minimum)s people, so it does not run.",
            _int(f, "minimum"),
        ) % {"session": session, "minimum": f.get("minimum")}
    return ngettext(
        "%(session)s is full: all %(seated)s seats are taken, %(higher)s by people with higher need.",
        "%(session)s is full: all %(seated)s seats are taken, %(higher)s by people with higher need.",
        _int(f, "seated"),
    ) % {"session": session, "seated": f.get("seated"), "higher": f.get("higher")}


def conflict(code: str, figures: Mapping[str, str]) -> str:
    """A rule of `cohorts.BROKEN` broken by booked seats, in English (a plan keeps it so), with what to relax."""
    words = BROKEN[code] % figures
    return WITH_RELAX % {"broken": words, "relax": RELAX[code]} if code in RELAX else words


def conflict_text(conflict: str) -> str:
    """A rule the booked seats break, as a plan keeps it (`conflict`: English, the firm, person or
    session named), in the active language; words it does not know stay as they are."""
    words, relax = conflict, None
    for code, hint in RELAX.items():
        suffix = WITH_RELAX % {"broken": "", "relax": hint}
        if conflict.endswith(suffix):
            words, relax = conflict[: -len(suffix)], code
            break
    for code, pattern in _BROKEN_PATTERNS.items():
        if found := pattern.fullmatch(words):
            text = gettext(BROKEN[code]) % found.groupdict()
            break
    else:
        return conflict
    return gettext(WITH_RELAX) % {"broken": text, "relax": gettext(RELAX[relax])} if relax else text


def _pattern(words: str) -> re.Pattern[str]:
    """``words`` with each placeholder ``%(name)s`` read back as a group of that name."""
    parts = re.split(r"%\((\w+)\)s", words)  # text, name, text, name, …, text
    return re.compile("".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts)))


_BROKEN_PATTERNS = {code: _pattern(words) for code, words in BROKEN.items()}


def _int(figures: Mapping[str, Key], name: str) -> int:
    value = figures.get(name, 0)
    return value if isinstance(value, int) else 0

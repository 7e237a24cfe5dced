"""The reasons of `explanations.py` in plain words, and money as people read it (pure)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from skillcluster.pooling.domain.cohorts import Key, Reason


def euros(cents: int | float | None) -> str:
    """12345 → '€123.45'; whole euros without decimals (1200000 → '€12,000')."""
    if cents is None:
        return "—"
    value = int(cents)
    sign = "-" if value < 0 else ""
    whole, rest = divmod(abs(value), 100)
    return f"{sign}€{whole:,}" + (f".{rest:02d}" if rest else "")


def reason_text(reason: Reason, *, name_of: Callable[[Key], str] = str) -> str:
    """One sentence; ``name_of`` names a session from its id."""
    f = reason.figures
    session = name_of(reason.session) if reason.session is not None else ""
    words = {
        "seated": f"Seated in {session} (need {f.get('weight')}).",
        "booked": f"Booked in {session}.",
        "no_need": "Already holds what this course teaches: no need to cover.",
        "no_session": "No session of this service yet.",
        "no_language": f"None of the {f.get('sessions')} sessions is in a language chosen for this person.",
        "over_budget_alone": (
            f"Over the firm's budget: a seat costs up to {euros(_int(f, 'seat_cents'))} after co-funding, "
            f"the budget is {euros(_int(f, 'budget_cents'))}."
        ),
        "not_running": f"{session} did not reach its minimum of {f.get('minimum')} people, so it does not run.",
        "full": f"{session} is full: all {f.get('seated')} seats are taken, "
        f"{f.get('higher')} by people with higher need.",
        "clash": f"At the same time as {name_of(f['other']) if 'other' in f else 'another session'}, "
        "where this person has a seat.",
        "firm_cap": f"The firm's cap of {f.get('cap')} seats is reached.",
        "over_budget": (
            f"Over the firm's budget: {euros(_int(f, 'left_cents'))} left, a seat in {session} costs up to "
            f"{euros(_int(f, 'seat_cents'))} after co-funding."
        ),
        "competitor": f"A firm declared a competitor already sits in {session}.",
        "fairness": f"A third seat waits until {f.get('waiting')} micro-firm(s) that asked have their first seat.",
        "left_out": f"Could sit in {session}; the solver stopped before seating it.",
        "session_cancelled": "The session it was booked in was cancelled; waiting for the next cohorts.",
        "service_withdrawn": "The cluster withdrew this service from the catalogue: withdraw the request.",
    }
    text = words.get(reason.code, reason.code)
    also = [reason_text(a, name_of=name_of) for a in reason.also]
    return " ".join([text, *(f"Also: {a}" for a in also)])


def _int(figures: Mapping[str, Key], name: str) -> int:
    value = figures.get(name, 0)
    return value if isinstance(value, int) else 0

"""Why each request got its seat or not, in a plan (pure). The page words the codes; figures are exact.

* ``booked`` / ``seated``: the session it sits in.
* ``no_need``: the person already holds what the course teaches (weight 0).
* ``no_session``: no session of the service; ``no_language``: none in the person's languages;
  ``over_budget_alone``: no seat fits the firm's budget even alone.
* Otherwise the session that came closest (fewest rules in the way, then the first listed), with every rule
  in the way, in the order of `cohorts.BLOCKERS`: ``clash`` (the person sits in another session at that
  time), ``firm_cap``, ``over_budget`` (what is left and what the seat would cost), ``competitor``,
  ``fairness`` (micro-firms still waiting for a first seat), ``not_running`` (below its minimum), ``full``
  (with how many seated have a higher need).
* ``left_out``: nothing was in the way (only when the solver stopped early).
"""

from __future__ import annotations

from skillcluster.pooling.domain.cohort_greedy import Plan
from skillcluster.pooling.domain.cohorts import BLOCKERS, Index, Key, Problem, Reason, Request, Seats, seat_fits_alone


def explain(problem: Problem, seats: Seats) -> dict[Key, Reason]:
    """A reason for every request of ``problem`` under the plan ``seats``."""
    index = Index(problem)
    plan = Plan(index)
    for request_id, session_id in seats.items():
        plan.place(index.request[request_id], index.session[session_id])
    return {request.id: _reason(plan, request) for request in problem.requests}


def _reason(plan: Plan, request: Request) -> Reason:
    index = plan.index
    if request.id in plan.seats:
        code = "booked" if request.booked is not None else "seated"
        return Reason(code, plan.seats[request.id], {"weight": request.weight})
    if request.weight == 0:
        return Reason("no_need")
    offered = index.sessions_of[request.service]
    if not offered:
        return Reason("no_session")
    spoken = [s for s in offered if s.language in request.languages]
    if not spoken:
        return Reason("no_language", figures={"sessions": len(offered)})
    terms = index.firm[request.firm]
    if not any(seat_fits_alone(s, terms) for s in spoken):
        cheapest = min(s.firm_seat_cents(terms.size_class) for s in spoken)
        return Reason("over_budget_alone", figures={"seat_cents": cheapest, "budget_cents": terms.budget_cents or 0})
    closest = min(index.candidates[request.id], key=lambda s: len(plan.blockers(request, s)))
    found = sorted(plan.blockers(request, closest), key=lambda b: BLOCKERS.index(b[0]))
    blockers = [Reason(code, closest.id, figures) for code, figures in found]
    if not blockers:
        return Reason("left_out", closest.id)
    return Reason(blockers[0].code, closest.id, blockers[0].figures, tuple(blockers[1:]))

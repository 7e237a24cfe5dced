"""Cohort formation on cases small enough to solve by hand; the optimum of each is worked out in its comment.
A property test then checks the solver against brute force on random small clusters."""

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillcluster.pooling.domain.cohort_greedy import solve_greedy
from skillcluster.pooling.domain.cohort_solver import form
from skillcluster.pooling.domain.cohorts import FirmTerms, Problem, Reason, Request, Session, objective, violations
from skillcluster.pooling.domain.explanations import explain

MONDAY = datetime(2027, 3, 1, 9, tzinfo=UTC)


def day(n: int, hours: int = 4) -> tuple[tuple[datetime, datetime], ...]:
    start = MONDAY + timedelta(days=n)
    return ((start, start + timedelta(hours=hours)),)


def session(id: str, service: str = "web", *, low: int = 1, high: int = 10, on: int = 0, **kw: object) -> Session:
    return Session(id, service, low, high, day(on), **kw)  # type: ignore[arg-type]


def request(
    id: str, weight: int, *, firm: str = "f", person: str | None = None, service: str = "web", **kw: object
) -> Request:
    return Request(id, person or id, firm, service, weight, **kw)  # type: ignore[arg-type]


def firms(*ids: str, **terms: object) -> tuple[FirmTerms, ...]:
    return tuple(FirmTerms(i, **terms) for i in ids)  # type: ignore[arg-type]


def test_a_full_session_seats_the_highest_need_and_says_how_many_were_higher() -> None:
    # Two seats, needs 5, 4 and 3: the optimum seats 5 and 4 (9); the third is told both seated need more.
    problem = Problem((request("a", 5), request("b", 4), request("c", 3)), (session("s", high=2),), firms("f"))
    outcome = form(problem)
    assert (outcome.seats, outcome.status, outcome.objective) == ({"a": "s", "b": "s"}, "optimal", 9)
    assert explain(problem, outcome.seats)["c"] == Reason("full", "s", {"seated": 2, "higher": 2})
    assert explain(problem, outcome.seats)["a"] == Reason("seated", "s", {"weight": 5})


def test_a_session_below_its_minimum_does_not_run() -> None:
    problem = Problem((request("a", 5), request("b", 4)), (session("s", low=3),), firms("f"))
    outcome = form(problem)
    assert (outcome.seats, outcome.objective) == ({}, 0)
    assert explain(problem, outcome.seats)["a"] == Reason("not_running", "s", {"minimum": 3})


def test_the_solver_beats_greedy_where_one_choice_blocks_another() -> None:
    # Two one-seat sessions, Italian and English. Greedy seats a (5, speaks both) in the first listed,
    # Italian, and b (4, Italian only) is left out: 5. The optimum puts a in English: 9.
    problem = Problem(
        (request("a", 5, languages=frozenset({"it", "en"})), request("b", 4, languages=frozenset({"it"}))),
        (session("it", high=1, language="it"), session("en", high=1, on=1, language="en")),
        firms("f"),
    )
    assert solve_greedy(problem) == {"a": "it"}
    outcome = form(problem)
    assert (outcome.seats, outcome.objective, outcome.greedy_objective) == ({"a": "en", "b": "it"}, 9, 5)


def test_one_person_sits_in_one_of_two_sessions_at_the_same_time() -> None:
    # Same person, two courses on the same morning: the heavier (6) wins; the other is told of the clash.
    problem = Problem(
        (request("web", 6, person="p"), request("cad", 2, person="p", service="cad")),
        (session("s1"), session("s2", service="cad")),
        firms("f"),
    )
    outcome = form(problem)
    assert outcome.seats == {"web": "s1"}
    assert explain(problem, outcome.seats)["cad"] == Reason("clash", "s2", {"other": "s1"})


def test_a_firm_stays_within_its_seat_cap_and_its_budget_after_cofunding() -> None:
    # A seat costs 300.00 at most (900 over 3); micro-firms get 50 %: 150.00 each. Budget 320.00 pays for two
    # seats; a cap of 3 would allow three. The third request (weight 1) is told what is left: 20.00.
    sessions = (Session("s", "web", 3, 10, day(0), seat_cents=30000, cofunding_percent={"micro": 50}),)
    problem = Problem(
        (request("a", 3), request("b", 2), request("c", 1), request("x", 1, firm="g"), request("y", 1, firm="g")),
        sessions,
        (FirmTerms("f", seat_cap=3, budget_cents=32000), FirmTerms("g", size_class="small")),
    )
    outcome = form(problem)
    assert outcome.seats == {"a": "s", "b": "s", "x": "s", "y": "s"}
    assert explain(problem, outcome.seats)["c"] == Reason("over_budget", "s", {"left_cents": 2000, "seat_cents": 15000})


def test_the_de_minimis_room_bounds_the_cofunding_a_budget_may_count_on() -> None:
    # 50 % of 300.00 would leave 150.00 to pay, but only 100.00 of public money is left: the seat costs 200.00,
    # over a budget of 180.00, so no seat fits even alone.
    sessions = (Session("s", "web", 1, 10, day(0), seat_cents=30000, cofunding_percent={"micro": 50}),)
    problem = Problem((request("a", 3),), sessions, (FirmTerms("f", budget_cents=18000, de_minimis_left_cents=10000),))
    assert form(problem).seats == {}
    assert explain(problem, {})["a"] == Reason(
        "over_budget_alone", figures={"seat_cents": 15000, "budget_cents": 18000}
    )


def test_no_firm_gets_a_third_seat_before_every_micro_firm_that_asked_has_one() -> None:
    # Three seats. Without the floor the small firm's three requests would take them all (10 + 9 + 8 = 27). The
    # floor seats the micro-firm first: 10 + 9 + 1 = 20.
    problem = Problem(
        (
            request("a", 10, firm="big"),
            request("b", 9, firm="big"),
            request("c", 8, firm="big"),
            request("m", 1, firm="micro"),
        ),
        (session("s", high=3),),
        (FirmTerms("big", size_class="small"), FirmTerms("micro")),
    )
    outcome = form(problem)
    assert (outcome.objective, outcome.seats) == (20, {"a": "s", "b": "s", "m": "s"})
    assert explain(problem, outcome.seats)["c"] == Reason("full", "s", {"seated": 3, "higher": 2})


def test_a_micro_firm_no_session_can_take_does_not_hold_the_others_back() -> None:
    # The micro-firm only speaks German and no session does: it did not "ask", so the small firm gets three.
    problem = Problem(
        (
            request("a", 10, firm="big"),
            request("b", 10, firm="big"),
            request("c", 10, firm="big"),
            request("m", 1, firm="micro", languages=frozenset({"de"})),
        ),
        (session("s", high=3),),
        (FirmTerms("big", size_class="small"), FirmTerms("micro")),
    )
    assert form(problem).objective == 30
    assert explain(problem, form(problem).seats)["m"] == Reason("no_language", figures={"sessions": 1})


def test_competitors_never_share_a_room() -> None:
    # f declared g a competitor: one session, so only one of them; f's need (4 + 4) beats g's (5).
    problem = Problem(
        (request("a", 4), request("b", 4), request("c", 5, firm="g")),
        (session("s"),),
        (FirmTerms("f", competitors=frozenset({"g"})), FirmTerms("g")),
    )
    outcome = form(problem)
    assert outcome.seats == {"a": "s", "b": "s"}
    assert explain(problem, outcome.seats)["c"] == Reason("competitor", "s", {})


def test_booked_seats_stay_and_a_booking_that_breaks_a_rule_names_it() -> None:
    kept = Problem((request("a", 5, booked="s2"), request("b", 9)), (session("s1", high=1), session("s2")), firms("f"))
    outcome = form(kept)
    assert (outcome.seats["a"], outcome.objective) == ("s2", 14)
    assert explain(kept, outcome.seats)["a"] == Reason("booked", "s2", {"weight": 5})
    broken = Problem(
        (request("a", 5, booked="s"),),
        (Session("s", "web", 1, 5, day(0), seat_cents=10000),),
        (FirmTerms("f", budget_cents=5000),),
    )
    assert form(broken).conflicts == (
        "firm f is over its budget: raise the firm's budget or give one of its booked seats back",
    )


def test_no_need_and_no_offer_are_told_apart() -> None:
    problem = Problem((request("a", 0), request("b", 3, service="export")), (session("s"),), firms("f"))
    reasons = explain(problem, form(problem).seats)
    assert (reasons["a"].code, reasons["b"].code) == ("no_need", "no_session")


def test_the_checker_names_each_broken_rule() -> None:
    problem = Problem(
        (request("a", 1, person="p"), request("b", 1, person="p", service="cad"), request("c", 1, firm="g")),
        (session("s", high=1), session("t", service="cad")),
        (FirmTerms("f", seat_cap=1), FirmTerms("g", competitors=frozenset({"f"}))),
    )
    assert violations(problem, {"a": "s", "b": "t", "c": "s"}) == [
        "session s holds 2 outside 1-1",
        "session s holds competitors",
        "person p sits in sessions at the same time",
        "firm f holds 2 seats over its cap of 1",
    ]


# Brute force: every assignment of up to 6 requests to their sessions, the best valid one.
def _brute_force(problem: Problem) -> int:
    choices = [[None, *(s.id for s in problem.sessions if s.service == r.service)] for r in problem.requests]
    best = 0
    for pick in itertools.product(*choices):
        seats = {r.id: s for r, s in zip(problem.requests, pick, strict=True) if s is not None}
        if not violations(problem, seats):
            best = max(best, objective(problem, seats))
    return best


@st.composite
def small_problems(draw: st.DrawFn) -> Problem:
    n_firms = draw(st.integers(1, 3))
    terms = tuple(
        FirmTerms(
            f"f{i}",
            size_class=draw(st.sampled_from(["micro", "small"])),
            seat_cap=draw(st.one_of(st.none(), st.integers(1, 3))),
            budget_cents=draw(st.one_of(st.none(), st.integers(0, 400))),
            competitors=frozenset({"f0"}) if i == 1 and draw(st.booleans()) else frozenset(),
        )
        for i in range(n_firms)
    )
    sessions = tuple(
        Session(
            f"s{j}",
            draw(st.sampled_from(["web", "cad"])),
            draw(st.integers(1, 2)),
            draw(st.integers(2, 3)),
            day(draw(st.integers(0, 1))),
            seat_cents=draw(st.sampled_from([0, 100, 200])),
            cofunding_percent={"micro": 50},
        )
        for j in range(draw(st.integers(1, 3)))
    )
    asked = draw(
        st.lists(st.tuples(st.integers(0, 3), st.sampled_from(["web", "cad"])), min_size=1, max_size=6, unique=True)
    )
    requests = tuple(
        Request(f"r{k}", f"p{person}", f"f{draw(st.integers(0, n_firms - 1))}", service, draw(st.integers(0, 9)))
        for k, (person, service) in enumerate(asked)
    )
    return Problem(requests, sessions, terms)


@settings(max_examples=150, deadline=None)
@given(small_problems())
def test_the_solver_finds_the_brute_force_optimum_and_greedy_never_breaks_a_rule(problem: Problem) -> None:
    greedy = solve_greedy(problem)
    assert violations(problem, greedy) == []
    outcome = form(problem)
    assert violations(problem, outcome.seats) == []
    assert outcome.objective == _brute_force(problem) >= objective(problem, greedy)
    assert outcome.status == "optimal"


def test_a_problem_refuses_sessions_whose_minimum_is_above_the_maximum() -> None:
    with pytest.raises(ValueError, match="minimum <= maximum"):
        Problem((), (session("s", low=5, high=2),), ())

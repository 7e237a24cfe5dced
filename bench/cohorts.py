"""Cohort-formation benchmark: the exact solver against the greedy baseline on a generated cluster.

    python bench/cohorts.py [--learners 2000] [--sessions 150] [--skills 300] [--seed 1] [--time-limit 10]

Generates a cluster of firms (60 % micro, 30 % small, 10 % medium; budgets, seat caps, 5 % of them naming one
or two competitors), LEARNERS people each asking for one to three of the services (weights from random gaps
on the services' skills), and SESSIONS sessions of services that teach two to five of SKILLS skills, 6-14
seats each, Italian or English, spread over twelve weeks so that some clash. Forms the cohorts
(`cohort_solver.form`) and prints one JSON line:
{"learners", "sessions", "skills", "requests", "solve_s", "status", "objective", "greedy_objective",
 "seated_share_of_need", "gap_to_bound"}.
Target: status "optimal" in under 10 s on the 2-core machine, objective >= greedy.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from skillcluster.pooling.domain.cohort_solver import form
from skillcluster.pooling.domain.cohorts import FirmTerms, Problem, Request, Session, violations
from skillcluster.pooling.domain.costs import seat_bound_cents
from skillcluster.pooling.domain.needs import covered_needs, request_weight

START = datetime(2027, 1, 11, 9, tzinfo=UTC)
COFUNDING = {"micro": 60, "small": 50, "medium": 40, "large": 0}


def generate(learners: int, n_sessions: int, n_skills: int, rng: random.Random) -> Problem:
    skills = [f"skill/{i}" for i in range(n_skills)]
    n_services = max(1, n_sessions * 2 // 5)
    services = {f"svc{i}": (rng.sample(skills, rng.randint(2, 5)), rng.randint(2, 3)) for i in range(n_services)}
    sessions = tuple(_session(j, f"svc{j % n_services}", rng) for j in range(n_sessions))
    n_firms = max(1, learners // 13)
    firms = tuple(_firm(i, n_firms, rng) for i in range(n_firms))
    requests = []
    for person in range(learners):
        firm = firms[
            min(int(rng.paretovariate(1.2)) - 1, n_firms - 1) if rng.random() < 0.3 else rng.randrange(n_firms)
        ]
        languages = frozenset({"it", "en"}) if rng.random() < 0.15 else frozenset({"it"})
        for service in rng.sample(sorted(services), rng.randint(1, 3)):
            taught, target = services[service]
            required = {s: (rng.randint(1, 4), rng.randint(1, 3)) for s in taught if rng.random() < 0.7}
            held = {s: rng.randint(0, 3) for s in taught if rng.random() < 0.6}
            weight = request_weight(covered_needs(taught, target, required, held))
            requests.append(Request(len(requests), person, firm.id, service, weight, languages))
    return Problem(tuple(requests), sessions, firms)


def _session(j: int, service: str, rng: random.Random) -> Session:
    start = START + timedelta(days=rng.randrange(84), hours=rng.choice([0, 5]))
    meetings = tuple(
        (start + timedelta(weeks=w), start + timedelta(weeks=w, hours=4)) for w in range(rng.randint(1, 3))
    )
    low = rng.randint(4, 8)
    price = rng.choice([120000, 180000, 240000, 360000])
    return Session(
        j,
        service,
        low,
        rng.randint(max(low, 10), 14),
        meetings,
        "en" if rng.random() < 0.2 else "it",
        seat_bound_cents(price, low),
        COFUNDING,
    )


def _firm(i: int, n_firms: int, rng: random.Random) -> FirmTerms:
    size = rng.choices(["micro", "small", "medium"], weights=[6, 3, 1])[0]
    rivals = frozenset(rng.sample(range(n_firms), rng.randint(1, 2))) - {i} if rng.random() < 0.05 else frozenset()
    return FirmTerms(
        i,
        size,
        seat_cap=rng.choice([None, 4, 6, 10]),
        budget_cents=rng.choice([None, 150000, 300000, 600000]),
        de_minimis_left_cents=rng.choice([None, 500000, 2000000]),
        competitors=rivals,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=2000)
    parser.add_argument("--sessions", type=int, default=150)
    parser.add_argument("--skills", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=10.0)
    args = parser.parse_args()
    problem = generate(args.learners, args.sessions, args.skills, random.Random(args.seed))
    outcome = form(problem, time_limit_s=args.time_limit)
    assert not violations(problem, outcome.seats), "the plan breaks a rule"
    need = sum(r.weight for r in problem.requests)
    print(
        json.dumps(
            {
                "learners": args.learners,
                "sessions": args.sessions,
                "skills": args.skills,
                "requests": len(problem.requests),
                "solve_s": round(outcome.solve_s, 2),
                "status": outcome.status,
                "objective": outcome.objective,
                "greedy_objective": outcome.greedy_objective,
                "seated_share_of_need": round(outcome.objective / need, 3) if need else None,
                "gap_to_bound": round(outcome.gap, 5) if outcome.gap is not None else None,
            }
        )
    )


if __name__ == "__main__":
    main()

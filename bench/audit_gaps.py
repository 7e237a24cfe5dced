"""Skills-audit benchmark: the cluster aggregate (category × sector, in SQL) and one firm's gap report.

    python bench/audit_gaps.py [--firms 1000] [--people 20000] [--ratings 400000] [--postgres URL]

Generates one cluster of FIRMS firms, PEOPLE people (one membership and one role each; three roles of ten
required skills per firm over 300 skills in the seven categories) and RATINGS ratings (self then manager
on each person's required skills, so the manager's is current), bulk-inserted into a fresh database, and
times `aggregates.cluster_aggregate` and `reports.gap_report` (median of 5 runs after one warm-up), after
ANALYZE.
Runs on SQLite (a temporary file) and, with `--postgres URL` or DATABASE_URL_PG, on PostgreSQL (the URL's
database is flushed by the migration of a fresh schema: give it a scratch database). Prints one JSON line
per database. Targets: cluster aggregate < 1 s on SQLite; firm report < 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CATEGORIES = ["production", "marketing", "management", "transversal", "digital", "languages", "other"]
NACE = ["15.20", "15.12", "22.19", "28.94", "46.42"]
BATCH = 5000
UNUSABLE = "!"  # Django's marker of an unusable password


def _setup(database_url: str | None) -> None:
    os.environ["SKILLCLUSTER_VAR_DIR"] = tempfile.mkdtemp(prefix="bench-audits-")
    os.environ.setdefault("DEBUG", "1")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "skillcluster.settings"
    import django
    from django.core.management import call_command

    django.setup()
    if database_url:
        call_command("flush", verbosity=0, interactive=False) if _has_tables() else None
    call_command("migrate", verbosity=0)


def _has_tables() -> bool:
    from django.db import connection

    return "audits_rating" in connection.introspection.table_names()


def _skills() -> list[int]:
    from skillcluster.taxonomy.models import Skill, SkillCategory

    skills = Skill.objects.bulk_create(
        Skill(uri=f"http://data.europa.eu/esco/skill/bench-{i}", preferred_label=f"bench skill {i}") for i in range(300)
    )
    SkillCategory.objects.bulk_create(
        SkillCategory(skill=s, category=CATEGORIES[i % len(CATEGORIES)]) for i, s in enumerate(skills)
    )
    return [s.pk for s in skills]


def _firms(count: int):
    from skillcluster.tenancy.models import Cluster, Firm, SupportOrganisation

    agency = SupportOrganisation.objects.create(name="Bench agency", country="IT")
    cluster = Cluster.all_objects.create(
        name="Bench cluster", support_organisation=agency, nace_sectors=["15"], nuts_region="ITI35",
        cluster_type="industrial_district",
    )  # fmt: skip
    firms = Firm.all_objects.bulk_create(
        Firm(cluster=cluster, legal_name=f"Firm {i}", headcount=20, size_class="small", nace_code=NACE[i % len(NACE)],
             nuts_code="ITI35") for i in range(count)
    )  # fmt: skip
    return cluster, firms


def _people(firms, people: int):
    from skillcluster.tenancy.models import Membership, Person

    persons = Person.objects.bulk_create(
        (Person(email=f"p{i}@bench.example", full_name=f"Person {i}", password=UNUSABLE) for i in range(people)),
        batch_size=BATCH,
    )
    members = Membership.all_objects.bulk_create(
        (Membership(person=p, firm=firms[i % len(firms)], role="employee") for i, p in enumerate(persons)),
        batch_size=BATCH,
    )
    return members


def _roles(rng: random.Random, firms, skills: list[int]):
    from skillcluster.audits.models import Role, RoleRequirement

    roles = Role.all_objects.bulk_create(
        (Role(firm=f, title=f"Role {k}") for f in firms for k in range(3)), batch_size=BATCH
    )
    wanted = {r.pk: rng.sample(skills, 10) for r in roles}
    RoleRequirement.all_objects.bulk_create(
        (RoleRequirement(role=r, skill_id=s, level=rng.randint(1, 4), importance=rng.randint(1, 3))
         for r in roles for s in wanted[r.pk]),
        batch_size=BATCH,
    )  # fmt: skip
    by_firm: dict[int, list] = {}
    for role in roles:
        by_firm.setdefault(role.firm_id, []).append(role)
    return by_firm, wanted


def _ratings(rng: random.Random, members, by_firm, wanted, total: int) -> int:
    from django.utils import timezone

    from skillcluster.audits.models import Rating, RoleAssignment, SkillLevel

    assignments, ratings, levels = [], [], []
    per_person = max(1, total // (2 * len(members)))
    then = timezone.now() - timedelta(days=30)
    for m in members:
        role = rng.choice(by_firm[m.firm_id])
        assignments.append(RoleAssignment(role=role, membership=m))
        for skill in (wanted[role.pk] * 3)[:per_person]:
            true = rng.choice([0, 1, 2, 2, 3, 3, 4])
            ratings.append(Rating(firm_id=m.firm_id, person_id=m.person_id, skill_id=skill, source="self",
                                  level=min(4, true + rng.choice([0, 0, 1])), created_at=then))  # fmt: skip
            ratings.append(Rating(firm_id=m.firm_id, person_id=m.person_id, skill_id=skill, source="manager",
                                  level=true, created_at=then + timedelta(days=1)))  # fmt: skip
    RoleAssignment.all_objects.bulk_create(assignments, batch_size=BATCH)
    created = Rating.all_objects.bulk_create(ratings, batch_size=BATCH)
    current = {(r.firm_id, r.person_id, r.skill_id): r for r in created}  # the manager's comes last: it counts
    levels = [SkillLevel(firm_id=f, person_id=p, skill_id=s, level=r.level, source_rank=1, rating_id=r.pk)
              for (f, p, s), r in current.items()]  # fmt: skip
    SkillLevel.all_objects.bulk_create(levels, batch_size=BATCH)
    return len(created)


def _median_seconds(run, repeat: int = 5) -> float:
    run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 4)


def worker(args: argparse.Namespace, database_url: str | None) -> dict[str, object]:
    _setup(database_url)
    from django.db import connection
    from django_scopes import scopes_disabled

    from skillcluster.audits.selectors import aggregates, reports

    rng = random.Random(1)
    with scopes_disabled():
        start = time.perf_counter()
        skills = _skills()
        cluster, firms = _firms(args.firms)
        members = _people(firms, args.people)
        by_firm, wanted = _roles(rng, firms, skills)
        count = _ratings(rng, members, by_firm, wanted, args.ratings)
        generate = time.perf_counter() - start
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics after the bulk load, on both engines
        firm = firms[len(firms) // 2]
        return {
            "database": connection.vendor, "firms": len(firms), "people": len(members), "ratings": count,
            "cluster_aggregate_s": _median_seconds(lambda: aggregates.cluster_aggregate(cluster)),
            "cluster_training_needs_s": _median_seconds(lambda: aggregates.cluster_training_needs(cluster)),
            "firm_report_s": _median_seconds(lambda: reports.gap_report(firm)),
            "firm_people": sum(1 for m in members if m.firm_id == firm.pk), "generate_s": round(generate, 1),
        }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--firms", type=int, default=1000)
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--ratings", type=int, default=400000)
    parser.add_argument("--postgres", default=os.environ.get("DATABASE_URL_PG"))
    parser.add_argument("--worker", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args, args.postgres if args.worker == "postgres" else None)))
        return
    targets = ["sqlite"] + (["postgres"] if args.postgres else [])
    for target in targets:  # one process per database: Django is configured once per process
        command = [sys.executable, __file__, "--worker", target, "--firms", str(args.firms),
                   "--people", str(args.people), "--ratings", str(args.ratings)]  # fmt: skip
        if args.postgres:
            command += ["--postgres", args.postgres]
        subprocess.run(command, check=True)  # noqa: S603 -- our own script with our own arguments


if __name__ == "__main__":
    main()

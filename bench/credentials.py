"""Credential benchmark: issue and verify throughput (credentials/s) and p95 latency, one process.

    python bench/credentials.py [--n 100]

Runs against a fresh SQLite database in a temporary directory (migrated here). `issue` times
`credential_issue` on approved claims (build OB 3.0 + schema check, status-index allocation, RDFC-1.0
canonicalisation, Ed25519 signing, save); `verify` times `verify_document` on the stored documents
(contexts, schema, canonicalisation, signature, status look-up, validity period). Claims are prepared
outside the timed part. Prints one JSON line.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _setup() -> None:
    os.environ["SKILLCLUSTER_VAR_DIR"] = tempfile.mkdtemp(prefix="bench-credentials-")
    os.environ.setdefault("DEBUG", "1")
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "skillcluster.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _world():
    from skillcluster.tenancy.models import Cluster, ClusterRole, Firm, Membership, Person, SupportOrganisation

    agency = SupportOrganisation.objects.create(name="Bench Agency", country="IT")
    cluster = Cluster.all_objects.create(
        name="Bench", support_organisation=agency, nuts_region="ITI35", cluster_type="industrial_district"
    )
    firm = Firm.all_objects.create(
        cluster=cluster, legal_name="Bench S.r.l.", headcount=9, nace_code="15.20", nuts_code="ITI35"
    )
    people = {
        name: Person.objects.create_user(f"{name}@bench.example", "x", full_name=name.title())
        for name in ("employee", "assessor", "manager")
    }
    Membership.all_objects.create(person=people["employee"], firm=firm, role="employee")
    ClusterRole.all_objects.create(person=people["assessor"], cluster=cluster, role="assessor")
    ClusterRole.all_objects.create(person=people["manager"], cluster=cluster, role="manager")
    return firm, people


def _approved_claims(firm, people, n: int) -> list:
    from skillcluster.accreditation.services import assessment
    from skillcluster.accreditation.services import claims as services_claims

    claims = []
    for index in range(n):
        claim = services_claims.claim_create(
            claimant=people["employee"], firm=firm, title=f"Skill {index}", level=3, how_learned="on_the_job"
        )
        services_claims.claim_skill_add(
            claim=claim,
            esco_uri="http://data.europa.eu/esco/skill/aeb6686c-f72e-4160-a815-7fd41ecfc3e8",
            label="apply footwear uppers pre-assembling techniques",
        )
        services_claims.evidence_add(claim=claim, description="Work log", link="https://example.org/log")
        services_claims.claim_submit(claim=claim)
        assessment.assessment_record(
            claim=claim, assessor=people["assessor"], decision="approve", reasons="ok", criteria_met=[]
        )
        claims.append(claim)
    return claims


def _timed(function, items: list) -> tuple[list, list[float]]:
    results, latencies = [], []
    for item in items:
        start = time.perf_counter()
        results.append(function(item))
        latencies.append(time.perf_counter() - start)
    return results, latencies


def _figures(latencies: list[float]) -> dict[str, float]:
    p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) >= 2 else latencies[0]
    return {
        "per_s": round(len(latencies) / sum(latencies), 1),
        "p95_ms": round(p95 * 1000, 1),
        "median_ms": round(statistics.median(latencies) * 1000, 1),
    }


def main(n: int) -> None:
    _setup()
    from django_scopes import scopes_disabled

    from skillcluster.accreditation.selectors.credential_check import verify_document
    from skillcluster.accreditation.services import credentials as services_credentials
    from skillcluster.accreditation.services import keys

    with scopes_disabled():
        firm, people = _world()
        keys.issuer_key_active(organisation=firm.cluster.support_organisation)
        claims = _approved_claims(firm, people, n)
        issued, issue_latencies = _timed(
            lambda c: services_credentials.credential_issue(claim=c, issued_by=people["manager"]), claims
        )
        reports, verify_latencies = _timed(lambda c: verify_document(c.document), issued)
    valid = sum(report.result.is_valid for report in reports)
    print(
        json.dumps({"n": n, "issue": _figures(issue_latencies), "verify": _figures(verify_latencies), "valid": valid})
    )


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    main(parser.parse_args().n)

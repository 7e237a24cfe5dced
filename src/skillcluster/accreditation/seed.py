"""Demo seed step for accreditation (after tenancy): an issuer key, claims at every stage of the
workflow, and issued credentials, one of them revoked. Idempotent: a cluster with claims is reused."""

from django.db.models import Count

from skillcluster.accreditation.domain import rubric
from skillcluster.accreditation.models import Claim, HowLearned
from skillcluster.accreditation.services import assessment, keys
from skillcluster.accreditation.services import claims as services_claims
from skillcluster.accreditation.services import credentials as services_credentials
from skillcluster.seeding import SeedContext
from skillcluster.tenancy.domain.roles import ClusterRoleKind, FirmRole
from skillcluster.tenancy.models import Cluster, ClusterRole, Membership, Person

ESCO = "http://data.europa.eu/esco/skill/"
SKILLS = {
    "cut": (ESCO + "ebf99a7b-6c2c-4f77-af00-e04765cfcaed", "cut footwear uppers"),
    "uppers": (ESCO + "aeb6686c-f72e-4160-a815-7fd41ecfc3e8", "apply footwear uppers pre-assembling techniques"),
    "quality": (
        ESCO + "36dc0b74-84ee-4be2-a91c-0a91b4576a21",
        "apply footwear and leather goods quality control techniques",
    ),
    "market": (ESCO + "fe39d4db-4cb5-4299-bb9f-896c8fd6ab13", "perform market research"),
    "customers": (ESCO + "0da516ee-e70e-4384-be13-f5ff80be8127", "communicate with customers"),
    "mentor": (ESCO + "a584a638-a2c0-4b3c-bdf3-a64f87225be9", "mentor individuals"),
}

# (title, skill keys, level claimed, level awarded, how learned, the stage the demo leaves it in)
STORIES = [
    ("Cutting uppers by hand", ["cut"], 3, 3, "on_the_job", "draft"),
    ("Pre-assembling uppers", ["uppers"], 3, 3, "mentor", "credentialed"),
    ("Quality control of finished shoes", ["quality"], 2, 2, "peer_session", "submitted"),
    ("Market research for a new line", ["market", "customers"], 2, 2, "expert_placement", "more_evidence"),
    ("Training apprentices at the bench", ["mentor", "cut"], 4, 3, "on_the_job", "approved"),
    ("Customer visits at trade fairs", ["customers"], 2, 2, "on_the_job", "credentialed"),
    ("Quality inspection of soles", ["quality"], 3, 3, "mentor", "revoked"),
]

# What the assessor writes, by the level awarded: it must agree with the evidence and statement on record.
REASONS = {
    2: "The work log shows the task done with a senior colleague's guidance, and the supervisor's statement "
    "confirms the work was done.",
    3: "The work log shows the task done independently on many pieces over two years; the supervisor confirms "
    "the quality, and in the recorded explanation the claimant explains the choices made and how problems "
    "were solved.",
}
LOWER_AWARD = (
    "Level 4 needs a record of teaching others and recognition by peers; the evidence shows neither yet, "
    "so level 3 is awarded. "
)
MORE_EVIDENCE = "Promising, but add a report or a statement from the expert you worked with."


def seed(ctx: SeedContext) -> None:
    cluster = ctx.shared.get("cluster")
    if not isinstance(cluster, Cluster):
        return
    keys.issuer_key_active(organisation=cluster.support_organisation)
    if Claim.all_objects.filter(cluster=cluster).exists():
        ctx.out(f"Reusing the accreditation demo of {cluster.name}.")
        return
    assessor = _role_holder(cluster, ClusterRoleKind.ASSESSOR)
    manager = _role_holder(cluster, ClusterRoleKind.MANAGER)
    if assessor is None or manager is None:
        return
    claimants = _claimants(cluster, len(STORIES))
    for story, membership in zip(STORIES, claimants, strict=False):
        _play(story, membership, assessor, manager)
    ctx.out(f"Created {len(claimants)} accreditation claims and their credentials in {cluster.name}.")


def _supervisor(membership: Membership) -> Person | None:
    """Who confirms the claimant's work: the firm's owner (in the demo every firm has one)."""
    owner = Membership.all_objects.filter(firm=membership.firm, role=FirmRole.OWNER).exclude(person=membership.person)
    row = owner.select_related("person").first()
    return row.person if row else None


def _role_holder(cluster: Cluster, role: ClusterRoleKind) -> Person | None:
    row = ClusterRole.all_objects.filter(cluster=cluster, role=role).select_related("person").first()
    return row.person if row else None


def _claimants(cluster: Cluster, count: int) -> list[Membership]:
    """The employee persona first, then employees of other firms (one per firm)."""
    employees = Membership.all_objects.filter(firm__cluster=cluster, role=FirmRole.EMPLOYEE).select_related(
        "person", "firm"
    )
    chosen = list(employees.filter(person__email="employee@skillcluster.demo")[:1])
    seen = {m.firm_id for m in chosen}
    sized = employees.annotate(n=Count("firm__memberships")).order_by("firm__legal_name", "pk")
    for membership in sized:
        if membership.firm_id not in seen and len(chosen) < count:
            chosen.append(membership)
            seen.add(membership.firm_id)
    # the persona's story is the issued one, so the employee login shows a credential
    if chosen and chosen[0].person.email == "employee@skillcluster.demo" and len(chosen) > 1:
        chosen[0], chosen[1] = chosen[1], chosen[0]
    return chosen


def _play(
    story: tuple[str, list[str], int, int, str, str],
    membership: Membership,
    assessor: Person,
    manager: Person,
) -> None:
    title, skill_keys, level, awarded, how, stage = story
    claim = _draft(membership, title, skill_keys, level, how)
    if stage == "draft":
        return
    supervisor = _supervisor(membership)
    if stage not in ("submitted", "more_evidence") and supervisor is not None:
        services_claims.statement_add(
            claim=claim,
            author=supervisor,
            relation="supervisor",
            text=f"I have supervised this work at {membership.firm.legal_name}; it passed our checks.",
        )
    services_claims.claim_submit(claim=claim)
    if stage == "submitted":
        return
    if stage == "more_evidence":
        assessment.assessment_record(
            claim=claim, assessor=assessor, decision="more_evidence", reasons=MORE_EVIDENCE, criteria_met=[]
        )
        return
    assessment.assessment_record(
        claim=claim,
        assessor=assessor,
        decision="approve",
        reasons=(LOWER_AWARD if awarded < level else "") + REASONS[awarded],
        criteria_met=list(rubric.criteria_for(awarded)),
        awarded_level=awarded,
    )
    if stage in ("credentialed", "revoked"):
        credential = services_credentials.credential_issue(claim=claim, issued_by=manager)
        if stage == "revoked":
            services_credentials.credential_revoke(
                credential=credential, revoked_by=manager, reason="Issued to the wrong person by mistake."
            )


def _draft(membership: Membership, title: str, skill_keys: list[str], level: int, how: str) -> Claim:
    """A claim with its skills and evidence; from level 3 on, the recorded explanation the rubric asks for."""
    claim = services_claims.claim_create(
        claimant=membership.person,
        firm=membership.firm,
        title=title,
        level=level,
        how_learned=how,
        story=f"Learned {HowLearned(how).label.lower()} at {membership.firm.legal_name} over the last two years.",
    )
    for key in skill_keys:
        services_claims.claim_skill_add(claim=claim, esco_uri=SKILLS[key][0], label=SKILLS[key][1])
    portfolio = "https://example.org/portfolio/" + str(claim.uuid)[:8]
    services_claims.evidence_add(
        claim=claim, description="Work log with photos of finished pieces, signed by the workshop head.", link=portfolio
    )
    if level >= 3:
        services_claims.evidence_add(
            claim=claim,
            description="Recorded explanation (4 minutes): the choices I make and how I fixed faulty pieces.",
            link=portfolio + "/explanation",
        )
    return claim

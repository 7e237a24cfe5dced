"""Demo seed step for the learning network: people at the top of the scale offer to mentor in skills others
of the district lack (their owners agree, the demo owner's firm has one offer waiting); the cluster manager
proposes the matching's pairs; most are agreed, a few declined, a few still waiting (the demo employee has a
proposal to answer); mentees log their sessions; a marketing circle of micro-firm owners meets monthly; one
expert placement and one job shadowing; and one mentee's log becomes a claim, confirmed by the mentor and
issued as a credential. Runs after the audit and accreditation; idempotent (a cluster with offers is kept)."""

import datetime as dt
import random
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils import timezone

from skillcluster.accreditation.domain import rubric
from skillcluster.accreditation.services import assessment
from skillcluster.accreditation.services import claims as claim_services
from skillcluster.accreditation.services import credentials as credential_services
from skillcluster.accreditation.services.statements import statement_request_answer
from skillcluster.audits.models import RoleRequirement, SkillLevel
from skillcluster.network.domain import matching
from skillcluster.network.domain.mentors import MENTOR_LEVEL
from skillcluster.network.models import (
    Component,
    EntryKind,
    LogEntry,
    MentorOffer,
    Mentorship,
    PlacementKind,
)
from skillcluster.network.selectors.matching import cluster_matching
from skillcluster.network.services import circles, log, mentorships, offers
from skillcluster.seeding import SeedContext
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.domain.roles import ClusterRoleKind, FirmRole
from skillcluster.tenancy.models import Cluster, ClusterRole, Firm, Membership, Person
from skillcluster.tenancy.selectors import cluster_access, firm_access

EMPLOYEE, OWNER = "employee@skillcluster.demo", "owner@skillcluster.demo"
PRACTISED = [
    "Worked through “{skill}” on a real order, the mentor watching",
    "Went over my own attempt at “{skill}” and redid the weak part",
    "Practised “{skill}” on samples from our line",
    "The mentor showed how they do “{skill}”; I repeated it twice",
    "Did “{skill}” alone and brought the result to discuss",
]
REFLECTIONS = [
    "Faster than last time; I still check each step twice.",
    "I understood why our way loses time.",
    "Next time I will prepare the material before we meet.",
    "",
]
CIRCLE_NOTES = [
    "Compared how each of us sells online; two of us will try a shared photo shoot",
    "A buyer from a department store told us what she looks for at MICAM",
    "Went through our price lists together and found where we undersell",
]


def seed(ctx: SeedContext) -> None:
    cluster = ctx.shared.get("cluster")
    if not isinstance(cluster, Cluster):
        return
    if MentorOffer.all_objects.filter(firm__cluster=cluster).exists():
        ctx.out("Learning network: reusing the existing offers and mentorships.")
        return
    manager = _role_holder(cluster, ClusterRoleKind.MANAGER)
    if manager is None or not Skill.objects.exists():
        ctx.out("Learning network: no cluster manager or no ESCO loaded; nothing seeded.")
        return
    rng = ctx.rng("network")
    made = _offers(cluster, rng)
    found = cluster_matching(cluster)
    outcome = matching.match(found.problem)
    proposed = mentorships.check_propose(access=cluster_access(manager, cluster), found=found, pairs=outcome.pairs,
                                         actor=manager)  # fmt: skip
    active = _answers(proposed, rng)
    sessions = sum(_sessions(m, rng, claimable=m.mentee.email == EMPLOYEE) for m in active)
    circle = _circle(cluster, manager, rng)
    placed = _placements(cluster, manager, rng)
    credential = _claim_from_log(cluster, active, manager)
    ctx.out(f"Learning network: {made} offers to mentor, {len(proposed)} pairs proposed ({len(active)} agreed), "
            f"{sessions} sessions logged, {'one circle' if circle else 'no circle'}, {placed} placements, "
            f"{'one' if credential else 'no'} credential from a learning log.")  # fmt: skip


def _role_holder(cluster: Cluster, role: ClusterRoleKind) -> Person | None:
    row = ClusterRole.all_objects.filter(cluster=cluster, role=role).select_related("person").first()
    return row.person if row else None


def _owner(firm_id: int) -> Person | None:
    row = Membership.all_objects.filter(firm_id=firm_id, role=FirmRole.OWNER).select_related("person").first()
    return row.person if row else None


def _offers(cluster: Cluster, rng: random.Random) -> int:
    """Up to two holders at level 3+ from other firms offer each skill someone lacks; the demo employee's
    gaps come first, so their page shows a proposal."""
    SkillLevel.all_objects.refresh_lapsed()
    held = {(f, p, s): lvl for f, p, s, lvl in SkillLevel.all_objects.filter(firm__cluster=cluster)
            .values_list("firm_id", "person_id", "skill_id", "level")}  # fmt: skip
    short: dict[int, set[int]] = defaultdict(set)  # skill → firms with someone short of it
    persona_skills: list[int] = []
    rows = RoleRequirement.all_objects.filter(role__firm__cluster=cluster, role__assignments__isnull=False).values_list(
        "role__firm_id", "role__assignments__membership__person_id", "role__assignments__membership__person__email",
        "skill_id", "level",
    )  # fmt: skip
    for firm, person, email, skill, level in rows.order_by("pk"):
        if held.get((firm, person, skill), 0) < level:
            short[skill].add(firm)
            if email == EMPLOYEE and skill not in persona_skills:
                persona_skills.append(skill)
    holders: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for (firm, person, skill), level in sorted(held.items()):
        if level >= MENTOR_LEVEL and skill in short:
            holders[skill].append((firm, person, level))
    persona_firms = set(Membership.all_objects.filter(person__email=OWNER).values_list("firm_id", flat=True))
    skills = persona_skills[:2] + rng.sample(sorted(set(holders) - set(persona_skills[:2])), k=min(14, len(holders)))
    made, waiting_left = 0, True
    for skill_id in skills:
        candidates = [h for h in holders.get(skill_id, []) if h[0] not in short[skill_id] or rng.random() < 0.5]
        rng.shuffle(candidates)
        used_firms: set[int] = set()
        for firm_id, person_id, _ in candidates:
            if firm_id in used_firms or len(used_firms) == 2:
                continue
            mentor_firm, mentor = Firm.all_objects.get(pk=firm_id), Person.objects.get(pk=person_id)
            offer = offers.check_offer_create(
                access=firm_access(mentor, mentor_firm), firm=mentor_firm, person=mentor,
                skill=Skill.objects.get(pk=skill_id), capacity=rng.choice([1, 2, 2, 3]),
                languages=["it", "en"] if rng.random() < 0.3 else ["it"],
            )  # fmt: skip
            used_firms.add(firm_id)
            made += 1
            owner = _owner(firm_id)
            if offer.agreed_at is None and owner is not None:
                if firm_id in persona_firms and waiting_left:
                    waiting_left = False  # the demo owner finds it on their to-do list
                    continue
                offers.check_offer_agree(access=firm_access(owner, mentor_firm), offer=offer, actor=owner)
    return made


def _answers(proposed: list[Mentorship], rng: random.Random) -> list[Mentorship]:
    """Most pairs agree, started one to five months ago; about one in ten is declined; some wait. The demo
    employee's first mentorship is agreed (its sessions wait to become a claim); a second waits for their answer."""
    active: list[Mentorship] = []
    persona = 0
    for mentorship in proposed:
        roll = rng.random()
        if mentorship.mentee.email == EMPLOYEE:
            persona += 1
            roll = 0.5 if persona == 1 else 0.2
        if roll < 0.1:
            side = mentorship.mentee if rng.random() < 0.5 else mentorship.mentor
            mentorships.check_answer(mentorship=mentorship, person=side, accept=False)
        elif roll < 0.25:
            mentorships.check_answer(mentorship=mentorship, person=mentorship.mentor, accept=True)
        else:
            mentorships.check_answer(mentorship=mentorship, person=mentorship.mentee, accept=True)
            done = mentorships.check_answer(mentorship=mentorship, person=mentorship.mentor, accept=True)
            started = timezone.now() - dt.timedelta(days=rng.randint(30, 150))
            Mentorship.all_objects.filter(pk=done.pk).update(
                started_at=started, proposed_at=started - dt.timedelta(days=7),
                mentee_accepted_at=started, mentor_accepted_at=started,
            )  # fmt: skip
            done.refresh_from_db()
            active.append(done)
    return active


def _sessions(mentorship: Mentorship, rng: random.Random, *, claimable: bool = False) -> int:
    """Two to five sessions since the mentorship started, logged by the mentee."""
    access = firm_access(mentorship.mentee, mentorship.mentee_firm)
    today = timezone.localdate()
    start = timezone.localdate(mentorship.started_at) if mentorship.started_at else today  # agreed: started
    count = 3 if claimable else rng.randint(2, 5)
    span = max(1, (today - start).days)
    days = sorted({start + dt.timedelta(days=rng.randrange(span)) for _ in range(count)})
    for day in days:
        log.check_entry_add(
            access=access, firm=mentorship.mentee_firm, person=mentorship.mentee, kind=EntryKind.MENTORING,
            component=Component.COMPETENCE if rng.random() < 0.75 else Component.KNOWLEDGE, happened_on=day,
            minutes=rng.choice([45, 60, 90, 120]), mentorship=mentorship,
            practised=rng.choice(PRACTISED).format(skill=mentorship.skill.preferred_label),
            reflection=rng.choice(REFLECTIONS),
        )  # fmt: skip
    return len(days)


def _circle(cluster: Cluster, manager: Person, rng: random.Random) -> bool:
    """Six owners of micro-firms (none declared competitors of another) meet monthly on marketing."""
    owners = list(Membership.all_objects.filter(firm__cluster=cluster, role=FirmRole.OWNER, firm__size_class="micro")
                  .select_related("person", "firm").order_by("firm__legal_name"))  # fmt: skip
    marketing = list(Skill.objects.filter(categories__category__in=["marketing", "sales"]).filter(
        pk__in=RoleRequirement.all_objects.filter(role__firm__cluster=cluster).values("skill_id"))[:3])  # fmt: skip
    if len(owners) < 3 or not marketing:
        return False
    chosen = rng.sample(owners, k=min(6, len(owners)))
    try:
        circle = circles.check_circle_create(
            access=cluster_access(manager, cluster), cluster=cluster, theme="Marketing circle of micro-firm owners",
            skills=marketing, members=[(m.person, m.firm) for m in chosen], actor=manager,
        )  # fmt: skip
    except ValidationError:  # two of them declared competitors: the demo goes on without a circle
        return False
    today = timezone.localdate()
    for months_ago, note in zip((3, 2, 1), CIRCLE_NOTES, strict=True):
        for member in chosen[: rng.randint(3, len(chosen))]:
            log.check_entry_add(
                access=firm_access(member.person, member.firm), firm=member.firm, person=member.person,
                kind=EntryKind.CIRCLE, component=Component.INFORMATION, minutes=120, circle=circle,
                happened_on=today - dt.timedelta(days=30 * months_ago), practised=note,
            )  # fmt: skip
    return True


def _placements(cluster: Cluster, manager: Person, rng: random.Random) -> int:
    """An expert at level 4 spends a week in a firm short of the skill; an employee shadows a master for three
    days; each guest logs their days."""
    top = SkillLevel.all_objects.filter(firm__cluster=cluster, level=4)
    experts = list(top.select_related("person", "firm", "skill").order_by("pk")[:200])
    rng.shuffle(experts)
    short = {(f, s): p for f, p, s in RoleRequirement.all_objects.filter(
        role__firm__cluster=cluster, role__assignments__isnull=False).values_list(
        "role__firm_id", "role__assignments__membership__person_id", "skill_id")}  # fmt: skip
    made = 0
    for kind in (PlacementKind.PLACEMENT, PlacementKind.SHADOWING):
        for expert in experts:
            learner = next(
                ((f, p) for (f, s), p in short.items() if s == expert.skill_id and f != expert.firm_id), None
            )
            if learner is None:
                continue
            learner_firm = Firm.all_objects.get(pk=learner[0])
            learner_person = Person.objects.get(pk=learner[1])
            if kind == PlacementKind.PLACEMENT:  # the expert is the guest, hosted by the firm short of it
                host, guest = (learner_person, learner_firm), (expert.person, expert.firm)
            else:
                host, guest = (expert.person, expert.firm), (learner_person, learner_firm)
            start = timezone.localdate() - dt.timedelta(days=rng.randint(20, 60))
            try:
                placement = circles.check_placement_record(
                    access=cluster_access(manager, cluster), cluster=cluster, kind=kind, host=host, guest=guest,
                    starts_on=start, days=3 if kind == PlacementKind.SHADOWING else 5, skills=[expert.skill],
                    actor=manager,
                )  # fmt: skip
            except ValidationError:  # declared competitors: the next expert
                placement = None
            if placement is None:
                continue
            for day in range(placement.days):
                log.check_entry_add(
                    access=firm_access(guest[0], guest[1]), firm=guest[1], person=guest[0], kind=kind,
                    component=Component.COMPETENCE, minutes=480, placement=placement,
                    happened_on=start + dt.timedelta(days=day),
                    practised=f"Day {day + 1} at {host[1].legal_name}: “{expert.skill.preferred_label}” on the line",
                )  # fmt: skip
            experts.remove(expert)
            made += 1
            break
    return made


def _claim_from_log(cluster: Cluster, active: list[Mentorship], manager: Person) -> bool:
    """One mentee (not the demo employee, whose sessions wait to be claimed) turns three or more sessions into a
    claim; the mentor confirms; the assessor approves at the target level; the manager issues the credential."""
    assessor = _role_holder(cluster, ClusterRoleKind.ASSESSOR)
    candidates = [m for m in active if m.mentee.email != EMPLOYEE and m.log.count() >= 3]
    if assessor is None or not candidates:
        return False
    mentorship = candidates[0]
    entries = list(LogEntry.all_objects.filter(mentorship=mentorship).order_by("happened_on"))
    claim = log.check_claim_from_log(
        access=firm_access(mentorship.mentee, mentorship.mentee_firm), firm=mentorship.mentee_firm,
        person=mentorship.mentee, entries=entries, skill=mentorship.skill, level=mentorship.target_level,
    )  # fmt: skip
    for ask in claim.statement_requests.all():
        statement_request_answer(request=ask, author=ask.person, text=(
            f"I mentored {mentorship.mentee.full_name} in these sessions; by the last one the work was done "
            "without my help and to our standard."))  # fmt: skip
    claim_services.claim_submit(claim=claim)
    assessment.assessment_record(
        claim=claim, assessor=assessor, decision="approve", criteria_met=list(rubric.criteria_for(claim.level)),
        reasons="The logged sessions and the mentor's statement show the work done unaided.",
        awarded_level=claim.level,
    )  # fmt: skip
    credential_services.credential_issue(claim=claim, issued_by=manager)
    mentorships.check_end(mentorship=mentorship, person=mentorship.mentee)
    return True

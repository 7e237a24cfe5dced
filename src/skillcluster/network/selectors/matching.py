"""The cluster's mentoring problem, read from the database: every live offer the owner agreed to (its places
left after the mentorships proposed or agreed on it), every person's gap in a skill somebody offers (from the
audit's role requirements and current levels), the firms' declared competitors, and the pairings declined
before. Reads a handful of queries whatever the cluster's size."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from skillcluster.audits.models import RoleRequirement, SkillLevel
from skillcluster.network.domain import matching
from skillcluster.network.domain.matching import Outcome, PairReason, Problem
from skillcluster.network.domain.mentors import mentee_languages
from skillcluster.network.models import LIVE_MENTORSHIP, MentorOffer, Mentorship, MentorshipStatus
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.models import Cluster, Firm, FirmRelation, Person, RelationKind


def need_id(person_id: int, skill_id: int) -> str:
    return f"{person_id}:{skill_id}"


def mentor_id(offer_id: int) -> str:
    return f"offer:{offer_id}"


@dataclass(frozen=True)
class Matching:
    problem: Problem
    offers: dict[str, MentorOffer]  # mentor id → the offer behind it
    people: dict[int, Person]
    firms: dict[int, Firm]
    skills: dict[int, Skill]


def agreed_offers(cluster: Cluster) -> list[MentorOffer]:
    return list(
        MentorOffer.all_objects.filter(firm__cluster=cluster, withdrawn_at__isnull=True, agreed_at__isnull=False)
        .select_related("person", "firm", "skill")
        .order_by("pk")
    )


def places_taken(offer_ids: list[int]) -> dict[int, int]:
    """Per offer, the mentorships proposed or agreed on it."""
    live = Mentorship.all_objects.filter(offer_id__in=offer_ids, status__in=LIVE_MENTORSHIP)
    return dict(live.values_list("offer_id").annotate(n=Count("pk")).order_by())


def cluster_matching(cluster: Cluster) -> Matching:
    offers = agreed_offers(cluster)
    skill_ids = {o.skill_id for o in offers}
    firms = {f.pk: f for f in Firm.objects.filter(cluster=cluster)} if skill_ids else {}
    SkillLevel.all_objects.refresh_lapsed()
    held = {
        (f, p, s): level
        for f, p, s, level in SkillLevel.all_objects.filter(firm__cluster=cluster, skill_id__in=skill_ids)
        .values_list("firm_id", "person_id", "skill_id", "level")
    }  # fmt: skip
    taken = places_taken([o.pk for o in offers])
    mentors = tuple(
        matching.Mentor(
            mentor_id(o.pk),
            o.firm_id,
            {o.skill_id: held.get((o.firm_id, o.person_id, o.skill_id), 0)},
            max(0, o.capacity - taken.get(o.pk, 0)),
            frozenset(o.languages),
            o.firm.nuts_code,
        )
        for o in offers
    )
    required: dict[tuple[int, int, int], tuple[int, int]] = {}
    rows = RoleRequirement.all_objects.filter(role__firm__cluster=cluster, skill_id__in=skill_ids,
                                              role__assignments__isnull=False)  # fmt: skip
    for firm, person, skill, level, importance in rows.values_list(
        "role__firm_id", "role__assignments__membership__person_id", "skill_id", "level", "importance"
    ):
        known = required.get((firm, person, skill), (0, 0))
        required[(firm, person, skill)] = (max(known[0], level), max(known[1], importance))
    holders: dict[tuple[int, int], int] = defaultdict(int)  # (firm, skill) → people at the firm's lowest need
    lowest: dict[tuple[int, int], int] = {}
    for (firm, _, skill), (level, _) in required.items():
        lowest[(firm, skill)] = min(lowest.get((firm, skill), level), level)
    for (firm, _, skill), level in held.items():
        if (firm, skill) in lowest and level >= lowest[(firm, skill)]:
            holders[(firm, skill)] += 1
    live = set(
        Mentorship.all_objects.filter(cluster=cluster, status__in=LIVE_MENTORSHIP).values_list("mentee_id", "skill_id")
    )
    needs = tuple(
        matching.Need(
            need_id(person, skill),
            person,
            firm,
            skill,
            held.get((firm, person, skill), 0),
            level,
            importance,
            holders[(firm, skill)] == 1,
            mentee_languages(firms[firm].nuts_code),
            firms[firm].nuts_code,
        )
        for (firm, person, skill), (level, importance) in sorted(required.items())
        if level > held.get((firm, person, skill), 0) and (person, skill) not in live
    )
    declined = frozenset(
        (need_id(mentee, skill), mentor_id(offer))
        for mentee, skill, offer in Mentorship.all_objects.filter(cluster=cluster, status=MentorshipStatus.DECLINED)
        .values_list("mentee_id", "skill_id", "offer_id")
    )  # fmt: skip
    people = Person.objects.in_bulk({n.person for n in needs if isinstance(n.person, int)})
    people |= {o.person_id: o.person for o in offers}
    problem = Problem(needs, mentors, _competitors(list(firms)), declined)
    return Matching(problem, {mentor_id(o.pk): o for o in offers}, people, firms,
                    Skill.objects.in_bulk(skill_ids))  # fmt: skip


def _competitors(firm_ids: list[int]) -> frozenset[frozenset[int]]:
    relations = FirmRelation.all_objects.filter(kind=RelationKind.COMPETITOR, firm_id__in=firm_ids)
    return frozenset(frozenset(pair) for pair in relations.values_list("firm_id", "other_id"))


@dataclass(frozen=True)
class Proposal:
    need: matching.Need
    mentee: Person
    firm: Firm
    skill: Skill
    offer: MentorOffer | None
    reason: PairReason


def proposals(found: Matching, outcome: Outcome) -> list[Proposal]:
    """Every need with its mentor or the reason it has none: matched first (heaviest first), then the rest."""
    reasons = matching.explain(found.problem, outcome.pairs)
    weights = {n.id: n.gap * n.importance * (2 if n.single_holder else 1) for n in found.problem.needs}
    rows = [
        Proposal(
            n,
            found.people[n.person],
            found.firms[n.firm],
            found.skills[n.skill],
            found.offers.get(str(reasons[n.id].mentor)) if reasons[n.id].mentor else None,
            reasons[n.id],
        )
        for n in found.problem.needs
        if isinstance(n.person, int) and isinstance(n.firm, int) and isinstance(n.skill, int)
    ]
    return sorted(rows, key=lambda p: (p.reason.code != "matched", -weights[p.need.id], p.mentee.full_name))

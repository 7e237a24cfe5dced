"""Two firms of one cluster: the employee of Calzaturificio Rossi is short of CAD (level 1, the pattern
maker's role asks 3, critical); Bianchi's pattern maker holds it at 4 and offers to mentor two people, agreed
by Bianchi's owner."""

from dataclasses import dataclass

import pytest

from skillcluster.accreditation.tests.builders import SKILL_LABEL, SKILL_URI
from skillcluster.audits.models import Rating, RoleAssignment
from skillcluster.audits.services import ratings, roles
from skillcluster.network.domain.matching import match
from skillcluster.network.models import MentorOffer, Mentorship
from skillcluster.network.selectors.matching import cluster_matching
from skillcluster.network.services.mentorships import check_answer, check_propose
from skillcluster.network.services.offers import check_offer_create
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.domain.permissions import Access, Roles, Scope
from skillcluster.tenancy.domain.roles import ClusterRoleKind, FirmRole
from skillcluster.tenancy.models import Firm, Membership, Person
from skillcluster.tenancy.tests.factories import FirmFactory, MembershipFactory, PersonFactory

OWNER = Access(Scope.FIRM, Roles(firm=frozenset({FirmRole.OWNER})))
EMPLOYEE = Access(Scope.FIRM, Roles(firm=frozenset({FirmRole.EMPLOYEE})))
MANAGER = Access(Scope.CLUSTER, Roles(cluster=frozenset({ClusterRoleKind.MANAGER})))
AUDITOR = Access(Scope.CLUSTER, Roles(cluster=frozenset({ClusterRoleKind.AUDITOR})))


@dataclass
class Pair:
    skill: Skill
    other: Firm
    other_owner: Person
    mentor: Person
    offer: MentorOffer


@pytest.fixture
def pair(world) -> Pair:
    skill = Skill.objects.create(uri=SKILL_URI, preferred_label=SKILL_LABEL)
    other = FirmFactory(
        cluster=world.cluster, legal_name="Calzaturificio Bianchi S.r.l.", nuts_code=world.firm.nuts_code
    )
    other_owner = PersonFactory(email="bianchi@example.org", full_name="Bruna Bianchi")
    mentor = PersonFactory(email="mentor@example.org", full_name="Maria Conti")
    MembershipFactory(person=other_owner, firm=other, role=FirmRole.OWNER)
    MembershipFactory(person=mentor, firm=other, role=FirmRole.EMPLOYEE)
    role = roles.role_create(firm=world.firm, title="Pattern maker")
    roles.requirement_add(role=role, skill=skill, level=3, importance=3)
    RoleAssignment.objects.create(role=role, membership=Membership.objects.get(person=world.employee))
    ratings.do_ratings_add(ratings=[
        Rating(firm=world.firm, person=world.employee, skill=skill, level=1, source="manager", rated_by=world.owner),
        Rating(firm=other, person=mentor, skill=skill, level=4, source="manager", rated_by=other_owner),
    ])  # fmt: skip
    offer = check_offer_create(access=EMPLOYEE, firm=other, person=mentor, skill=skill, capacity=2, languages=["it"])
    offer.agreed_at, offer.agreed_by = offer.created_at, other_owner
    offer.save()
    return Pair(skill, other, other_owner, mentor, offer)


def agreed(world, pair: Pair) -> Mentorship:
    """The matching's pair proposed by the cluster manager and accepted by both."""
    found = cluster_matching(world.cluster)
    (made,) = check_propose(access=MANAGER, found=found, pairs=match(found.problem).pairs, actor=world.cluster_manager)
    check_answer(mentorship=made, person=world.employee, accept=True)
    return check_answer(mentorship=made, person=pair.mentor, accept=True)

"""A small catalogue on top of the shared `world` personas: two skills, a second (micro) firm in the cluster,
one course with two sessions next spring, and a role that asks for the course's skills."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from skillcluster.pooling.models import Service, Session
from skillcluster.pooling.services.catalogue import ServiceIn, SessionIn, service_create, session_add
from skillcluster.taxonomy.models import Skill, SkillCategory
from skillcluster.tenancy.domain.roles import FirmRole
from skillcluster.tenancy.models import Firm, Person
from skillcluster.tenancy.tests.factories import FirmFactory, MembershipFactory, PersonFactory

ESCO = "http://data.europa.eu/esco/skill/"
SPRING = datetime(2031, 3, 3, 9, tzinfo=UTC)


def meetings(day: int, count: int = 1) -> list[tuple[datetime, datetime]]:
    start = SPRING + timedelta(days=day)
    return [(start + timedelta(weeks=w), start + timedelta(weeks=w, hours=4)) for w in range(count)]


@dataclass
class Catalogue:
    web: Skill  # "e-commerce systems", marketing
    fair: Skill  # "trade fair sales", marketing
    course: Service  # teaches both up to level 3
    morning: Session  # 2-3 seats, 1,200.00
    evening: Session  # 1-2 seats, 600.00, on another day
    micro: Firm  # a second firm of the cluster, micro
    micro_owner: Person
    micro_staff: Person


@pytest.fixture
def catalogue(world) -> Catalogue:
    web = Skill.objects.create(uri=ESCO + "web", preferred_label="e-commerce systems")
    fair = Skill.objects.create(uri=ESCO + "fair", preferred_label="trade fair sales")
    SkillCategory.objects.bulk_create([SkillCategory(skill=web, category="marketing"),
                                       SkillCategory(skill=fair, category="marketing")])  # fmt: skip
    course = service_create(
        cluster=world.cluster, actor=world.cluster_manager,
        data=ServiceIn("E-commerce for shoe makers", "Fermo Training Centre", [web, fair], target_level=3),
    )  # fmt: skip
    morning = session_add(service=course, actor=world.cluster_manager,
                          data=SessionIn("Spring, Fermo", meetings(0, 2), 2, 3, 120000))  # fmt: skip
    evening = session_add(service=course, actor=world.cluster_manager,
                          data=SessionIn("Spring, evenings", meetings(3), 1, 2, 60000))  # fmt: skip
    micro = FirmFactory(cluster=world.cluster, legal_name="Tomaificio Bianchi", headcount=4)
    micro_owner = PersonFactory(email="bianchi@example.org", full_name="Bruna Bianchi")
    micro_staff = PersonFactory(email="staff@bianchi.example.org", full_name="Sara Verdi")
    MembershipFactory(person=micro_owner, firm=micro, role=FirmRole.OWNER)
    MembershipFactory(person=micro_staff, firm=micro, role=FirmRole.EMPLOYEE)
    return Catalogue(web, fair, course, morning, evening, micro, micro_owner, micro_staff)

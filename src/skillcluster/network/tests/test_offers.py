"""Offers to mentor: who may offer what, the owner's agreement, and the page for each role."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from skillcluster.audits.models import Rating
from skillcluster.audits.services.ratings import do_ratings_add
from skillcluster.network.models import MentorOffer
from skillcluster.network.services.offers import check_offer_agree, check_offer_create
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.domain.permissions import Access, Roles, Scope
from skillcluster.tenancy.domain.roles import FirmRole

EMPLOYEE = Access(Scope.FIRM, Roles(firm=frozenset({FirmRole.EMPLOYEE})))
OWNER = Access(Scope.FIRM, Roles(firm=frozenset({FirmRole.OWNER})))


@pytest.fixture
def cad(world) -> Skill:
    """The employee holds CAD at 4 (manager rating), the manager at 2."""
    skill = Skill.objects.create(uri="http://data.europa.eu/esco/skill/cad", preferred_label="use CAD for soles")
    do_ratings_add(ratings=[
        Rating(firm=world.firm, person=world.employee, skill=skill, level=4, source="manager", rated_by=world.owner),
        Rating(firm=world.firm, person=world.manager, skill=skill, level=2, source="manager", rated_by=world.owner),
    ])  # fmt: skip
    return skill


def test_only_someone_at_level_three_or_four_offers_and_the_owner_agrees(world, cad):
    with pytest.raises(ValidationError) as error:
        check_offer_create(access=EMPLOYEE, firm=world.firm, person=world.manager, skill=cad, capacity=2,
                           languages=["it"])  # fmt: skip
    assert error.value.message_dict == {
        "skill": ["Mentors hold the skill at level 3 or 4 in the audit; your current level is 2."]
    }
    with pytest.raises(ValidationError, match="Mentor 1 to 5 people at once; got 9"):
        check_offer_create(access=EMPLOYEE, firm=world.firm, person=world.employee, skill=cad, capacity=9,
                           languages=["it"])  # fmt: skip
    offer = check_offer_create(access=EMPLOYEE, firm=world.firm, person=world.employee, skill=cad, capacity=2,
                               languages=["it", "en"])  # fmt: skip
    assert (offer.capacity, offer.languages, offer.agreed_at) == (2, ["en", "it"], None)
    with pytest.raises(ValidationError, match="already offer to mentor"):
        check_offer_create(access=EMPLOYEE, firm=world.firm, person=world.employee, skill=cad, capacity=1,
                           languages=["it"])  # fmt: skip
    with pytest.raises(ValidationError, match="The firm's owner agrees"):
        check_offer_agree(access=EMPLOYEE, offer=offer, actor=world.employee)
    check_offer_agree(access=OWNER, offer=offer, actor=world.owner)
    offer.refresh_from_db()
    assert offer.agreed_by == world.owner


def test_the_mentoring_page_and_its_actions_follow_the_permissions(world, cad, client_for):
    page = reverse("network_firm", args=[world.firm.pk])
    statuses = {who: client_for(getattr(world, who)).get(page).status_code
                for who in ("owner", "employee", "cluster_manager", "outsider")}  # fmt: skip
    assert statuses == {"owner": 200, "employee": 200, "cluster_manager": 403, "outsider": 404}
    assert "use CAD for soles" in client_for(world.employee).get(page).content.decode()
    client_for(world.employee).post(reverse("network_offer", args=[world.firm.pk]),
                                    {"skill": cad.pk, "capacity": "2", "languages": ["it"]})  # fmt: skip
    offer = MentorOffer.objects.get()
    agree = reverse("network_agree", args=[world.firm.pk, offer.pk])
    assert client_for(world.employee).post(agree).status_code == 403
    assert client_for(world.outsider).post(agree).status_code == 404
    overview = client_for(world.owner).get(reverse("firm_detail", args=[world.firm.pk])).content.decode()
    assert "1 offer to mentor people of other firms waits for your agreement" in overview
    client_for(world.owner).post(agree)
    offer.refresh_from_db()
    assert offer.agreed_by == world.owner
    withdraw = reverse("network_withdraw", args=[world.firm.pk, offer.pk])
    assert client_for(world.manager).post(withdraw).status_code == 404  # not theirs, and not the owner
    client_for(world.employee).post(withdraw)
    offer.refresh_from_db()
    assert offer.withdrawn_at is not None


def test_offers_are_in_the_person_s_and_the_firm_s_exports(world, cad):
    from skillcluster.tenancy.services import people

    check_offer_create(access=EMPLOYEE, firm=world.firm, person=world.employee, skill=cad, capacity=2,
                       languages=["it"])  # fmt: skip
    (mine,) = people.person_export(world.employee)["learning_network"]["offers_to_mentor"]  # type: ignore[index]
    assert (mine["skill"], mine["capacity"], mine["agreed_at"]) == ("use CAD for soles", 2, None)
    (theirs,) = people.firm_export(world.firm)["learning_network"]["offers_to_mentor"]  # type: ignore[index]
    assert theirs["person"] == "employee@example.org"


def test_someone_at_the_top_of_a_skill_others_lack_is_invited_to_mentor_it(world, pair, client_for):
    from skillcluster.network.models import MentorOffer
    from skillcluster.network.selectors.offers import invitation

    MentorOffer.all_objects.all().delete()
    found = invitation(pair.other, pair.mentor)
    assert ([s.pk for s in found.skills], found.people) == ([pair.skill.pk], 1)
    page = client_for(pair.mentor).get(reverse("firm_detail", args=[pair.other.pk])).content.decode()
    assert "1 person of other firms of the cluster is short of" in page
    assert invitation(world.firm, world.employee) is None  # holds it at 1


def test_an_offer_says_when_the_mentor_can_meet(world, cad):
    with pytest.raises(ValidationError, match="At most 120 characters; got 121"):
        check_offer_create(access=EMPLOYEE, firm=world.firm, person=world.employee, skill=cad, capacity=1,
                           languages=["it"], availability="x" * 121)  # fmt: skip
    offer = check_offer_create(access=EMPLOYEE, firm=world.firm, person=world.employee, skill=cad, capacity=1,
                               languages=["it"], availability=" Tuesday afternoons ")  # fmt: skip
    assert offer.availability == "Tuesday afternoons"

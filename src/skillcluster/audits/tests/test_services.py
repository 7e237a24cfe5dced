import pytest
from django.core.exceptions import ValidationError

from skillcluster.audits import services
from skillcluster.audits.models import Role, RoleRequirement


def test_role_from_occupation_prefills_essential_skills(world, esco):
    role = services.role_create(firm=world.firm, title="", occupation=esco.shoemaker)
    rows = RoleRequirement.objects.filter(role=role).values_list("skill__preferred_label", "level", "importance")
    reqs = sorted(rows)
    assert role.title == "shoemaker"
    assert reqs == [("cut leather", 3, 2), ("operate lasting machines", 3, 2), ("stitch shoe uppers", 3, 2)]


def test_role_from_occupation_adds_optional_skills_on_request(world, esco):
    role = services.role_create(firm=world.firm, title="Shoe maker", occupation=esco.shoemaker, include_optional=True)
    assert RoleRequirement.objects.filter(role=role).count() == 4
    assert RoleRequirement.objects.get(role=role, skill=esco.skills["team"]).level == 2


def test_role_title_is_unique_in_firm(world, esco):
    services.role_create(firm=world.firm, title="Cutter")
    with pytest.raises(ValidationError, match="already has a role"):
        services.role_create(firm=world.firm, title="cutter")
    assert Role.objects.filter(firm=world.firm).count() == 1

import pytest
from django.core.exceptions import ValidationError

from skillcluster.audits.models import Rating, Role, RoleRequirement, SkillLevel
from skillcluster.audits.services import ratings, roles
from skillcluster.tenancy.selectors import firm_access


def test_role_from_occupation_prefills_essential_skills(world, esco):
    role = roles.role_create(firm=world.firm, title="", occupation=esco.shoemaker)
    rows = RoleRequirement.objects.filter(role=role).values_list("skill__preferred_label", "level", "importance")
    reqs = sorted(rows)
    assert role.title == "shoemaker"
    assert reqs == [("cut leather", 3, 2), ("operate lasting machines", 3, 2), ("stitch shoe uppers", 3, 2)]


def test_role_from_occupation_adds_optional_skills_on_request(world, esco):
    role = roles.role_create(firm=world.firm, title="Shoe maker", occupation=esco.shoemaker, include_optional=True)
    assert RoleRequirement.objects.filter(role=role).count() == 4
    assert RoleRequirement.objects.get(role=role, skill=esco.skills["team"]).level == 2


def test_role_title_is_unique_in_firm(world, esco):
    roles.role_create(firm=world.firm, title="Cutter")
    with pytest.raises(ValidationError, match="already has a role"):
        roles.role_create(firm=world.firm, title="cutter")
    assert Role.objects.filter(firm=world.firm).count() == 1


def _rate(world, esco, **kwargs):
    fields = {"person": world.employee, "skill": esco.skills["cut"], "level": 2, "source": "self"} | kwargs
    rater = kwargs.pop("rater", fields["person"])
    fields.pop("rater", None)
    access = firm_access(rater, world.firm)
    return ratings.check_rating_add(access=access, rater=rater, firm=world.firm, **fields)


def test_ratings_are_append_only(world, esco):
    rating = _rate(world, esco)
    rating.level = 4
    with pytest.raises(ValidationError, match="append-only"):
        rating.save()
    with pytest.raises(ValidationError, match="never deleted"):
        rating.delete()
    with pytest.raises(ValidationError, match="append-only"):
        Rating.objects.filter(pk=rating.pk).update(level=4)
    with pytest.raises(ValidationError, match="never deleted"):
        Rating.objects.all().delete()
    assert list(Rating.objects.values_list("level", flat=True)) == [2]


def test_new_rating_never_overwrites_and_rule_picks_current(world, esco):
    _rate(world, esco, level=4)
    _rate(world, esco, level=1, source="manager", rater=world.owner)
    _rate(world, esco, level=3)  # a later self rating does not beat the manager's
    assert list(Rating.objects.order_by("id").values_list("level", "source")) == [
        (4, "self"), (1, "manager"), (3, "self"),
    ]  # fmt: skip
    assert SkillLevel.objects.get(person=world.employee).level == 1
    _rate(world, esco, level=2, source="assessor", rater=world.auditor)
    assert SkillLevel.objects.get(person=world.employee).level == 2


@pytest.mark.parametrize(
    ("rater", "person", "source", "message"),
    [
        ("employee", "manager", "manager", "Your role does not allow manager ratings in this firm."),
        ("employee", "manager", "self", "A self rating is about your own skills only."),
        ("owner", "owner", "manager", "You cannot rate your own skills as manager; add a self rating."),
        ("auditor", "employee", "manager", "Your role does not allow manager ratings in this firm."),
        ("cluster_manager", "employee", "assessor", "Your role does not allow assessor ratings in this firm."),
        ("owner", "employee", "credential", "Credential ratings are added by the accreditation workflow"),
        ("owner", "outsider", "manager", "That person does not work in this firm."),
    ],
)
def test_rating_refusals_write_nothing(world, esco, rater, person, source, message):
    with pytest.raises(ValidationError, match=message):
        _rate(world, esco, rater=getattr(world, rater), person=getattr(world, person), source=source)
    assert Rating.objects.count() == 0
    assert SkillLevel.objects.count() == 0


@pytest.mark.parametrize(("field", "value"), [("level", 5), ("level", -1), ("evidence_url", "ftp://x")])
def test_rating_bad_values(world, esco, field, value):
    with pytest.raises(ValidationError) as error:
        _rate(world, esco, **{field: value})
    assert list(error.value.message_dict) == [field]
    assert Rating.objects.count() == 0


def test_requirement_bounds(world, esco):
    role = roles.role_create(firm=world.firm, title="Cutter")
    with pytest.raises(ValidationError) as error:
        roles.requirement_add(role=role, skill=esco.skills["cut"], level=0, importance=4)
    assert sorted(error.value.message_dict) == ["importance", "level"]
    assert RoleRequirement.objects.count() == 0


def test_current_levels_of_a_firm_are_recomputed_one_transaction_at_a_time(world, audit):
    """Two first ratings of the same skill committed side by side must not both insert its current level: the
    recomputation locks the firm's row (where the database has row locks; SQLite writes one at a time anyway)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from skillcluster.audits.models import Rating
    from skillcluster.audits.services import ratings

    rating = Rating(firm=world.firm, person=world.employee, skill=audit.esco.skills["team"], level=2, source="self")
    with CaptureQueriesContext(connection) as queries:
        ratings.do_ratings_add(ratings=[rating])
    locks = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"] and "tenancy_firm" in q["sql"]]
    assert len(locks) == (1 if connection.features.has_select_for_update else 0)

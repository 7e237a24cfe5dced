"""The cluster aggregate repeats the gap formula of `domain/gaps.py` in SQL, for speed. This property test
builds random clusters, computes every published cell both ways, and asserts the same numbers: the SQL
and the pure formula cannot drift apart unnoticed."""

from collections import defaultdict

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from skillcluster.audits.domain import gaps
from skillcluster.audits.models import Rating, Role, RoleAssignment, RoleRequirement
from skillcluster.audits.selectors import aggregates
from skillcluster.audits.services import ratings
from skillcluster.taxonomy.domain.categories import Category, CrossJobArea
from skillcluster.taxonomy.models import Skill, SkillCategory, SkillCrossJobArea
from skillcluster.tenancy.domain import disclosure
from skillcluster.tenancy.domain.roles import FirmRole
from skillcluster.tenancy.tests.factories import ClusterFactory, FirmFactory, MembershipFactory, PersonFactory

SKILLS = 4
CATEGORY_SETS = st.lists(st.sampled_from(list(Category)[:-1]), max_size=2, unique=True)  # [] -> "other"
AREA_SETS = st.lists(st.sampled_from(list(CrossJobArea)), max_size=2, unique=True)  # [] -> no area
REQUIREMENT = st.tuples(st.integers(0, SKILLS - 1), st.integers(1, 4), st.integers(1, 3))
PERSON = st.fixed_dictionaries({
    "roles": st.lists(st.integers(0, 1), min_size=1, max_size=2, unique=True),
    "levels": st.lists(st.tuples(st.integers(0, SKILLS - 1), st.integers(0, 4)), max_size=4),
})  # fmt: skip
FIRM = st.fixed_dictionaries({
    "division": st.sampled_from(["15.20", "22.19"]),
    "roles": st.lists(st.lists(REQUIREMENT, min_size=1, max_size=3), min_size=1, max_size=2),
    "people": st.lists(PERSON, min_size=1, max_size=3),
})  # fmt: skip
# From 3 to 9 firms: some cells fall below the anonymity floor, some do not.
CLUSTER = st.tuples(
    st.lists(st.tuples(CATEGORY_SETS, AREA_SETS), min_size=SKILLS, max_size=SKILLS),
    st.lists(FIRM, min_size=3, max_size=9),
)


def _build(skill_categories, firms):
    """The cluster in the database; returns what the pure formula needs, per firm."""
    cluster = ClusterFactory()
    skills = [Skill.objects.create(uri=f"urn:test:{i}", preferred_label=f"skill {i}") for i in range(SKILLS)]
    for skill, (codes, areas) in zip(skills, skill_categories, strict=True):
        SkillCategory.objects.bulk_create(SkillCategory(skill=skill, category=code) for code in codes)
        SkillCrossJobArea.objects.bulk_create(SkillCrossJobArea(skill=skill, area=area) for area in areas)
    pure = []
    for spec in firms:
        firm = FirmFactory(cluster=cluster, nace_code=spec["division"])
        roles = [Role.objects.create(firm=firm, title=f"role {i}") for i in range(len(spec["roles"]))]
        requirements = {}
        for role, reqs in zip(roles, spec["roles"], strict=True):
            for skill_index, level, importance in reqs:
                requirements[(role.pk, skills[skill_index].uri)] = gaps.Requirement(
                    role.pk, skills[skill_index].uri, level, importance
                )
        RoleRequirement.objects.bulk_create(
            RoleRequirement(role_id=r.role_id, skill=Skill.objects.get(uri=r.skill_uri), level=r.level,
                            importance=r.importance) for r in requirements.values()
        )  # fmt: skip
        assignments, levels = [], {}
        for person_spec in spec["people"]:
            person = PersonFactory()
            membership = MembershipFactory(person=person, firm=firm, role=FirmRole.EMPLOYEE)
            for index in person_spec["roles"]:
                if index < len(roles):
                    RoleAssignment.objects.create(role=roles[index], membership=membership)
                    assignments.append(gaps.Assignment(person.pk, roles[index].pk))
            rated = [Rating(firm=firm, person=person, skill=skills[i], level=lvl, source="manager")
                     for i, lvl in person_spec["levels"]]  # fmt: skip
            ratings.do_ratings_add(ratings=rated)
            for rating in rated:  # the latest manager rating of a skill wins
                levels[(person.pk, rating.skill.uri)] = rating.level
        pure.append((spec["division"][:2], list(requirements.values()), assignments, levels))
    categories = {s.uri: [Category(c) for c in codes] for s, (codes, _) in zip(skills, skill_categories, strict=True)}
    areas = {s.uri: list(a) for s, (_, a) in zip(skills, skill_categories, strict=True)}
    return cluster, pure, categories, areas


def _pure_cells(pure, facets):
    """(division, facet) -> (firms, people, lines, met, weighted gap, max weighted gap), by gaps.py; ``facets``
    gives each skill URI its categories (or cross-job areas)."""
    cells = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    for division, requirements, assignments, levels in pure:
        lines = gaps.gap_lines(requirements, assignments, levels)
        by_facet = defaultdict(list)
        for line in lines:
            for facet in facets(line.skill_uri):
                by_facet[facet].append(line)
        for facet, rows in by_facet.items():
            summary = gaps.summarize(rows)
            cell = cells[(division, str(facet))]
            for i, value in enumerate((1, len({r.person_id for r in rows}), summary.lines, summary.met,
                                       summary.weighted_gap, summary.max_weighted_gap)):  # fmt: skip
                cell[i] += value
    return cells


def _pure_needs(pure):
    firms_short, people_short, priority = defaultdict(int), defaultdict(int), defaultdict(int)
    for firm_index, (_, requirements, assignments, levels) in enumerate(pure):
        for need in gaps.training_needs({firm_index: gaps.gap_lines(requirements, assignments, levels)}):
            firms_short[need.skill_uri] += 1
            people_short[need.skill_uri] += len(need.people)
            priority[need.skill_uri] += need.priority
    return sorted(
        ((uri, firms_short[uri], people_short[uri], priority[uri]) for uri in priority
         if disclosure.shown(firms=firms_short[uri], people=people_short[uri])),
        key=lambda row: (-row[3], row[0]),
    )  # fmt: skip


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(CLUSTER)
@example(  # five firms of one division, two people each: published cells for sure, next to suppressed ones
    (
        [(["production"], []), (["marketing"], []), ([], []), (["transversal", "marketing"], ["social"])],
        [
            {
                "division": "15.20",
                "roles": [[(0, 3, 2), (1, 2, 3)], [(3, 4, 1)]],
                "people": [{"roles": [0], "levels": [(0, 2), (1, 4)]}, {"roles": [0, 1], "levels": [(3, 1)]}],
            }
        ]
        * 5
        + [{"division": "22.19", "roles": [[(2, 1, 1)]], "people": [{"roles": [0], "levels": []}]}],
    )
)
def test_sql_aggregate_equals_the_pure_gap_formula(generated):
    skill_categories, firms = generated
    with transaction.atomic():
        cluster, pure, categories, areas = _build(skill_categories, firms)
        found = aggregates.cluster_aggregate(cluster)
        _assert_cells(found.cells, _pure_cells(pure, lambda uri: gaps.categories_of(uri, categories)))
        _assert_cells(found.area_cells, _pure_cells(pure, lambda uri: areas[uri]))
        needs = [(n.skill_uri, n.firms_short, n.people_short, n.priority) for n in
                 aggregates.cluster_training_needs(cluster, limit=SKILLS)]  # fmt: skip
        assert needs == _pure_needs(pure)
        transaction.set_rollback(True)


def _assert_cells(found, expected):
    assert set(found) == set(expected)
    for key, (n_firms, people, lines, met, weighted, max_weighted) in expected.items():
        cell = found[key]
        assert (cell.firms, cell.people) == (n_firms, people)
        if disclosure.shown(firms=n_firms, people=people):
            assert (cell.lines, cell.coverage) == (lines, met / lines)
            assert cell.gap_share == (weighted / max_weighted if max_weighted else None)
        else:
            assert (cell.lines, cell.coverage, cell.gap_share) == (None, None, None)

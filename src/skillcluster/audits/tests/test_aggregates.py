"""Cluster figures in SQL: exact values, and the k ≥ 5 floor enforced in the selector."""

import pytest
from django.urls import reverse

from skillcluster.audits.models import Rating, RoleAssignment
from skillcluster.audits.selectors import aggregates
from skillcluster.audits.services import ratings, roles
from skillcluster.tenancy.domain.roles import FirmRole
from skillcluster.tenancy.tests.factories import FirmFactory, MembershipFactory, PersonFactory


def _firms(world, esco, count: int) -> None:
    """``count`` firms of the cluster (world.firm first), one worker each: sell 1 of 3 (imp 3), stitch 2 of 2."""
    firms = [world.firm] + [FirmFactory(cluster=world.cluster, nace_code="15.20") for _ in range(count - 1)]
    for index, firm in enumerate(firms):
        role = roles.role_create(firm=firm, title="Maker")
        roles.requirement_add(role=role, skill=esco.skills["sell"], level=3, importance=3)
        roles.requirement_add(role=role, skill=esco.skills["stitch"], level=2, importance=1)
        worker = PersonFactory(email=f"worker{index}@example.org")
        membership = MembershipFactory(person=worker, firm=firm, role=FirmRole.EMPLOYEE)
        RoleAssignment.objects.create(role=role, membership=membership)
        ratings.do_ratings_add(
            ratings=[
                Rating(firm=firm, person=worker, skill=esco.skills["sell"], level=1, source="manager"),
                Rating(firm=firm, person=worker, skill=esco.skills["stitch"], level=2, source="self"),
            ]
        )


def test_five_firms_show_exact_figures(world, esco):
    _firms(world, esco, 5)
    found = aggregates.cluster_aggregate(world.cluster)
    marketing, production = found.cells[("15", "marketing")], found.cells[("15", "production")]
    assert (marketing.firms, marketing.people, marketing.lines) == (5, 5, 5)
    assert (marketing.coverage, marketing.gap_share) == (0.0, 30 / 45)
    assert (production.coverage, production.gap_share) == (1.0, 0.0)
    assert found.categories == [
        ("production", "production, quality and safety"),
        ("marketing", "marketing, sales and customers"),
    ]
    assert found.divisions == [("15", "Manufacture of leather and related products")]


def test_four_firms_are_suppressed(world, esco):
    _firms(world, esco, 4)
    cell = aggregates.cluster_aggregate(world.cluster).cells[("15", "marketing")]
    assert (cell.firms, cell.shown, cell.lines, cell.coverage, cell.gap_share) == (4, False, None, None, None)
    assert aggregates.cluster_training_needs(world.cluster) == []


def test_training_needs_across_five_firms(world, esco):
    _firms(world, esco, 5)
    needs = aggregates.cluster_training_needs(world.cluster)
    assert [(n.label, n.firms_short, n.people_short, n.priority) for n in needs] == [
        ("sell footwear products", 5, 5, 30)
    ]


@pytest.mark.parametrize(("count", "shown"), [(4, False), (5, True)])
def test_api_applies_the_floor(client_for, world, esco, count, shown):
    _firms(world, esco, count)
    body = client_for(world.auditor).get(f"/api/v1/clusters/{world.cluster.pk}/audit/aggregate").json()
    cell = next(c for c in body if c["category"] == "marketing")
    assert cell == {
        "division": "15", "category": "marketing", "firms": count, "shown": shown,
        "coverage": 0.0 if shown else None, "gap_share": 30 / 45 if shown else None,
    }  # fmt: skip


def test_cluster_page_marks_suppressed_cells(client_for, world, esco):
    _firms(world, esco, 4)
    page = client_for(world.cluster_manager).get(reverse("audits_cluster", args=[world.cluster.pk]))
    assert page.content.decode().count("fewer than 5 firms") == 2


def _raise(world, esco, firm, level: int) -> None:
    """The firm's worker is now rated ``level`` in selling."""
    worker = firm.memberships.get(person__email__startswith="worker").person
    rating = Rating(firm=firm, person=worker, skill=esco.skills["sell"], level=level, source="manager")
    ratings.do_ratings_add(ratings=[rating])


def test_one_firm_changing_moves_no_cluster_figure_five_do(world, esco):
    """Before: reading the figures before and after one firm's ratings changed gave that firm's change by
    difference (marketing coverage 0 -> 1/6: the one firm now meets its requirement)."""
    from skillcluster.tenancy.models import Firm

    _firms(world, esco, 6)
    firms = list(Firm.all_objects.filter(cluster=world.cluster).order_by("pk"))

    def read():
        cell = aggregates.cluster_aggregate(world.cluster).cells[("15", "marketing")]
        needs = [(n.label, n.firms_short, n.people_short, n.priority) for n in aggregates.cluster_training_needs(
            world.cluster)]  # fmt: skip
        return (cell.firms, cell.lines, cell.coverage, cell.gap_share), needs

    first = read()
    assert first == ((6, 6, 0.0, 36 / 54), [("sell footwear products", 6, 6, 36)])
    _raise(world, esco, firms[0], 3)  # one firm now meets the requirement
    assert read() == first  # nothing moved: the difference would be that firm's
    for firm in firms[1:4]:
        _raise(world, esco, firm, 3)
    assert read() == first  # four firms changed: still not enough to move
    _raise(world, esco, firms[4], 3)  # the fifth: the figures move, by five firms' changes together
    assert read() == ((6, 6, 5 / 6, 6 / 54), [])  # one firm short: the need falls below the floor


def test_cached_figures_follow_new_ratings(world, esco):
    """The cache key reads only the cluster's latest rating id (no count of its ratings): new ratings still
    move the cached figures at once."""
    from skillcluster.tenancy.models import Firm

    _firms(world, esco, 5)

    def coverage():
        return aggregates.cluster_figures_cached(world.cluster)[0].cells[("15", "marketing")].coverage

    assert (coverage(), coverage()) == (0.0, 0.0)
    for firm in Firm.all_objects.filter(cluster=world.cluster):
        _raise(world, esco, firm, 3)
    assert coverage() == 1.0

"""Exact figures of the firm report over the `audit` fixture (see its docstring)."""

from skillcluster.audits.models import Rating, RoleAssignment, SkillLevel
from skillcluster.audits.selectors import reports
from skillcluster.audits.services import ratings, roles
from skillcluster.audits.tests.conftest import ESCO


def test_current_levels_follow_the_rule(world, audit):
    levels = dict(
        SkillLevel.objects.filter(firm=world.firm).values_list("person_id", "skill__preferred_label").annotate()
        .values_list("skill__preferred_label", "level").filter(person=world.employee)
    )  # fmt: skip
    assert levels == {"stitch shoe uppers": 2, "cut leather": 3, "sell footwear products": 1}
    manager_sell = SkillLevel.objects.get(person=world.manager, skill=audit.esco.skills["sell"])
    assert (manager_sell.level, manager_sell.source_rank) == (1, 2)


def test_gap_report_exact_figures(world, audit):
    report = reports.gap_report(world.firm)
    # employee: stitch 2/3, last -/3, cut 3/3 (importance 2 each) -> gaps 1, 3, 0
    # manager: stitch 3/3, last -/3, cut -/3 (imp 2), sell 1/3 (imp 3), team -/2 (imp 1) -> gaps 0, 3, 3, 2, 2
    assert (report.summary.lines, report.summary.met) == (8, 2)
    assert report.summary.gap == 14
    assert report.summary.weighted_gap == 1 * 2 + 3 * 2 + 3 * 2 + 3 * 2 + 2 * 3 + 2 * 1
    assert report.summary.max_weighted_gap == 6 * 3 * 2 + 3 * 3 + 2 * 1
    by_category = {
        row.key: (row.summary.lines, row.summary.met, row.summary.weighted_gap) for row in report.by_category
    }
    assert by_category == {"production": (6, 2, 20), "marketing": (1, 0, 6), "transversal": (1, 0, 2)}
    # held P = 2 + 3 + 3 = 8, MX = 1 + 1 = 2 -> 0.8; required P = 18, MX = 3 + 2 = 5 -> 18/23
    assert report.production_bias == 2 / 115  # 4/5 - 18/23, computed exactly
    assert report.agreement.pairs == 1
    assert report.agreement.mean_self_minus_manager == 2.0
    assert [(n.label, n.priority, n.total_gap) for n in report.needs] == [
        ("operate lasting machines", 12, 6),
        ("cut leather", 6, 3),
        ("sell footwear products", 6, 2),
        ("stitch shoe uppers", 2, 1),
        ("work in teams", 2, 2),
    ]


def test_single_holders(world, audit):
    report = reports.gap_report(world.firm)
    # cut (threshold 3): only the employee holds 3; sell (threshold 3): nobody; stitch: only the manager (3)
    assert report.single_holders == [
        (ESCO + "cut", "cut leather", "Employee", 3),
        (ESCO + "stitch", "stitch shoe uppers", "Manager", 3),
    ]


def test_matrix_keeps_self_and_manager_apart(world, audit):
    matrix = reports.firm_matrix(world.firm)
    cell = matrix.cells[(world.employee.pk, audit.esco.skills["stitch"].uri)]
    assert (cell.self_level, cell.manager_level, cell.current, cell.required) == (4, 2, 2, 3)
    assert cell.short is True
    assert [label for _, label, _ in matrix.skills] == [
        "cut leather", "operate lasting machines", "stitch shoe uppers", "sell footwear products", "work in teams",
    ]  # fmt: skip


def test_profile_history_newest_first(world, audit):
    profile = reports.person_profile(world.firm, world.manager)
    assert [(r.skill.preferred_label, r.source, r.level) for r in profile.history] == [
        ("sell footwear products", "assessor", 1),
        ("sell footwear products", "self", 2),
        ("stitch shoe uppers", "self", 3),
    ]
    assert profile.roles == ["Sales", "Shoe maker"]


def test_progress_counts_the_skills_really_left_and_who_can_rate_them(world, audit):
    from skillcluster.audits.selectors.progress import audit_progress
    from skillcluster.tenancy.models import Membership

    steps = {step.key: step for step in audit_progress(world.firm)}
    required = {s.skill_id for s in audit.maker.requirements.all()}
    assert len(required) == 3  # stitch, last, cut
    assert (steps["self"].done, steps["self"].total) == (0, 2)
    left = {item.person: item.skills for item in steps["self"].left}
    assert left == {world.employee: 1, world.manager: 3}  # 'last'; 'last', 'cut', 'team'
    assert {item.person: item.skills for item in steps["manager"].left} == {world.employee: 2, world.manager: 5}
    assert set(steps["manager"].finishers) == {world.owner, world.manager}
    assert steps["assign"].unassigned == (world.owner,)

    # The owner, now the firm's only lead, takes a role: nobody else may rate her as manager.
    Membership.objects.filter(person=world.manager).update(role="employee")
    RoleAssignment.objects.create(role=audit.maker, membership=Membership.objects.get(person=world.owner))
    steps = {step.key: step for step in audit_progress(world.firm)}
    assert steps["manager"].out_of_reach == (world.owner,)
    assert steps["manager"].total == 2
    assert steps["self"].total == 3

    # A skill added to a role later makes those who had finished unfinished again.
    for skill_id in required:
        for source, by in (("self", world.employee), ("manager", world.owner)):
            ratings.do_ratings_add(
                ratings=[
                    Rating(
                        firm=world.firm, person=world.employee, skill_id=skill_id, level=2, source=source, rated_by=by
                    )
                ]
            )
    assert world.employee not in {i.person for i in {s.key: s for s in audit_progress(world.firm)}["self"].left}
    roles.requirement_add(role=audit.maker, skill=audit.esco.skills["team"], level=1, importance=1)
    steps = {step.key: step for step in audit_progress(world.firm)}
    assert {i.person: i.skills for i in steps["self"].left}[world.employee] == 1

"""Firm report and cluster figures with exact values, and the k >= 5 floor enforced in the selectors."""

import csv
import datetime as dt
import io

import numpy as np
import pandas
import pingouin
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from skillcluster.diagnostics import services
from skillcluster.diagnostics.domain.instrument import STAFF_FORM
from skillcluster.diagnostics.domain.synthetic import synthetic_firm
from skillcluster.diagnostics.models import RoundFirm
from skillcluster.diagnostics.selectors import cluster_report, firm_report
from skillcluster.diagnostics.selectors.export import round_export_csv
from skillcluster.diagnostics.tests.conftest import INSTRUMENT, answers_for, submit
from skillcluster.tenancy.domain.roles import FirmRole
from skillcluster.tenancy.tests.factories import FirmFactory, MembershipFactory, PersonFactory

PEERS = [25, 25, 50, 100, 100]


def test_report_is_none_before_the_owner_submits(world, diag_round, add_peers):
    add_peers(PEERS)
    assert firm_report.firm_report(diag_round, world.firm.pk) is None


def test_report_exact_figures_with_five_peers(world, diag_round, add_peers):
    add_peers(PEERS)
    submit(diag_round, world.firm, world.owner, answers_for(75))
    report = firm_report.firm_report(diag_round, world.firm.pk)
    assert report.scores == dict.fromkeys(report.scores, 75.0)
    assert (report.overall, report.balance, report.learning_type) == (75.0, 100.0, "learning_organisation")
    rank = report.benchmark.size_class
    assert (rank.percentile, rank.n_peers) == (60.0, 5)
    assert (rank.low, rank.high) == pytest.approx((23.072428127601285, 88.23792257673521), abs=1e-12)
    assert report.benchmark.cluster == rank
    band = report.rows[0].band
    assert (band.p25, band.median, band.p75, band.n_peers) == (25.0, 50.0, 100.0, 5)
    assert [r.code for r in report.recommendations] == ["first_step_market", "mentor_others"]
    assert report.recommendations[0].doable_this_month is True


def test_four_peers_hide_every_comparison(world, diag_round, add_peers):
    add_peers(PEERS[:4])
    submit(diag_round, world.firm, world.owner, answers_for(75))
    report = firm_report.firm_report(diag_round, world.firm.pk)
    assert (report.benchmark.size_class, report.benchmark.cluster) == (None, None)
    assert [row.band for row in report.rows] == [None] * 6
    assert [row.size_rank for row in report.rows] == [None] * 6
    assert "<rect" in report.scale_chart
    assert "middle half" in report.scale_chart
    assert report.scale_chart.count('fill="#c9d3dd"') == 1


def test_size_class_floor_is_separate_from_the_cluster_floor(world, diag_round, add_peers):
    add_peers(PEERS[:4])
    add_peers([50], headcount=20)  # a small firm: a cluster peer, not a size-class peer
    submit(diag_round, world.firm, world.owner, answers_for(75))
    report = firm_report.firm_report(diag_round, world.firm.pk)
    assert report.benchmark.size_class is None
    assert (report.benchmark.cluster.percentile, report.n_size_peers, report.n_cluster_peers) == (80.0, 4, 5)


def _staff(world, diag_round, n: int, level: int) -> None:
    for _ in range(n):
        person = PersonFactory()
        MembershipFactory(person=person, firm=world.firm, role=FirmRole.EMPLOYEE)
        submit(diag_round, world.firm, person, answers_for(level, STAFF_FORM), form=STAFF_FORM)


def test_an_owner_answering_3_throughout_is_told_the_profile_may_not_describe_the_firm(world, client_for, diag_round):
    submit(diag_round, world.firm, world.owner, answers_for(50))
    assert firm_report.firm_report(diag_round, world.firm.pk).owner_careless
    page = client_for(world.owner).get(f"/firms/{world.firm.pk}/diagnostic/{diag_round.pk}/report/").content.decode()
    assert "check your answers" in page


def test_two_staff_answers_stay_invisible(world, diag_round):
    submit(diag_round, world.firm, world.owner, answers_for(75))
    _staff(world, diag_round, 2, 25)
    report = firm_report.firm_report(diag_round, world.firm.pk)
    # not even counted: the owner must not see the figure move as each colleague answers
    assert (report.gaps, report.n_staff, report.overall) == (None, 0, 75.0)


def test_staff_answers_reach_the_owner_in_batches_of_three(world, diag_round):
    submit(diag_round, world.firm, world.owner, answers_for(75))
    seen = []
    for _ in range(7):
        _staff(world, diag_round, 1, 25)
        seen.append(firm_report.firm_report(diag_round, world.firm.pk).n_staff)
    assert seen == [0, 0, 3, 3, 3, 6, 6]


def test_three_staff_make_the_profile_participative(world, diag_round):
    submit(diag_round, world.firm, world.owner, answers_for(75))
    _staff(world, diag_round, 3, 25)
    report = firm_report.firm_report(diag_round, world.firm.pk)
    assert report.scores == dict.fromkeys(report.scores, 50.0)
    assert next((g.name, g.gap.owner, g.gap.staff_mean, g.gap.gap, g.gap.n_staff) for g in report.gaps) == (
        "Market intelligence",
        75.0,
        25.0,
        -50.0,
        3,
    )
    assert report.recommendations[0].code == "discuss_perception_gap"


def test_owner_staff_gap_compares_only_the_items_both_forms_share(world, diag_round):
    """The owner rates the items only owners see (IG2, IG4, CD6...) higher than the shared ones. Before, the
    gap compared the owner's full form with the staff's shorter one: competence development showed -29.2
    where, like for like, it is -25."""
    owner = answers_for(75)
    owner_only = {i.code for i in INSTRUMENT.form_items("owner")} - {i.code for i in INSTRUMENT.form_items("staff")}
    owner |= {code: 5 for code in owner_only if not INSTRUMENT.item(code).reverse}
    owner |= {code: 1 for code in owner_only if INSTRUMENT.item(code).reverse}
    submit(diag_round, world.firm, world.owner, owner)
    alone = firm_report.firm_report(diag_round, world.firm.pk)
    assert alone.owner_view_only
    assert not alone.owner_careless
    assert alone.scores["competence_development"] == pytest.approx(100 * 4.75 / 6)  # five at 75, one at 100
    _staff(world, diag_round, 3, 50)
    report = firm_report.firm_report(diag_round, world.firm.pk)
    assert not report.owner_view_only
    gaps = {row.name: (row.gap.owner, row.gap.staff_mean, row.gap.gap) for row in report.gaps}
    assert gaps["Competence development"] == (75.0, 50.0, -25.0)
    assert gaps["Market intelligence"] == (75.0, 50.0, -25.0)
    # the firm score: the owner's full-form score moved by half the shared-item gap
    assert report.scores["competence_development"] == pytest.approx(100 * 4.75 / 6 - 12.5)
    assert report.scores["information_gathering"] == pytest.approx(85.0 - 12.5)
    assert report.scores["participative_learning"] == pytest.approx(75.0 - 12.5)  # every item shared


def test_cluster_figures_hidden_below_five_firms(world, diag_round, add_peers):
    add_peers([0, 0, 50, 75])
    figures = cluster_report.cluster_figures(diag_round)
    # four owners answered; none is released until a fifth joins them
    assert (figures.n_firms, figures.shown, figures.crisis_percent, figures.heat_map) == (0, False, None, None)
    assert (figures.styles, figures.balance) == (None, None)
    assert [row.counts for row in figures.type_rows] == [None, None, None, None, None]
    assert [means for _, _, means in figures.group_means] == [None] * 5
    assert [row.result for row in figures.reliability] == [None] * 6


def test_cluster_figures_from_five_firms(world, diag_round, add_peers):
    add_peers([0, 0, 50, 75, 100])
    figures = cluster_report.cluster_figures(diag_round)
    assert (figures.n_firms, figures.shown, figures.crisis_percent) == (5, True, 40.0)
    by_group = {row.label: row for row in figures.type_rows}
    assert by_group["All firms"].counts == [2, 2, 1, 0, 0, 0, 0]
    assert by_group["Small (< 50)"].counts is None
    means = {code: m for code, _, m in figures.group_means}
    assert means["micro"] == dict.fromkeys(means["micro"], 45.0)
    assert means["small"] is None
    assert ">45<" in figures.heat_map
    assert "n &lt; 5" in figures.heat_map
    # every scale equals the level: 0 is a fire-fighter, 50 and more plan ahead with their staff
    assert figures.styles == {"fire_fighter": 2, "lone_planner": 0, "coping_together": 0, "learning_together": 3}
    balance = figures.balance
    assert (balance.n, balance.balanced, balance.share, balance.quartiles) == (5, 5, 100.0, (100.0, 100.0, 100.0))
    assert balance.low == pytest.approx(56.55, abs=0.01)  # Wilson interval of 5 out of 5


def _synthetic_round(world, diag_round, firms: int, staff: int) -> None:
    for index in range(firms):
        firm = FirmFactory(cluster=world.cluster)
        RoundFirm.objects.create(round=diag_round, firm=firm, pseudonym=f"F{500 + index}")
        data = synthetic_firm(INSTRUMENT, seed=[7, index], size_class="micro", is_startup=False, n_staff=staff)
        people = [PersonFactory() for _ in range(1 + staff)]
        submit(diag_round, firm, people[0], data.owner)
        for person, answers in zip(people[1:], data.staff, strict=True):
            submit(diag_round, firm, person, answers, form=STAFF_FORM)


def test_reliability_matches_pingouin_on_the_exported_answers(world, diag_round):
    _synthetic_round(world, diag_round, firms=10, staff=3)
    services.round_close(diagnostic_round=diag_round)
    rows = cluster_report.round_reliability(diag_round)
    lines = [line for line in round_export_csv(diag_round).splitlines() if not line.startswith("#")]
    table = list(csv.DictReader(io.StringIO("\n".join(lines))))
    # ten owners, and the staff of the eight firms whose colleagues answered before the firm was released
    # (firms 5 and 10 were released by their own owner's answer; their staff count in their own report only)
    assert len(table) == 10 + 8 * 3
    scale = INSTRUMENT.scale("participative_learning")
    items = scale.items_for(STAFF_FORM)
    raw = np.array([[float(row[item.code]) for item in items] for row in table])
    keyed = np.where([item.reverse for item in items], 6 - raw, raw)
    expected_alpha, _ = pingouin.cronbach_alpha(data=pandas.DataFrame(keyed))
    row = next(r for r in rows if r.code == scale.code)
    assert row.n == 34
    assert row.result.alpha == pytest.approx(expected_alpha, abs=1e-9)
    # the standard error of measurement: SD of the 0-100 scale scores x sqrt(1 - alpha)
    expected_sem = np.std(100 * (keyed.mean(axis=1) - 1) / 4, ddof=1) * np.sqrt(1 - expected_alpha)
    assert row.sem == pytest.approx(expected_sem, abs=1e-9)
    # and each firm's report shows its scale score +- 1.96 SEM on that scale
    firm = RoundFirm.objects.filter(round=diag_round).first().firm_id
    report = firm_report.firm_report(diag_round, firm)
    shown = next(r for r in report.rows if r.code == scale.code)
    assert shown.error == pytest.approx(1.96 * expected_sem, abs=1e-9)
    assert "plus or minus" in report.scale_chart
    assert "95 % measurement band" in report.scale_chart


def test_reliability_hidden_below_thirty_respondents(world, diag_round):
    _synthetic_round(world, diag_round, firms=9, staff=3)
    rows = cluster_report.round_reliability(diag_round)
    # five firms released: five owners and the staff of firms 1-4
    assert [(row.n, row.result, row.sem) for row in rows] == [(17, None, None)] * 6
    report = firm_report.firm_report(diag_round, RoundFirm.objects.filter(round=diag_round).first().firm_id)
    assert [row.error for row in report.rows] == [None] * 6  # no band below 30 respondents
    assert "measurement band" not in report.scale_chart


def test_export_refused_below_five_firms(world, diag_round, add_peers):
    add_peers([50, 50, 50, 50])
    services.round_close(diagnostic_round=diag_round)
    with pytest.raises(ValidationError) as error:
        round_export_csv(diag_round)
    assert error.value.messages == ["Only 0 firms count in the figures; the export needs at least 5 (anonymity)"]


def test_export_waits_for_the_round_to_close(world, diag_round, add_peers):
    add_peers([50, 50, 50, 50, 50])
    with pytest.raises(ValidationError) as error:
        round_export_csv(diag_round)
    assert error.value.messages == ["The export is ready once the round is closed (no reading before the end)"]


def test_export_is_pseudonymised_with_raw_answers(world, diag_round, add_peers):
    firms = add_peers([25, 25, 50, 75], staff=3) + add_peers([100], staff=1)
    services.round_close(diagnostic_round=diag_round)
    text = round_export_csv(diag_round)
    lines = text.splitlines()
    assert lines[0] == f"# Skillcluster diagnostic export; instrument_version=1; round={diag_round.pk}"
    assert lines[2] == "# size_class and startup are coarsened until each combination holds 5+ firms (as they are)"
    assert lines[3] == (
        "# language = the one the statements were shown in; * where it could point at a firm or a person (as given)"
    )
    header = lines[5].split(",")
    assert header == [
        "respondent", "firm", "size_class", "startup", "role", "language", "straight_lining",
        *[i.code for i in INSTRUMENT.items],
    ]  # fmt: skip
    # five owners and the three staff rows of each of four firms; the firm with one staff answer shows none
    assert len(lines) == 6 + 5 + 4 * 3
    assert all(firm.legal_name not in text for firm in firms)
    assert "@" not in text
    first = dict(zip(header, lines[6].split(","), strict=True))
    assert first["respondent"].endswith("-R1")
    assert (first["size_class"], first["role"], first["language"]) == ("micro", "owner", "en")
    assert first["IG3"] in {"1", "2", "3", "4", "5"}
    rows = [line.split(",") for line in lines[6:]]
    assert {row[6] for row in rows} == {"0", "1"}
    assert all(row[6] == ("1" if row[7] == "3" else "0") for row in rows)  # answering 3 throughout is flagged


def test_cluster_change_compares_the_same_firms_with_an_interval(world, diag_round):
    """Five firms answer both rounds and all fall by 20 on average; five joiners answer only the second, at
    100. The round means say +10; on the same firms it is -20 +- 13.9, and only that gets an arrow."""
    later = services.round_open(
        cluster=world.cluster,
        title="Autumn 2027",
        firms=[world.firm],
        deadline=timezone.localdate() + dt.timedelta(days=60),
        created_by=world.cluster_manager,
        instrument_version="1",
    )
    matched = [FirmFactory(cluster=world.cluster) for _ in range(5)]
    joiners = [FirmFactory(cluster=world.cluster) for _ in range(5)]
    for firm in matched + joiners:
        MembershipFactory(person=PersonFactory(), firm=firm, role=FirmRole.OWNER)
    owner = {firm.pk: firm.memberships.get().person for firm in matched + joiners}
    for firm, before, after in zip(matched, (25, 50, 50, 75, 100), (0, 25, 50, 50, 75), strict=True):
        submit(diag_round, firm, owner[firm.pk], answers_for(before))
        submit(later, firm, owner[firm.pk], answers_for(after))
    for firm in joiners:
        submit(later, firm, owner[firm.pk], answers_for(100))
    services.round_close(diagnostic_round=diag_round)
    assert all(row.change is None for row in cluster_report.cluster_trend([diag_round, later]))  # later is open
    services.round_close(diagnostic_round=later)
    rows = cluster_report.cluster_trend([diag_round, later])
    row = next(r for r in rows if r.name == "Knowledge acquisition")
    assert [p.value for p in row.trend.points] == [60.0, 70.0]
    assert row.trend.change_since_previous == 10.0  # what the round means alone would suggest
    assert (row.change.n, row.change.mean) == (5, -20.0)
    # changes -25, -25, 0, -25, -25: sd sqrt(125), so the half-width is t(0.975, 4) x sqrt(125 / 5)
    assert row.change.half_width == pytest.approx(2.7764 * 5, abs=0.01)
    assert row.change.direction == "down"
    assert row.change_between == ("Spring 2027", "Autumn 2027")


def test_rounds_on_two_instrument_versions_are_compared_on_the_items_both_share(world, diag_round):
    """Version 1 round, then a version 2 round. In the second, the firms rate the new competitor items (IG6,
    IG7) at 100 and the shared ones at 50: on version 2 alone market intelligence reads 67, on the shared
    items 50, and the trend must show the latter; scales version 1 lacks have no trend row."""
    from skillcluster.diagnostics.domain.instrument import load_instrument

    v2 = load_instrument("2")
    later = services.round_open(
        cluster=world.cluster,
        title="Autumn 2027",
        firms=[world.firm],
        deadline=timezone.localdate() + dt.timedelta(days=60),
        created_by=world.cluster_manager,
    )
    assert later.instrument_version == "2"
    keyed = {item.code: (2 if item.reverse else 4) for item in v2.form_items("owner")}  # 75 everywhere...
    keyed |= dict.fromkeys(("IG1", "IG3", "IG4", "IG5"), 3) | {"IG6": 5, "IG7": 5}  # ...but here
    for _ in range(5):
        firm = FirmFactory(cluster=world.cluster)
        owner = PersonFactory()
        MembershipFactory(person=owner, firm=firm, role=FirmRole.OWNER)
        submit(diag_round, firm, owner, answers_for(50))
        submit(later, firm, owner, keyed)
    services.round_close(diagnostic_round=diag_round)
    services.round_close(diagnostic_round=later)
    assert firm_report.firm_report(later, firm.pk).scores["information_gathering"] == pytest.approx(200 / 3)
    rows = {row.name: row for row in cluster_report.cluster_trend([diag_round, later])}
    assert list(rows) == ["Market intelligence", "Knowledge acquisition", "Competence development",
                          "Pro-active learning", "Participative learning"]  # fmt: skip
    assert [p.value for p in rows["Market intelligence"].trend.points] == [50.0, 50.0]
    assert rows["Market intelligence"].change.mean == 0.0
    assert [p.value for p in rows["Knowledge acquisition"].trend.points] == [50.0, 75.0]


def test_activity_demand_counts_firms_per_kind_of_support_from_five_firms(world, diag_round, add_peers):
    from skillcluster.diagnostics.domain.recommendations import recommend
    from skillcluster.diagnostics.domain.scoring import profile
    from skillcluster.diagnostics.selectors.firm_report import activity_demand, round_firm_data

    add_peers([25, 25, 25, 25])
    assert activity_demand(world.cluster.pk) is None  # four firms: no profile is published yet
    add_peers([25])
    demand = activity_demand(world.cluster.pk)
    one = next(iter(round_firm_data(diag_round).values()))
    expected = {action.activity: 5 for action in recommend(profile(one.scores))}
    assert (demand.round, demand.firms, demand.recommended) == (diag_round, 5, expected)

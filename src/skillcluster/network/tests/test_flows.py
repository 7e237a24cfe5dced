"""Knowledge flows between firms and the words of a pair's reason, on cases checked by hand."""

import datetime as dt

from skillcluster.network.domain import flows
from skillcluster.network.domain.matching import PairReason
from skillcluster.network.domain.wording import reason_text

D = dt.date


def test_density_reach_and_history_count_pairs_of_firms_either_way() -> None:
    found = [
        flows.Flow("a", "b", "mentoring", D(2026, 2, 1)),
        flows.Flow("b", "a", "mentoring", D(2026, 5, 1)),  # the same pair, the other way
        flows.Flow("c", "d", "placement", D(2026, 5, 9)),
        flows.Flow("a", "a", "mentoring", D(2026, 5, 9)),  # within a firm: no flow between firms
    ]
    assert flows.edges(found) == {("a", "b"): 1, ("b", "a"): 1, ("c", "d"): 1}
    assert (flows.density(5, found), flows.reach(5, found)) == (2 / 10, 4 / 5)
    assert flows.over_time(5, found, until=D(2026, 8, 1)) == [
        flows.Point("2026 Q1", 0.1, 0.4, 1),
        flows.Point("2026 Q2", 0.2, 0.8, 4),
        flows.Point("2026 Q3", 0.2, 0.8, 4),
    ]
    circle = flows.circle_flows(["x", "y", "z"], "circle", D(2026, 1, 1))
    assert len(circle) == 6
    assert flows.density(3, circle) == 1.0
    assert (flows.band(7, 5), flows.band(2, 5)) == ("7", "fewer than 5")


def test_the_layout_puts_the_most_linked_firm_on_top_and_leaves_out_firms_without_flows() -> None:
    found = [flows.Flow("a", "b", "mentoring", D(2026, 1, 1)), flows.Flow("a", "c", "mentoring", D(2026, 1, 1))]
    nodes = flows.layout(["a", "b", "c", "lonely"], found, width=200, height=200, margin=50)
    assert [(n.firm, n.x, n.y, n.degree) for n in nodes] == [
        ("a", 100.0, 50.0, 2), ("b", 143.3, 125.0, 1), ("c", 56.7, 125.0, 1),
    ]  # fmt: skip
    assert [n.anchor for n in nodes] == ["middle", "start", "end"]


def test_scarce_skills_are_those_held_by_two_or_fewer_most_needed_first() -> None:
    found = flows.scarce_skills({"cad": 2, "web": 6, "glue": 0}, {"cad": 9, "web": 12, "glue": 3, "fair": 1}, level=3)
    assert found == [flows.Scarce("cad", 2, 3, 9), flows.Scarce("glue", 0, 3, 3), flows.Scarce("fair", 0, 3, 1)]


def test_a_reason_reads_as_a_sentence() -> None:
    matched = PairReason("matched", "m", {"level": 4, "nearness": 3, "room_left": 1})
    assert reason_text(matched, mentor="Maria Rossi (Calzaturificio Bianchi)", skill="use CAD for shoes") == (
        "Maria Rossi (Calzaturificio Bianchi), level 4 in “use CAD for shoes”, in the same province, has room for "
        "1 more mentee."
    )
    last = PairReason("matched", "m", {"level": 3, "nearness": 0, "room_left": 0})
    assert reason_text(last, mentor="Bo", skill="x") == "Bo, level 3 in “x”, farther away, takes their last free place."
    full = PairReason("full", "m", {"capacity": 2, "higher": 2})
    assert reason_text(full, mentor="Bo") == (
        "Bo could mentor this, but all 2 of their places go to needs weighing as much or more (2 of them)."
    )
    assert reason_text(PairReason("competitor")) == (
        "The mentors who offer it work in firms declared competitors of the mentee's firm."
    )

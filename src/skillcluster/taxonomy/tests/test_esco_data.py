import csv
import gzip

import pytest

from skillcluster.taxonomy.domain.esco_data import DATA_DIR, nearest_groups, read_esco
from skillcluster.taxonomy.tests.conftest import SHARED_ESCO
from skillcluster.taxonomy.tests.esco_fixture import group_uri, occupation_uri, skill_uri


def test_fixture_reads_joined_records_and_reports_quirks(esco_dir):
    data = read_esco(esco_dir)
    assert (len(data.skills), len(data.groups), len(data.occupations), len(data.isco_groups)) == (9, 22, 2, 2)
    assert (len(data.relations), data.relations_read) == (5, 7)
    assert data.quirks == [
        "1 skill groups are in skills_hierarchy but not in skill_groups; loaded from the hierarchy",
        f"2 occupation-skill relations name {occupation_uri('retired')}, which is not in this release; skipped",
        "1 broader relations of skills name an unknown concept; skipped",
        "1 skills have no skill type and 1 no reuse level; loaded as they are",
    ]


def test_group_records_carry_tree_codes_and_isced(esco_dir):
    groups = {g.uri: g for g in read_esco(esco_dir).groups}
    budget = groups[group_uri("S4.3.1")]
    assert (budget.code, budget.pillar, budget.level, budget.parent_uri) == ("S4.3.1", "S", 3, group_uri("S4.3"))
    marketing = groups[group_uri("0414")]
    assert (marketing.code, marketing.isced_f, marketing.pillar, marketing.level) == ("", "0414", "K", 3)
    assert groups[group_uri("T1.2")].preferred_label == "working with numbers"  # from the hierarchy only


def test_nearest_groups_follow_broader_skills():
    broader = {"a": ["b", "G1"], "b": ["G2", "c"], "c": ["a"]}  # c -> a closes a cycle
    assert nearest_groups(broader, {"G1", "G2"}) == {"a": ("G1", "G2"), "b": ("G2", "G1"), "c": ("G1", "G2")}


def test_skill_reached_through_a_broader_skill(esco_dir):
    assert read_esco(esco_dir).skill_groups[skill_uri("smm")] == (group_uri("0414"),)


@pytest.fixture(scope="module")
def shipped():
    return read_esco(DATA_DIR)


def test_shipped_release_counts_and_quirks(shipped):
    counts = (len(shipped.skills), len(shipped.occupations), shipped.relations_read, len(shipped.relations))
    assert counts == (13_896, 3_007, 123_855, 123_788)
    assert {name: len(m) for name, m in shipped.collections.items()} == {
        "transversal": 96, "digital": 1_201, "green": 570, "language": 346,
    }  # fmt: skip
    assert len(shipped.quirks) == 5
    assert shipped.quirks[2].startswith("67 occupation-skill relations name http://data.europa.eu/esco/occupation/a9e5")


@pytest.mark.skipif(not SHARED_ESCO.exists(), reason="needs ../shared/data/esco")
def test_group_placement_equals_the_shared_derived_table(shipped):
    path = SHARED_ESCO / "derived" / "skill_group_membership.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        derived = {(r["skillUri"], r["groupUri"]) for r in csv.DictReader(handle)}
    ours = {(skill, group) for skill, groups in shipped.skill_groups.items() for group in groups}
    assert len(ours) == 20_659
    assert ours == derived

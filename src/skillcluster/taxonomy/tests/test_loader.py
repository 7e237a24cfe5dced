from io import StringIO

import pytest
from django.core.management import call_command

from skillcluster.seeding import SeedContext
from skillcluster.taxonomy.domain.categories import load_mapping
from skillcluster.taxonomy.models import (
    EscoLoad,
    Occupation,
    OccupationSkill,
    Skill,
    SkillCategory,
    SkillGroup,
    SkillGroupMembership,
)
from skillcluster.taxonomy.seed import seed
from skillcluster.taxonomy.selectors.concepts import category_stats
from skillcluster.taxonomy.services import category_counts, esco_load
from skillcluster.taxonomy.tests.esco_fixture import MAPPING_FILE, group_uri, occupation_uri, skill_uri, write_esco

FIXTURE = load_mapping(MAPPING_FILE)


def table_counts():
    return [m.objects.count() for m in (Skill, SkillGroup, Occupation, OccupationSkill, SkillGroupMembership,
                                        SkillCategory, EscoLoad)]  # fmt: skip


def test_load_counts_and_report(small_esco):
    assert table_counts() == [9, 22, 2, 5, 10, 10, 1]
    assert small_esco.counts["relations_read"] == 7
    assert small_esco.categories == {
        "digital": 3, "marketing": 2, "other": 1, "languages": 1, "management": 1, "production": 1, "transversal": 1,
    }  # fmt: skip
    assert small_esco.lines()[1] == "Occupation-skill relations: 7 read, 5 loaded (2 skipped, see quirks)."


def test_loaded_rows(small_esco):
    smm = Skill.objects.get(uri=skill_uri("smm"))
    assert (smm.in_digital, smm.in_transversal, smm.reuse_level) == (True, False, "cross-sector")
    assert sorted(smm.categories.values_list("category", flat=True)) == ["digital", "marketing"]
    budget_group = SkillGroup.objects.get(uri=group_uri("S4.3.1"))
    assert [g.code for g in budget_group.path()] == ["S", "S4", "S4.3", "S4.3.1"]
    manager = Occupation.objects.get(uri=occupation_uri("mktman"))
    assert (manager.isco_group, manager.code, manager.broader_id) == ("1221", "1221.1", None)
    assert dict(manager.skill_relations.values_list("skill__uri", "relation")) == {
        skill_uri("smm"): "essential", skill_uri("budget"): "essential", skill_uri("english"): "optional",
    }  # fmt: skip


def test_reload_is_idempotent_and_keeps_ids(small_esco, esco_dir):
    ids = dict(Skill.objects.values_list("uri", "id"))
    esco_load(data_dir=write_esco(esco_dir, labels={"cs": "customer support"}), mapping=FIXTURE)
    assert table_counts() == [9, 22, 2, 5, 10, 10, 2]
    assert dict(Skill.objects.values_list("uri", "id")) == ids
    assert Skill.objects.get(uri=skill_uri("cs")).preferred_label == "customer support"


def test_a_failed_load_leaves_the_previous_state(small_esco, esco_dir):
    (esco_dir / "occupation_skill_relations.csv.gz").write_bytes(b"not gzip")
    with pytest.raises(OSError, match="Not a gzipped file"):
        esco_load(data_dir=esco_dir, mapping=FIXTURE)
    assert table_counts() == [9, 22, 2, 5, 10, 10, 1]


def test_quirk_is_reported_not_raised(small_esco):
    retired = occupation_uri("retired")
    assert f"2 occupation-skill relations name {retired}, which is not in this release; skipped" in small_esco.quirks
    assert EscoLoad.objects.get().quirks == small_esco.quirks


def test_command_load_and_stats(db, esco_dir):
    out = StringIO()
    call_command(
        "esco", "load", "--data-dir", str(esco_dir), "--mapping", str(MAPPING_FILE), "--no-progress", stdout=out
    )
    lines = out.getvalue().splitlines()
    assert lines[0].endswith("9 skills, 22 skill groups, 2 occupations, 2 ISCO groups.")
    assert lines[3] == ("Skills per category (a skill can have several): digital 3, marketing 2, languages 1, "
                        "management 1, other 1, production 1, transversal 1")  # fmt: skip
    assert len([line for line in lines if line.startswith("Known quirk of the release: ")]) == 4
    out = StringIO()
    call_command("esco", "stats", stdout=out)
    assert out.getvalue().splitlines()[:2] == ["skills                       9", "skill groups                 22"]


def seed_context(lines):
    return SeedContext(seed=1, firm_count=5, current_year=2026, out=lines.append)


def test_seed_skips_a_loaded_database(small_esco):
    lines = []
    seed(seed_context(lines))
    # the labels of the other languages are loaded by URI: none of the fixture's made-up URIs has any
    assert lines == ["ESCO is already loaded.", "ESCO labels in other languages: de 0, es 0, fr 0, it 0"]
    assert EscoLoad.objects.count() == 1


@pytest.mark.full_esco
def test_seed_loads_the_full_shipped_release_on_a_fresh_database(db):
    lines = []
    seed(seed_context(lines))
    assert lines[0].endswith("13,896 skills, 647 skill groups, 3,007 occupations, 619 ISCO groups.")
    report = EscoLoad.objects.get()
    assert (Skill.objects.count(), Occupation.objects.count(), OccupationSkill.objects.count()) == (
        13_896, 3_007, 123_788,
    )  # fmt: skip
    assert (report.counts["relations_read"], report.counts["skill_groups"], report.counts["memberships"]) == (
        123_855, 647, 20_659,
    )  # fmt: skip
    assert category_counts() == {
        "production": 5_284, "other": 4_199, "management": 1_881, "digital": 1_394, "transversal": 1_249,
        "marketing": 854, "languages": 453,
    }  # fmt: skip
    shares = {row["category"]: row["essential_link_share"] for row in category_stats()}
    assert shares == {
        "production": 0.3231, "marketing": 0.0894, "management": 0.1454, "transversal": 0.241, "digital": 0.0936,
        "languages": 0.0067, "other": 0.2656,
    }  # fmt: skip
    # the targets the mapping was written for
    assert shares["other"] <= 0.30
    assert shares["transversal"] >= 0.15

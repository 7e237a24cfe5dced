import pytest

from skillcluster.taxonomy.domain.categories import (
    AREAS,
    CATEGORIES,
    Category,
    CrossJobArea,
    GroupFacts,
    SkillFacts,
    check_mapping,
    known_codes,
    load_mapping,
    parse_mapping,
    skill_facts,
)
from skillcluster.taxonomy.domain.esco_data import DATA_DIR, read_esco
from skillcluster.taxonomy.services import category_pairs

MAPPING = load_mapping()


def facts(reuse="cross-sector", collections=(), groups=(), uri="", essential_isco=()):
    return SkillFacts(reuse, frozenset(collections), tuple(GroupFacts(*g) for g in groups), uri, essential_isco)


def test_every_category_and_area_has_a_name_and_other_comes_last():
    assert CATEGORIES[-1] == "other"
    assert [Category(code).label for code in CATEGORIES] == [
        "production, quality and safety", "marketing, sales and customers", "management", "cross-job", "digital",
        "languages", "other",
    ]  # fmt: skip
    assert [CrossJobArea(code).label for code in AREAS] == [
        "thinking and problem solving", "self-management", "social and communication",
        "life skills (health, safety, environment, civic)", "working with numbers", "physical and manual",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("skill", "expected"),
    [
        (facts(groups=[("S", "S4.3.1", "")]), ("management",)),
        (facts(groups=[("S", "S4.1.2", "")]), ("marketing", "management")),
        (facts(groups=[("S", "S2.1.1", "")], essential_isco=("2431",)), ("marketing",)),  # market research
        (facts(groups=[("S", "S2.1.1", "")], essential_isco=("2131", "2131")), ("other",)),  # academic research
        (facts(groups=[("S", "S3.4.1", "")]), ("marketing",)),  # information and support to clients
        (facts(groups=[("K", "", "0414")]), ("marketing",)),
        (facts(groups=[("K", "", "0715")]), ("production",)),
        (facts(groups=[("S", "S2.8.1", "")]), ("production",)),  # inspecting and testing: quality
        (facts(groups=[("K", "", "1022")]), ("production",)),  # occupational health and safety
        (facts(groups=[("S", "S6.5.6", ""), ("S", "S8.5.3", "")]), ("production",)),
        (facts(groups=[("S", "S40", "")]), ("other",)),  # S40 does not lie under S4
        (facts(reuse="transversal", groups=[("T", "T4.3", "")]), ("transversal",)),
        (facts(reuse="cross-sector", groups=[("T", "T2.1", "")]), ("transversal",)),
        (facts(reuse="occupation-specific", groups=[("T", "T2.1", "")]), ("other",)),  # under T, but job-bound
        (facts(reuse="sector-specific", groups=[("T", "T4.3", "")]), ("transversal",)),  # teamwork is teamwork
        (facts(reuse="cross-sector", groups=[("S", "S1.2.3", "")]), ("transversal",)),
        (facts(reuse="cross-sector", groups=[("S", "S1.13.1", "")]), ("other",)),  # writing: not cross-job
        (facts(reuse="transversal", collections=["language"], groups=[("L", "L1", "")]), ("languages",)),
        (facts(collections=["digital"], groups=[("K", "", "0414")]), ("marketing", "digital")),
        (facts(groups=[("K", "", "0417")]), ("other",)),
        (facts(groups=()), ("other",)),
    ],
)
def test_categorize(skill, expected):
    assert MAPPING.categorize(skill) == expected


@pytest.mark.parametrize(
    ("skill", "expected"),
    [
        (facts(reuse="transversal", groups=[("T", "T3.2", "")]), ("self_management",)),
        (facts(reuse="cross-sector", groups=[("S", "S1.9.1", "")]), ("thinking",)),
        (facts(reuse="cross-sector", groups=[("S", "S1.2.3", ""), ("T", "T6.1", "")]), ("social", "life")),
        (facts(reuse="sector-specific", groups=[("S", "S6.5.6", "")]), ()),  # not cross-job: no area
    ],
)
def test_cross_job_areas(skill, expected):
    assert MAPPING.areas(skill) == expected


def test_a_rule_needs_all_its_conditions_and_a_category_any_of_its_rules():
    mapping = parse_mapping({
        "categories": {"transversal": [{"under": ["T4"], "reuse_levels": ["cross-sector"]}, {"collections": ["green"]}]}
    })  # fmt: skip
    assert mapping.categorize(facts(reuse="cross-sector", groups=[("T", "T4.1", "")])) == ("transversal",)
    assert mapping.categorize(facts(reuse="sector-specific", groups=[("T", "T4.1", "")])) == ("other",)
    assert mapping.categorize(facts(reuse="sector-specific", collections=["green"])) == ("transversal",)


def test_mostly_essential_for_reads_the_occupations_that_need_a_skill():
    rule = parse_mapping({"categories": {"marketing": [{"under": ["S1"], "mostly_essential_for": ["52"]}]}})
    seller = ("5223", "5223", "2142")  # two of three occupations that need it sell
    assert rule.categorize(facts(groups=[("S", "S1.7.2", "")], essential_isco=seller)) == ("marketing",)
    assert rule.categorize(facts(groups=[("S", "S1.7.2", "")], essential_isco=("5223", "2142", "7536"))) == ("other",)
    assert rule.categorize(facts(groups=[("S", "S1.7.2", "")])) == ("other",)  # needed by no occupation


def test_single_skill_corrections_add_a_category():
    customer = "http://data.europa.eu/esco/skill/0da516ee-e70e-4384-be13-f5ff80be8127"
    skill = facts(reuse="cross-sector", groups=[("S", "S1.2.3", "")], uri=customer)
    assert MAPPING.categorize(skill) == ("marketing", "transversal")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"categories": {"sales": [{"under": ["S1"]}]}}, "unknown category 'sales'; expected one of production"),
        ({"categories": {"other": [{"under": ["S1"]}]}}, "'other' is what a skill gets when no rule matches"),
        ({"categories": {"digital": {"under": ["S5"]}}}, "digital: expected a list of rules"),
        ({"categories": {"digital": [{"colections": ["digital"]}]}}, "unknown conditions ['colections']"),
        ({"categories": {"digital": [{"not_under": ["S5"]}]}}, "a rule for 'digital' needs a condition beyond"),
        ({"categories": {"digital": [{"reuse_levels": ["global"]}]}}, "reuse_levels ['global'] unknown"),
        ({"cross_job_areas": {"empathy": [{"under": ["T4"]}]}}, "unknown cross-job area 'empathy'"),
        ({"suppress": {"languages": ["cross-job"]}}, "unknown category 'cross-job'"),
    ],
)
def test_mapping_errors_name_the_entry(raw, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(")):
        parse_mapping(raw)


def test_a_mapping_file_error_names_its_line(tmp_path):
    path = tmp_path / "mapping.yaml"
    path.write_text("categories:\n  digital:\n    - under: [S5]\n    - colour: [blue]\n")
    with pytest.raises(ValueError, match=r"line 4: unknown conditions \['colour'\]"):
        load_mapping(path)


@pytest.fixture(scope="module")
def shipped():
    data = read_esco(DATA_DIR)
    return data, skill_facts(data)


def test_unknown_group_codes_and_rules_matching_nothing_are_refused_with_their_line(shipped, tmp_path):
    data, all_facts = shipped
    path = tmp_path / "mapping.yaml"
    path.write_text(
        "categories:\n  production:\n    - under: [S6]\n    - under: [S6.99]\n"
        "  marketing:\n    - under: [S1.6]\n      reuse_levels: [transversal]\n"
        "skills:\n  http://data.europa.eu/esco/skill/none: [marketing]\n"
    )
    assert check_mapping(load_mapping(path), known_codes(data), list(all_facts.values())) == [
        "line 4: 'S6.99' is not an ESCO skill group code or ISCED-F field",
        "skills: http://data.europa.eu/esco/skill/none is not an ESCO skill",
        "line 4: the rule for 'production' matches no ESCO skill",
        "line 6: the rule for 'marketing' matches no ESCO skill",
    ]


def test_the_shipped_mapping_fits_the_shipped_release(shipped):
    data, all_facts = shipped
    assert check_mapping(MAPPING, known_codes(data), list(all_facts.values())) == []


@pytest.fixture(scope="module")
def shipped_categories(shipped):
    data, _ = shipped
    labels = {s.uri: s.preferred_label for s in data.skills}
    found: dict[str, set[str]] = {}
    for uri, category in category_pairs(data, MAPPING):
        found.setdefault(labels[uri], set()).add(category)
    return found


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("apply social media marketing", {"marketing", "digital"}),
        ("social media marketing techniques", {"marketing", "digital"}),
        ("plan social media marketing campaigns", {"marketing", "management", "digital"}),
        ("marketing principles", {"marketing"}),
        ("sales activities", {"marketing"}),
        ("sell products", {"marketing"}),
        ("perform market research", {"marketing", "transversal"}),
        ("communicate with customers", {"marketing", "transversal"}),
        ("customer service", {"marketing"}),
        ("recommend footwear products to customers", {"marketing"}),  # mostly needed by sellers
        ("sew pieces of fabric", {"production"}),
        ("cut footwear uppers", {"production"}),
        ("health and safety regulations", {"production"}),
        ("quality standards", {"production", "marketing"}),
        ("English", {"languages"}),
        ("speak different languages", {"languages"}),
        ("work in teams", {"transversal"}),
        ("work in textile manufacturing teams", {"transversal"}),
        ("use communication techniques", {"transversal"}),
        ("show initiative", {"transversal"}),
        ("think critically", {"transversal"}),
        ("use spreadsheets software", {"digital"}),
        ("use microsoft office", {"digital"}),
        ("Java (computer programming)", {"digital"}),
        ("manage budgets", {"management", "transversal"}),
        ("lead a team", {"management", "transversal"}),
    ],
)
def test_well_known_skills(shipped_categories, label, expected):
    assert shipped_categories[label] == expected


def test_every_shipped_skill_has_a_category(shipped_categories):
    assert len(shipped_categories) == 13_896

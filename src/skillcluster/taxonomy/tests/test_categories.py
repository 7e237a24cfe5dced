import pytest

from skillcluster.taxonomy.domain.categories import (
    CATEGORIES,
    Category,
    GroupFacts,
    SkillFacts,
    load_mapping,
    parse_mapping,
)
from skillcluster.taxonomy.domain.esco_data import DATA_DIR, read_esco
from skillcluster.taxonomy.services import category_pairs

MAPPING = load_mapping()


def facts(reuse="cross-sector", collections=(), groups=()):
    return SkillFacts(reuse, frozenset(collections), tuple(GroupFacts(*g) for g in groups))


def test_every_category_has_a_name_and_other_comes_last():
    assert CATEGORIES[-1] == "other"
    assert [Category(code).label for code in CATEGORIES] == [
        "production/technical", "marketing and sales", "management", "cross-job (transversal)", "digital",
        "languages", "other",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("skill", "expected"),
    [
        (facts(groups=[("S", "S4.3.1", "")]), ("management",)),
        (facts(groups=[("S", "S4.1.2", "")]), ("marketing", "management")),
        (facts(groups=[("S", "S2.1.1", "")]), ("marketing",)),
        (facts(groups=[("K", "", "0414")]), ("marketing",)),
        (facts(groups=[("K", "", "0715")]), ("production",)),
        (facts(groups=[("S", "S6.5.6", ""), ("S", "S8.5.3", "")]), ("production",)),
        (facts(groups=[("S", "S40", "")]), ("other",)),  # S40 does not lie under S4
        (facts(reuse="transversal", groups=[("T", "T4.3", "")]), ("transversal",)),
        (facts(reuse="transversal", collections=["language"], groups=[("L", "L1", "")]), ("languages",)),
        (facts(collections=["digital"], groups=[("K", "", "0414")]), ("marketing", "digital")),
        (facts(groups=[("K", "", "0417")]), ("other",)),
        (facts(groups=()), ("other",)),
    ],
)
def test_categorize(skill, expected):
    assert MAPPING.categorize(skill) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"categories": {"sales": {}}}, "unknown category 'sales'; expected one of production, marketing"),
        ({"categories": {"other": {}}}, "categories.other: 'other' is what a skill gets when no rule matches"),
        ({"categories": {"digital": {"colections": ["digital"]}}}, "categories.digital: unknown keys ['colections']"),
        ({"suppress": {"languages": ["cross-job"]}}, "unknown category 'cross-job'"),
    ],
)
def test_mapping_errors_name_the_entry(raw, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(")):
        parse_mapping(raw)


@pytest.fixture(scope="module")
def shipped_categories():
    data = read_esco(DATA_DIR)
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
        ("perform market research", {"marketing"}),
        ("sew pieces of fabric", {"production"}),
        ("cut footwear uppers", {"production"}),
        ("English", {"languages"}),
        ("speak different languages", {"languages"}),
        ("work in teams", {"transversal"}),
        ("show initiative", {"transversal"}),
        ("think critically", {"transversal"}),
        ("use spreadsheets software", {"digital"}),
        ("use microsoft office", {"digital"}),
        ("Java (computer programming)", {"digital"}),
        ("manage budgets", {"management"}),
        ("lead a team", {"management"}),
        ("customer service", {"other"}),
    ],
)
def test_well_known_skills(shipped_categories, label, expected):
    assert shipped_categories[label] == expected


def test_every_shipped_skill_has_a_category(shipped_categories):
    assert len(shipped_categories) == 13_896

import pytest

from skillcluster.taxonomy.linking.search import Entry, LabelIndex

INDEX = LabelIndex(
    [
        Entry("skill", 1, "customer service", ("client service", "customer care")),
        Entry("skill", 2, "manage customer service", ()),
        Entry("skill", 3, "use spreadsheets software", ("use spreadsheets", "Excel")),
        Entry("skill", 4, "sew pieces of fabric", ("stitch fabric pieces",)),
        Entry("occupation", 5, "shoemaker", ("shoe maker", "cobbler")),
        Entry("occupation", 6, "customer service representative", ("customer service agent",)),
    ]
)


def found(query, **kwargs):
    return [(h.id, h.matched_label, h.score) for h in INDEX.search(query, **kwargs)]


def test_exact_label_first():
    assert found("customer service") == [
        (1, "customer service", 100.0), (6, "customer service agent", 95.3),
        (2, "manage customer service", 95.1),
    ]  # fmt: skip


def test_typos_and_word_order():
    assert found("custmer servise")[0] == (1, "customer service", 87.1)
    assert found("servise custmer")[0] == (1, "customer service", 87.1)


def test_alternative_label_and_prefix_as_you_type():
    assert found("cobb") == [(5, "cobbler", 84.8)]
    assert found("spreadsh") == [(3, "use spreadsheets", 83.0)]


def test_kinds_filter():
    assert [h.id for h in INDEX.search("customer", kinds=("occupation",))] == [6]


@pytest.mark.parametrize("query", ["", "   ", "😀😀😀", "'; DROP TABLE skill;--", "x" * 50_000, "<b></b>"])
def test_junk_finds_nothing(query):
    assert INDEX.search(query) == []

"""A cluster's own skill categories: loaded from a file all or nothing, used by firm reports and cluster figures."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from skillcluster.audits.models import CategoryOverride, ShownFigure
from skillcluster.audits.selectors import aggregates
from skillcluster.audits.selectors.records import audit_data
from skillcluster.audits.selectors.reports import gap_report
from skillcluster.audits.services.category_overrides import category_overrides_load, category_overrides_text
from skillcluster.audits.tests.conftest import ESCO

FILE = f"""# the district's view
skills:
  {ESCO}sell: [transversal, marketing]
  {ESCO}stitch: [production]
"""


def test_a_listed_skill_has_exactly_the_cluster_categories_in_the_firm_report(world, audit):
    assert category_overrides_load(cluster=world.cluster, text=FILE) == 2
    data = audit_data(world.firm)
    assert data.categories[ESCO + "sell"] == ["marketing", "transversal"]  # replaced, in category order
    assert data.categories[ESCO + "cut"] == ["production"]  # not listed: ESCO's mapping
    labels = [row.label for row in gap_report(world.firm).by_category]
    assert labels == ["production, quality and safety", "marketing, sales and customers", "cross-job"]


def test_overrides_of_another_cluster_change_nothing_here(world, audit):
    category_overrides_load(cluster=world.outsider_firm.cluster, text=FILE)
    assert audit_data(world.firm).categories[ESCO + "sell"] == ["marketing"]


def test_the_cluster_aggregate_uses_the_cluster_categories(world, audit):
    before = aggregates.cluster_aggregate(world.cluster).cells
    category_overrides_load(cluster=world.cluster, text=f"skills:\n  {ESCO}stitch: [transversal]\n")
    ShownFigure.all_objects.all().delete()  # read as if for the first time: one firm's change alone never shows
    after = aggregates.cluster_aggregate(world.cluster).cells
    # one firm: cells are suppressed, but their people counts show where the lines went (both makers stitch)
    assert (before[("15", "transversal")].people, after[("15", "transversal")].people) == (1, 2)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (f"skills:\n  {ESCO}sell: [sales]\n", "line 2: " + ESCO + "sell: sales; expected some of production"),
        (f"skills:\n  {ESCO}sell: [other]\n", "line 2: " + ESCO + "sell: other; expected"),
        (f"skills:\n  {ESCO}sell: [marketing]\n  {ESCO}nope: [production]\n", f"line 3: {ESCO}nope is not an ESCO"),
        ("skills: [a, b]\n", "Expected a mapping 'skills:'"),
        ("skills: {\n", "Not a YAML file"),
    ],
)
def test_a_bad_file_names_the_line_and_changes_nothing(world, audit, text, message):
    category_overrides_load(cluster=world.cluster, text=FILE)
    with pytest.raises(ValidationError) as refused:
        category_overrides_load(cluster=world.cluster, text=text)
    assert message in " ".join(refused.value.messages)
    assert CategoryOverride.all_objects.filter(cluster=world.cluster).count() == 3  # the previous file stands


def test_the_command_loads_and_prints_the_file_format(world, audit, tmp_path):
    path = tmp_path / "overrides.yaml"
    path.write_text(FILE)
    out = StringIO()
    call_command("audit", "category-overrides", str(world.cluster.pk), str(path), stdout=out)
    assert out.getvalue() == "Fermo Footwear: 2 skills have the cluster's own categories.\n"
    printed = StringIO()
    call_command("audit", "category-overrides", str(world.cluster.pk), stdout=printed)
    assert printed.getvalue() == category_overrides_text(cluster=world.cluster)
    assert printed.getvalue().splitlines()[2:] == [
        f"  {ESCO}sell: [marketing, transversal]  # sell footwear products",
        f"  {ESCO}stitch: [production]  # stitch shoe uppers",
    ]
    with pytest.raises(CommandError, match="No cluster with id 999999"):
        call_command("audit", "category-overrides", "999999")

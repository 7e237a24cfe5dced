import io
import json

import pytest
from django.core.management import CommandError, call_command

from skillcluster.diagnostics import services
from skillcluster.diagnostics.selectors import cluster_report
from skillcluster.diagnostics.tests.conftest import answers_for
from skillcluster.diagnostics.tests.test_aggregates import _synthetic_round


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("diagnostic", *args, stdout=out)
    return out.getvalue()


def test_reliability_prints_the_figures_of_the_cluster_page(world, diag_round):
    _synthetic_round(world, diag_round, firms=10, staff=3)
    line = _run("reliability", str(diag_round.pk))
    assert line.count("\n") <= 1
    printed = json.loads(line)
    page = cluster_report.cluster_figures(diag_round).reliability
    assert printed["instrument_version"] == "1"
    assert printed["scales"] == cluster_report.reliability_json(page)
    assert printed["scales"]["proactive_learning"]["n"] == 34


def test_export_writes_csv_to_stdout(world, diag_round, add_peers):
    add_peers([25, 25, 50, 75, 100])
    services.round_close(diagnostic_round=diag_round)
    text = _run("export", str(diag_round.pk))
    assert text.splitlines()[0].startswith("# Skillcluster diagnostic export; instrument_version=1")
    assert len(text.splitlines()) == 6 + 5  # six lines of head, five owners


def test_export_below_five_firms_fails_loudly(world, diag_round, add_peers):
    add_peers([50, 50])
    services.round_close(diagnostic_round=diag_round)
    with pytest.raises(CommandError, match="Only 0 firms count in the figures"):
        _run("export", str(diag_round.pk))


def test_unknown_round(db):
    with pytest.raises(CommandError, match="ROUND: no diagnostic round with id 999"):
        _run("reliability", "999")


def test_answers_helper_gives_exact_levels():
    assert set(answers_for(100).values()) == {1, 5}

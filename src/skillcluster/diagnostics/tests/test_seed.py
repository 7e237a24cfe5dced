"""The demo's diagnostic rounds: answers are released by the service's batch rule, so the figures show."""

import pytest
from django.core.management import call_command

from skillcluster.diagnostics.models import DiagnosticRound, FormKind, Response
from skillcluster.diagnostics.selectors import cluster_report, firm_report
from skillcluster.tenancy.models import Membership

pytestmark = pytest.mark.django_db


def test_seeded_rounds_publish_their_answers_and_the_persona_firm_sees_its_staff(monkeypatch):
    from skillcluster.seeding import seed_steps
    from skillcluster.tenancy.management.commands import seed as command

    steps = [step for step in seed_steps() if step[0] in ("tenancy", "diagnostics")]
    monkeypatch.setattr(command, "seed_steps", lambda: steps)
    call_command("seed", firms=30, seed=7)
    persona_firm = Membership.all_objects.get(person__email="owner@skillcluster.demo").firm_id
    rounds = list(DiagnosticRound.all_objects.filter(cluster__name__startswith="Fermo").order_by("opens_on"))
    assert [r.is_closed for r in rounds] == [True, True, False]
    trend = cluster_report.cluster_trend(rounds)  # two closed rounds: the same-firm change shows
    assert all(row.change is not None and row.change.n >= 5 for row in trend)
    for diagnostic_round in rounds:
        owners = Response.all_objects.filter(round=diagnostic_round, form=FormKind.OWNER)
        figures = cluster_report.cluster_figures(diagnostic_round)
        assert figures.shown
        assert figures.n_firms == owners.count() == owners.exclude(published_at=None).count()
        report = firm_report.firm_report(diagnostic_round, persona_firm)
        assert (report.owner_view_only, report.n_staff, report.staff_waiting) == (False, 3, 0)
        assert report.gaps

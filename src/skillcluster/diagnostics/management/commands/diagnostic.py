"""`skillcluster diagnostic export ROUND` (pseudonymised CSV to stdout) and
`skillcluster diagnostic reliability ROUND` (one JSON line: per-scale alpha, omega, n, flagged items)."""

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scopes_disabled

from skillcluster.diagnostics.models import DiagnosticRound
from skillcluster.diagnostics.selectors.cluster_report import reliability_json, round_reliability
from skillcluster.diagnostics.selectors.export import round_export_csv


class Command(BaseCommand):
    help = "Analysts' tools for a diagnostic round: export its pseudonymised answers, or print scale reliability."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "export", help="pseudonymised CSV of the round's answers (needs 5 answering firms)"
        ).add_argument("round", type=int, help="round id")
        sub.add_parser("reliability", help="per-scale alpha, omega and n as one JSON line").add_argument(
            "round", type=int, help="round id"
        )

    def handle(self, *args: Any, action: str, round: int, **options: Any) -> None:
        # An analyst's command reads across firms on purpose; the k >= 5 floor still applies below.
        with scopes_disabled():
            diagnostic_round = DiagnosticRound.objects.filter(pk=round).first()
            if diagnostic_round is None:
                raise CommandError(f"ROUND: no diagnostic round with id {round}")
            if action == "export":
                self.stdout.write(self._export(diagnostic_round), ending="")
            else:
                rows = round_reliability(diagnostic_round)
                line = {
                    "round": diagnostic_round.pk,
                    "instrument_version": diagnostic_round.instrument_version,
                    "scales": reliability_json(rows),
                }
                self.stdout.write(json.dumps(line))

    def _export(self, diagnostic_round: DiagnosticRound) -> str:
        try:
            return round_export_csv(diagnostic_round)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None

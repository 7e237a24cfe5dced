"""Pseudonymised CSV of a closed round's published responses for the cluster's analysts (R, SPSS, Python).

One row per response: respondent pseudonym, firm pseudonym, size class, start-up flag, respondent role
(owner or staff form), a straight-lining flag (`scoring.straight_lining`), then one column per item code of
the instrument with the raw answer (1..5, before reverse keying; empty where not asked or not answered).
The first lines are ``#`` comments naming the instrument version, the coding and how the firm columns were
coarsened.

Disclosure control: only closed rounds (no before/after reading), only answers that count in the published
figures, staff rows only of firms with at least MIN_STAFF of them, and the quasi-identifiers (size class,
start-up flag) coarsened until every combination holds at least MIN_FIRMS firms (k-anonymity): first the
start-up flag goes, then neighbouring size classes merge, then the size class goes. No names, e-mails or firm
names ever appear.
"""

import csv
import io
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from skillcluster.diagnostics.domain.instrument import DONT_KNOW, Instrument, load_instrument
from skillcluster.diagnostics.domain.scoring import straight_lining
from skillcluster.diagnostics.models import DiagnosticRound, RoundFirm
from skillcluster.diagnostics.selectors.firm_report import FirmData, round_firm_data
from skillcluster.tenancy.domain import disclosure
from skillcluster.tenancy.domain.disclosure import MIN_FIRMS

FIXED_COLUMNS = ["respondent", "firm", "size_class", "startup", "role"]
# The coarsening steps of (size class, start-up flag), each applied on top of the previous one: the flag
# goes first, then the larger size classes merge (most cluster firms are micro), then the size goes.
STEPS = [
    lambda q: (q[0], "*"),
    lambda q: ("medium or large" if q[0] in ("medium", "large") else q[0], q[1]),
    lambda q: ("small or larger" if q[0] != "micro" else q[0], q[1]),
    lambda q: ("*", "*"),
]


def round_export_csv(diagnostic_round: DiagnosticRound) -> str:
    """The CSV text; `ValidationError` for an open round or fewer than MIN_FIRMS published firms."""
    if not diagnostic_round.is_closed:
        raise ValidationError(
            {"round": gettext("The export is ready once the round is closed (no reading before the end)")}
        )
    data = list(round_firm_data(diagnostic_round).values())
    if len(data) < MIN_FIRMS:
        text = gettext("Only %(n)s firms count in the figures; the export needs at least %(min)s (anonymity)")
        raise ValidationError({"round": text % {"n": len(data), "min": MIN_FIRMS}})
    instrument = load_instrument(diagnostic_round.instrument_version)
    codes = [item.code for item in instrument.items]
    rows, coarsened = _rows(diagnostic_round, data, codes, instrument)
    out = io.StringIO()
    out.write(
        f"# Skillcluster diagnostic export; instrument_version={instrument.version}; round={diagnostic_round.pk}\n"
    )
    dont_know = f"; {DONT_KNOW} = don't know" if instrument.dont_know else ""
    out.write(f"# answers are raw (1..5) before reverse keying; empty = not asked or not answered{dont_know}\n")
    out.write(f"# size_class and startup are coarsened until each combination holds {MIN_FIRMS}+ firms ({coarsened})\n")
    out.write("# straight_lining = 1: opposite statements answered alike, or one same answer throughout (careless)\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*FIXED_COLUMNS, "straight_lining", *codes])
    writer.writerows(rows)
    return out.getvalue()


def _rows(
    diagnostic_round: DiagnosticRound, data: Sequence[FirmData], codes: list[str], instrument: Instrument
) -> tuple[list[list[object]], str]:
    pseudonyms = dict(RoundFirm.all_objects.filter(round=diagnostic_round).values_list("firm_id", "pseudonym"))
    qis = disclosure.generalise([(d.firm_id, (d.size_class, str(int(d.is_startup)))) for d in data], STEPS, k=MIN_FIRMS)
    rows: list[list[object]] = []
    for firm, (size, startup) in zip(data, qis, strict=True):
        answers = firm.answers if disclosure.staff_shown(len(firm.answers) - 1) else firm.answers[:1]
        for index, answer in enumerate(answers):
            form = "owner" if index == 0 else "staff"
            fixed = [f"{pseudonyms[firm.firm_id]}-R{index + 1}", pseudonyms[firm.firm_id], size, startup, form]
            flag = int(straight_lining(instrument, answer))
            rows.append([*fixed, flag, *(answer.get(code, "") for code in codes)])
    coarsened = "as they are" if qis == [[d.size_class, str(int(d.is_startup))] for d in data] else "coarsened"
    # Sorted by pseudonym, so the file order says nothing about who answered first.
    return sorted(rows, key=lambda row: str(row[0])), coarsened

"""Pseudonymised CSV of a round's responses for the cluster's analysts (R, SPSS, Python).

One row per submitted response: respondent pseudonym, firm pseudonym, size class, start-up flag,
respondent role (owner or staff form), then one column per item code of the instrument with the raw
answer (1..5, before reverse keying; empty where not asked or not answered). The first lines are
``#`` comments naming the instrument version and the coding. Only rounds with at least 5 answering
firms can be exported; no names, e-mails or firm names ever appear.
"""

import csv
import io

from django.core.exceptions import ValidationError

from skillcluster.diagnostics.domain.instrument import load_instrument
from skillcluster.diagnostics.models import DiagnosticRound, Response, ResponseStatus, RoundFirm
from skillcluster.diagnostics.selectors.firm_report import round_firm_data
from skillcluster.tenancy.domain.disclosure import MIN_FIRMS
from skillcluster.tenancy.domain.sme import is_startup

FIXED_COLUMNS = ["respondent", "firm", "size_class", "startup", "role"]


def round_export_csv(diagnostic_round: DiagnosticRound) -> str:
    """The CSV text; `ValidationError` when fewer than 5 firms have answered."""
    answered = len(round_firm_data(diagnostic_round))
    if answered < MIN_FIRMS:
        raise ValidationError(
            {"round": f"Only {answered} firms have answered; the export needs at least {MIN_FIRMS} (anonymity)"}
        )
    instrument = load_instrument(diagnostic_round.instrument_version)
    codes = [item.code for item in instrument.items]
    out = io.StringIO()
    out.write(
        f"# Skillcluster diagnostic export; instrument_version={instrument.version}; round={diagnostic_round.pk}\n"
    )
    out.write("# answers are raw (1..5) before reverse keying; empty = not asked on that form or not answered\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIXED_COLUMNS + codes)
    for row in _rows(diagnostic_round, codes):
        writer.writerow(row)
    return out.getvalue()


def _rows(diagnostic_round: DiagnosticRound, codes: list[str]) -> list[list[object]]:
    pseudonyms = dict(RoundFirm.all_objects.filter(round=diagnostic_round).values_list("firm_id", "pseudonym"))
    responses = (
        Response.all_objects.filter(
            round=diagnostic_round,
            status=ResponseStatus.SUBMITTED,
            instrument_version=diagnostic_round.instrument_version,
        )
        .values_list("firm_id", "form", "answers", "firm__size_class", "firm__founding_year")
        .order_by("id")
    )
    rows: list[list[object]] = []
    seen: dict[int, int] = {}
    for firm_id, form, answers, size, founded in responses:
        seen[firm_id] = seen.get(firm_id, 0) + 1
        pseudonym = pseudonyms[firm_id]
        startup = int(is_startup(founded, diagnostic_round.opens_on.year))
        fixed = [f"{pseudonym}-R{seen[firm_id]}", pseudonym, size, startup, form]
        rows.append(fixed + [answers.get(code, "") for code in codes])
    # Sorted by pseudonym, so the file order says nothing about who answered first.
    return sorted(rows, key=lambda row: str(row[0]))

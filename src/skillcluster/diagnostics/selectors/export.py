"""Pseudonymised CSV of a closed round's published responses for the cluster's analysts (R, SPSS, Python).

One row per response: respondent pseudonym, firm pseudonym, size class, start-up flag, respondent role
(owner or staff form), the language the statements were shown in (so analysts can check for a language
effect), a straight-lining flag (`scoring.straight_lining`), then one column per item code of the instrument
with the raw answer (1..5, before reverse keying; empty where not asked or not answered). The first lines are
``#`` comments naming the instrument version, the coding and how the firm and language columns were coarsened.

Disclosure control: only closed rounds (no before/after reading), only answers that count in the published
figures, staff rows only of firms with at least MIN_STAFF of them, and the quasi-identifiers (size class,
start-up flag) coarsened until every combination holds at least MIN_FIRMS firms (k-anonymity): first the
start-up flag goes, then neighbouring size classes merge, then the size class goes. The language is a
quasi-identifier too: a firm's staff rows show theirs only where no language among them has fewer than
MIN_STAFF rows (or all share one), and the column shows languages at all only where every combination of the
coarsened firm columns with a firm's languages still holds MIN_FIRMS firms; otherwise it reads ``*``. No
names, e-mails or firm names ever appear.
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

FIXED_COLUMNS = ["respondent", "firm", "size_class", "startup", "role", "language"]
HIDDEN = "*"
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
    rows, coarsened, languages = _rows(diagnostic_round, data, codes, instrument)
    out = io.StringIO()
    out.write(
        f"# Skillcluster diagnostic export; instrument_version={instrument.version}; round={diagnostic_round.pk}\n"
    )
    dont_know = f"; {DONT_KNOW} = don't know" if instrument.dont_know else ""
    out.write(f"# answers are raw (1..5) before reverse keying; empty = not asked or not answered{dont_know}\n")
    out.write(f"# size_class and startup are coarsened until each combination holds {MIN_FIRMS}+ firms ({coarsened})\n")
    out.write(f"# language = the one the statements were shown in; {HIDDEN} where it could point at a firm or a person")
    out.write(f" ({languages})\n")
    out.write("# straight_lining = 1: opposite statements answered alike, or one same answer throughout (careless)\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*FIXED_COLUMNS, "straight_lining", *codes])
    writer.writerows(rows)
    return out.getvalue()


def _rows(
    diagnostic_round: DiagnosticRound, data: Sequence[FirmData], codes: list[str], instrument: Instrument
) -> tuple[list[list[object]], str, str]:
    pseudonyms = dict(RoundFirm.all_objects.filter(round=diagnostic_round).values_list("firm_id", "pseudonym"))
    qis = disclosure.generalise([(d.firm_id, (d.size_class, str(int(d.is_startup)))) for d in data], STEPS, k=MIN_FIRMS)
    # the owner's row, and the staff rows only where at least MIN_STAFF of them count
    kept = [len(d.answers) if disclosure.staff_shown(len(d.answers) - 1) else 1 for d in data]
    languages, shown = _languages(data, qis, kept)
    rows: list[list[object]] = []
    for firm, (size, startup), n, said in zip(data, qis, kept, languages, strict=True):
        for index, answer in enumerate(firm.answers[:n]):
            form = "owner" if index == 0 else "staff"
            fixed = [f"{pseudonyms[firm.firm_id]}-R{index + 1}", pseudonyms[firm.firm_id], size, startup, form]
            flag = int(straight_lining(instrument, answer))
            rows.append([*fixed, said[index], flag, *(answer.get(code, "") for code in codes)])
    coarsened = "as they are" if qis == [[d.size_class, str(int(d.is_startup))] for d in data] else "coarsened"
    # Sorted by pseudonym, so the file order says nothing about who answered first.
    return sorted(rows, key=lambda row: str(row[0])), coarsened, shown


def _languages(
    data: Sequence[FirmData], qis: Sequence[Sequence[str]], kept: Sequence[int]
) -> tuple[list[list[str]], str]:
    """The language column of each firm's exported rows, and how much of it is shown ("as given", "partly
    withheld", "withheld"). Within a firm, a language fewer than MIN_STAFF colleagues answered in would point
    at them: its staff rows then all read ``*``. Across firms, the set of languages a firm answered in is a
    quasi-identifier beside the coarsened size class and start-up flag: unless every such combination holds
    MIN_FIRMS firms, the whole column reads ``*``."""
    languages = []
    for firm, n in zip(data, kept, strict=True):
        owner, staff = firm.languages[0], firm.languages[1:n]
        if len(set(staff)) > 1 and any(staff.count(language) < disclosure.MIN_STAFF for language in staff):
            staff = [HIDDEN] * len(staff)
        languages.append([owner, *staff])
    firms: dict[tuple[str, ...], int] = {}
    for qi, said in zip(qis, languages, strict=True):
        key = (*qi, "+".join(sorted(set(said))))
        firms[key] = firms.get(key, 0) + 1
    if any(count < MIN_FIRMS for count in firms.values()):
        return [[HIDDEN] * len(said) for said in languages], "withheld"
    withheld = any(HIDDEN in said for said in languages)
    return languages, "partly withheld" if withheld else "as given"

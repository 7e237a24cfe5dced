"""A firm's matrix and gap report as CSV or XLSX bytes (through the pure `matrix_export`)."""

import re
from collections.abc import Mapping
from dataclasses import replace

from skillcluster.audits.domain import matrix_export
from skillcluster.audits.domain.gaps import GapLine
from skillcluster.audits.domain.levels import PersonId
from skillcluster.audits.selectors.reports import firm_matrix, gap_report
from skillcluster.tenancy.models import Firm

TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def firm_export(firm: Firm, what: str, fmt: str) -> tuple[bytes, str, str]:
    """(body, content type, file name); ``ValueError`` for an unknown export."""
    if fmt not in TYPES or what not in {"matrix", "gaps"}:
        raise ValueError(f"unknown export {what}.{fmt}")
    stem = re.sub(r"[^A-Za-z0-9]+", "_", firm.legal_name)[:40].strip("_") or "firm"
    name = f"{stem}-{what}.{fmt}"
    return _body(firm, what, fmt), TYPES[fmt], name


def _body(firm: Firm, what: str, fmt: str) -> bytes:
    if what == "matrix":
        matrix = firm_matrix(firm)
        addresses = {p.pk: p.email for p in matrix.people}
        export = matrix_export.MatrixExport(
            people=tuple(p.email for p in matrix.people),
            skills=tuple(matrix_export.SkillColumn(uri, label) for uri, label, _ in matrix.skills),
            levels={(addresses[pk], uri): c.current for (pk, uri), c in matrix.cells.items() if c.current is not None},
        )
        return matrix_export.matrix_csv(export) if fmt == "csv" else matrix_export.matrix_xlsx(export)
    report = gap_report(firm)
    emails: dict[PersonId, str] = {pk: p.email for pk, p in report.data.people.items()}
    lines = [_with_email(line, emails) for line in report.lines]
    write = matrix_export.gap_report_csv if fmt == "csv" else matrix_export.gap_report_xlsx
    return write(lines, report.data.labels, report.data.categories)


def _with_email(line: GapLine, emails: Mapping[PersonId, str]) -> GapLine:
    return replace(line, person_id=emails[line.person_id])
